package org.fde.imagej;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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

	private static final int MAX_IFDS = 1_000_000;

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
				problem = new Tiff(f, head[0] == 'I').check();
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

	/** The TIFF walk: one instance per file. */
	private static final class Tiff {
		private final RandomAccessFile f;
		private final boolean little;
		private final long length;

		Tiff(RandomAccessFile f, boolean little) throws IOException {
			this.f = f;
			this.little = little;
			this.length = f.length();
		}

		String check() throws IOException {
			int magic = u16(2);
			if (magic == 43) {
				return "it is a BigTIFF, which this program cannot read: save it as a standard TIFF";
			}
			if (magic != 42) {
				return "not a TIFF (byte 2 holds " + magic + ", not 42)";
			}
			long ifd = u32(4);
			Set<Long> seen = new HashSet<>();
			int index = 0;
			while (ifd != 0) {
				if (ifd < 8 || ifd + 2 > length) {
					return "image " + (index + 1) + "'s directory is at byte " + ifd + ", beyond the file's "
							+ length + " bytes";
				}
				if (!seen.add(ifd) || index >= MAX_IFDS) {
					return "its image directories form a loop";
				}
				int entries = u16(ifd);
				long end = ifd + 2 + 12L * entries;
				if (end + 4 > length) {
					return "image " + (index + 1) + "'s directory runs past the end of the file";
				}
				String p = ifd(ifd, entries, index);
				if (p != null) {
					return p;
				}
				ifd = u32(end);
				index++;
			}
			return index == 0 ? "it holds no image" : null;
		}

		private String ifd(long at, int entries, int index) throws IOException {
			long w = 0;
			long h = 0;
			long spp = 1;
			long bps = 1;
			long compression = 1;
			long rowsPerStrip = -1;
			long planar = 1;
			long tileW = 0;
			long tileH = 0;
			long[] offsets = null;
			long[] counts = null;
			boolean tiled = false;
			String description = null;
			for (int e = 0; e < entries; e++) {
				long p = at + 2 + 12L * e;
				int tag = u16(p);
				int type = u16(p + 2);
				long count = u32(p + 4);
				switch (tag) {
				case 256 -> w = value(p, type);
				case 257 -> h = value(p, type);
				case 258 -> bps = value(p, type);
				case 259 -> compression = value(p, type);
				case 277 -> spp = value(p, type);
				case 278 -> rowsPerStrip = value(p, type);
				case 284 -> planar = value(p, type);
				case 322 -> tileW = value(p, type);
				case 323 -> tileH = value(p, type);
				case 273, 324 -> {
					offsets = array(p, type, count);
					tiled = tag == 324;
				}
				case 279, 325 -> counts = array(p, type, count);
				case 270 -> description = ascii(p, count);
				default -> {
					// other tags do not locate pixel data
				}
				}
				if (offsets == null && (tag == 273 || tag == 324)) {
					return "image " + (index + 1) + "'s pixel offsets lie beyond the end of the file";
				}
				if (counts == null && (tag == 279 || tag == 325)) {
					return "image " + (index + 1) + "'s pixel byte counts lie beyond the end of the file";
				}
			}
			String img = "image " + (index + 1) + " (" + w + "x" + h + ")";
			if (w < 1 || h < 1) {
				return img + " declares no pixels";
			}
			if (offsets == null) {
				return img + " has no pixel data";
			}
			long bytesPerPixel = Math.max(1, spp * bps / 8);
			long rowBytes = (w * spp * bps + 7) / 8;
			long declared = rowBytes * h;
			long planes = planar == 2 ? spp : 1;
			long unitBytes;
			long units;
			if (tiled) {
				if (tileW < 1 || tileH < 1) {
					return img + " has tiles without a tile size";
				}
				units = ceil(w, tileW) * ceil(h, tileH) * planes;
				unitBytes = (tileW * (planar == 2 ? 1 : spp) * bps + 7) / 8 * tileH;
			} else {
				long rps = rowsPerStrip < 1 || rowsPerStrip > h ? h : rowsPerStrip;
				units = ceil(h, rps) * planes;
				unitBytes = (w * (planar == 2 ? 1 : spp) * bps + 7) / 8 * rps;
			}
			if (offsets.length < units) {
				return img + " declares " + units + (tiled ? " tiles" : " strips") + " of pixel data but lists "
						+ offsets.length;
			}
			long present = 0;
			for (int i = 0; i < offsets.length; i++) {
				long n = counts != null && i < counts.length ? counts[i] : compression == 1 ? unitBytes : 0;
				if (offsets[i] < 0 || offsets[i] + n > length) {
					return img + "'s pixel data ends at byte " + (offsets[i] + n) + " but the file has " + length
							+ " bytes";
				}
				present += n;
			}
			if (compression == 1 && counts != null && present < declared) {
				return img + " declares " + declared + " bytes of pixels but holds " + present;
			}
			if (compression != 1 && (counts == null || declared > MAX_RATIO * Math.max(present, 1))) {
				return img + " declares " + declared + " bytes of pixels, implausible for " + present
						+ " bytes of compressed data";
			}
			if (index == 0 && compression == 1 && description != null && description.startsWith("ImageJ")) {
				long images = imagejImages(description);
				long need = offsets[0] + images * w * h * bytesPerPixel;
				if (images > 1 && need > length) {
					return "the ImageJ stack declares " + images + " planes of " + w + "x" + h + " pixels, ending at "
							+ "byte " + need + ", but the file has " + length + " bytes";
				}
			}
			return null;
		}

		private static long imagejImages(String description) {
			for (String line : description.split("\n")) {
				if (line.startsWith("images=")) {
					try {
						return Long.parseLong(line.substring(7).trim());
					} catch (NumberFormatException e) {
						return 1;
					}
				}
			}
			return 1;
		}

		private static long ceil(long a, long b) {
			return (a + b - 1) / b;
		}

		/** A SHORT or LONG value (the first one when the entry holds several, as BitsPerSample of RGB does). */
		private long value(long entry, int type) throws IOException {
			int size = type == 3 ? 2 : 4;
			long count = u32(entry + 4);
			long at = count * size <= 4 ? entry + 8 : u32(entry + 8);
			if (at + size > length) {
				return 0;
			}
			return size == 2 ? u16(at) : u32(at);
		}

		/** A SHORT or LONG array, inline or at its offset; null when it lies outside the file. */
		private long[] array(long entry, int type, long count) throws IOException {
			int size = type == 3 ? 2 : 4;
			if (count < 0 || count > (length / size) + 1) {
				return null;
			}
			long at = count * size <= 4 ? entry + 8 : u32(entry + 8);
			if (at + count * size > length) {
				return null;
			}
			long[] a = new long[(int) count];
			byte[] b = new byte[(int) (count * size)];
			f.seek(at);
			f.readFully(b);
			for (int i = 0; i < a.length; i++) {
				a[i] = size == 2 ? num(b, i * 2, 2) : num(b, i * 4, 4);
			}
			return a;
		}

		private String ascii(long entry, long count) throws IOException {
			if (count > 1 << 20) {
				return null;
			}
			long at = count <= 4 ? entry + 8 : u32(entry + 8);
			if (at + count > length) {
				return null;
			}
			byte[] b = new byte[(int) count];
			f.seek(at);
			f.readFully(b);
			return new String(b, StandardCharsets.ISO_8859_1);
		}

		private int u16(long at) throws IOException {
			byte[] b = new byte[2];
			f.seek(at);
			f.readFully(b);
			return (int) num(b, 0, 2);
		}

		private long u32(long at) throws IOException {
			byte[] b = new byte[4];
			f.seek(at);
			f.readFully(b);
			return num(b, 0, 4);
		}

		private long num(byte[] b, int off, int n) {
			long v = 0;
			for (int i = 0; i < n; i++) {
				int k = little ? off + n - 1 - i : off + i;
				v = (v << 8) | (b[k] & 0xff);
			}
			return v;
		}
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
