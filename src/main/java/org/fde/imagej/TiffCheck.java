package org.fde.imagej;

import static org.fde.imagej.ImageFileCheck.MAX_RATIO;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The TIFF part of {@link ImageFileCheck}: walks the image file directories (one instance per file) and checks each
 * image's strips or tiles against the file's length and the declared size.
 */
final class TiffCheck {

	private static final int MAX_IFDS = 1_000_000;

	private final RandomAccessFile f;
	private final boolean little;
	private final long length;

	TiffCheck(RandomAccessFile f, boolean little) throws IOException {
		this.f = f;
		this.little = little;
		this.length = f.length();
	}

	/** @return null when the file is whole, else what is wrong with it */
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
