package org.fde.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy .npy files (format versions 1&ndash;3) holding little-endian float32 ({@code <f4}) or float64
 * ({@code <f8}) arrays in C order: enough for the kernel files of shared/data.
 */
public final class NpyReader {

	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	private NpyReader() {
	}

	/** The values (as double, C order) and shape of an array. */
	public record Array(double[] values, int[] shape) {
	}

	public static Array read(Path path) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(path);
		} catch (IOException e) {
			throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
		}
		if (bytes.length < 10 || bytes[0] != (byte) 0x93 || bytes[1] != 'N' || bytes[2] != 'U') {
			throw new IllegalArgumentException(path + " is not a .npy file");
		}
		ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int major = bytes[6];
		int headerLen;
		int start;
		if (major == 1) {
			headerLen = b.getShort(8) & 0xffff;
			start = 10;
		} else {
			headerLen = b.getInt(8);
			start = 12;
		}
		String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
		String descr = group(DESCR, header, path, "descr");
		if (group(FORTRAN, header, path, "fortran_order").equals("True")) {
			throw new IllegalArgumentException(path + ": Fortran-order arrays are not supported");
		}
		String[] dims = group(SHAPE, header, path, "shape").split(",");
		int count = 0;
		for (String d : dims) {
			if (!d.isBlank()) {
				count++;
			}
		}
		int[] shape = new int[count];
		long n = 1;
		int j = 0;
		for (String d : dims) {
			if (!d.isBlank()) {
				shape[j] = Integer.parseInt(d.trim());
				n *= shape[j++];
			}
		}
		int data = start + headerLen;
		double[] v = new double[(int) n];
		switch (descr) {
		case "<f8" -> {
			for (int i = 0; i < n; i++) {
				v[i] = b.getDouble(data + 8 * i);
			}
		}
		case "<f4" -> {
			for (int i = 0; i < n; i++) {
				v[i] = b.getFloat(data + 4 * i);
			}
		}
		default -> throw new IllegalArgumentException(path + ": dtype " + descr + " not supported (<f4 or <f8)");
		}
		return new Array(v, shape);
	}

	private static String group(Pattern p, String header, Path path, String field) {
		Matcher m = p.matcher(header);
		if (!m.find()) {
			throw new IllegalArgumentException(path + ": header has no '" + field + "'");
		}
		return m.group(1);
	}
}
