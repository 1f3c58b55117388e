package org.fde.imagej;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks an image file's structure before any pixel is read: the size its header declares must fit the file and the
 * pixel data that is actually present. ImageJ's readers fill missing TIFF strips with zeros, and allocate whatever
 * size a header claims (a 300-byte TIFF claiming 8000&times;8000 pixels becomes a 256 MB image of zeros), so a damaged
 * file would otherwise be processed as if it were whole.
 * <p>
 * TIFF: every image file directory (IFD) must lie in the file; every strip or tile must end inside the file; the
 * strips or tiles must cover the declared rows, and, uncompressed, hold the declared bytes (compressed: the declared
 * size may be at most {@value #MAX_RATIO} times the compressed bytes, above any real codec's ratio on real data). An
 * ImageJ stack's planes ({@code images=N} in its description, read contiguously by ImageJ) must all be present. PNG:
 * the chunks must chain to {@code IEND} inside the file, with image data whose size fits the declared size.
 * JPEG: the markers must chain to a scan, and the file must end with the end-of-image marker.
 * <p>
 * The check reads headers and offsets only (a few KB), never the pixels.
 */
public final class ImageFileCheck {

	/** The largest accepted ratio of declared (decoded) bytes to compressed bytes. */
	static final long MAX_RATIO = 4096;

	private ImageFileCheck() {
	}

	/**
	 * Checks a TIFF, PNG or JPEG file (told apart by their signatures; other files pass unchecked, for the reader to
	 * refuse).
	 *
	 * @throws IllegalArgumentException naming the file and what is wrong with it
	 */
	public static void check(Path path) {
		try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
			if (f.length() == 0) {
				throw new IllegalArgumentException(path + " is empty (0 bytes)");
			}
			byte[] head = new byte[8];
			int n = f.read(head);
			String problem;
			if (n >= 4 && ((head[0] == 'I' && head[1] == 'I') || (head[0] == 'M' && head[1] == 'M'))) {
				problem = new TiffCheck(f, head[0] == 'I').check();
			} else if (n == 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
				problem = png(f);
			} else if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
				problem = jpeg(f);
			} else {
				problem = null;
			}
			if (problem != null) {
				throw new IllegalArgumentException(path + " is damaged or truncated: " + problem);
			}
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot read " + path + ": " + reason(e));
		}
	}

	/** A short reason for an I/O error: the operating system's wording where Java has it. */
	static String reason(IOException e) {
		if (e instanceof java.nio.file.AccessDeniedException) {
			return "permission denied";
		}
		if (e instanceof java.nio.file.FileSystemException fe && fe.getReason() != null) {
			return fe.getReason();
		}
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}

	/** PNG: chunks chained to IEND, IHDR's size against the compressed data. */
	private static String png(RandomAccessFile f) throws IOException {
		long length = f.length();
		long at = 8;
		long w = 0;
		long h = 0;
		long bitsPerPixel = 8;
		long idat = 0;
		while (true) {
			if (at + 8 > length) {
				return "it ends at byte " + length + " before its end chunk (IEND)";
			}
			f.seek(at);
			long n = f.readInt() & 0xffffffffL;
			byte[] t = new byte[4];
			f.readFully(t);
			String type = new String(t, StandardCharsets.ISO_8859_1);
			if (at + 12 + n > length) {
				return "its " + type + " chunk ends at byte " + (at + 12 + n) + " but the file has " + length
						+ " bytes";
			}
			if (type.equals("IHDR") && n >= 13) {
				w = f.readInt() & 0xffffffffL;
				h = f.readInt() & 0xffffffffL;
				int depth = f.read();
				int colour = f.read();
				int channels = switch (colour) {
				case 2 -> 3;
				case 4 -> 2;
				case 6 -> 4;
				default -> 1;
				};
				bitsPerPixel = (long) depth * channels;
			} else if (type.equals("IDAT")) {
				idat += n;
			} else if (type.equals("IEND")) {
				break;
			}
			at += 12 + n;
		}
		if (w < 1 || h < 1) {
			return "it declares no pixels";
		}
		if (idat == 0) {
			return "it has no image data";
		}
		long declared = h * (1 + (w * bitsPerPixel + 7) / 8);
		if (declared > MAX_RATIO * idat) {
			return String.format(Locale.ROOT, "it declares %dx%d pixels, implausible for %d bytes of image data", w,
					h, idat);
		}
		return null;
	}

	/** JPEG: markers chained to a frame and a scan, and the end-of-image marker last. */
	private static String jpeg(RandomAccessFile f) throws IOException {
		long length = f.length();
		long at = 2;
		long w = 0;
		long h = 0;
		long comps = 1;
		while (true) {
			if (at + 4 > length) {
				return "it ends at byte " + length + " before its image data";
			}
			f.seek(at);
			int ff = f.read();
			int marker = f.read();
			if (ff != 0xff) {
				return "a marker is missing at byte " + at;
			}
			if (marker == 0xff || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
				at += marker == 0xff ? 1 : 2;
				continue;
			}
			int n = f.readUnsignedShort();
			if (at + 2 + n > length) {
				return "a header segment ends at byte " + (at + 2 + n) + " but the file has " + length + " bytes";
			}
			boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
			if (frame) {
				f.read(); // precision
				h = f.readUnsignedShort();
				w = f.readUnsignedShort();
				comps = f.read();
			}
			if (marker == 0xda) {
				break;
			}
			at += 2 + n;
		}
		if (w < 1 || h < 1) {
			return "it declares no pixels before its image data";
		}
		long scan = length - at;
		if (w * h * Math.max(1, comps) > MAX_RATIO * scan) {
			return String.format(Locale.ROOT, "it declares %dx%d pixels, implausible for %d bytes of image data", w,
					h, scan);
		}
		// the end-of-image marker, allowing a few padding bytes after it
		int tail = (int) Math.min(length - at, 64);
		byte[] b = new byte[tail];
		f.seek(length - tail);
		f.readFully(b);
		for (int i = tail - 2; i >= 0; i--) {
			if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xd9) {
				return null;
			}
			if (b[i + 1] != 0) {
				break;
			}
		}
		return "it ends without the end-of-image marker (truncated image data)";
	}
}
