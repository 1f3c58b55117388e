package org.fde.kernel.gen;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A streaming writer of NumPy {@code .npy} files, format version 1.0, C order: {@code float32} little-endian
 * ({@code '<f4'}) or {@code uint8} ({@code '|u1'}).
 * <p>
 * The header is the magic {@code \x93NUMPY}, the version bytes 1 and 0, a little-endian uint16 header length, then
 * the ASCII dictionary padded with spaces and ended by a newline so that the data start at a multiple of 64 bytes
 * (as NumPy itself writes). Values are appended with {@link #write}; {@link #close} fails if fewer values were
 * written than the shape holds, and {@link #write} fails if more are given. Not thread-safe.
 * <pre>
 * try (NpyWriter w = NpyWriter.open(path, NpyWriter.Dtype.FLOAT32, n, size, size)) {
 *     for (float[] k : kernels) w.write(k);
 * }
 * </pre>
 */
public final class NpyWriter implements Closeable {

	/** The element types this writer supports. */
	public enum Dtype {
		FLOAT32("<f4", 4), UINT8("|u1", 1);

		final String descr;
		final int bytes;

		Dtype(String descr, int bytes) {
			this.descr = descr;
			this.bytes = bytes;
		}

		/** The NumPy type string written in the header. */
		public String descr() {
			return descr;
		}
	}

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final int ALIGN = 64;

	private final OutputStream out;
	private final Dtype dtype;
	private final long expected;
	private long written;
	private boolean closed;

	private NpyWriter(OutputStream out, Dtype dtype, long expected) {
		this.out = out;
		this.dtype = dtype;
		this.expected = expected;
	}

	/**
	 * Create (or replace) the file and write the header for the given shape.
	 *
	 * @param shape one or more dimensions, each &ge; 0
	 * @throws IllegalArgumentException if the shape is empty or has a negative dimension
	 */
	public static NpyWriter open(Path path, Dtype dtype, int... shape) throws IOException {
		byte[] header = header(dtype, shape);
		long count = 1;
		for (int d : shape) {
			count *= d;
		}
		OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
		try {
			os.write(header);
		} catch (IOException e) {
			os.close();
			throw e;
		}
		return new NpyWriter(os, dtype, count);
	}

	/** Write a whole float32 array of the given shape in one call. */
	public static void write(Path path, float[] data, int... shape) throws IOException {
		try (NpyWriter w = open(path, Dtype.FLOAT32, shape)) {
			w.write(data);
		}
	}

	/**
	 * The complete header (magic, version, length, padded dictionary) for a C-order array.
	 *
	 * @throws IllegalArgumentException if the shape is empty, has a negative dimension, or the header exceeds the
	 *                                  65535 bytes of format 1.0
	 */
	public static byte[] header(Dtype dtype, int... shape) {
		if (dtype == null) {
			throw new IllegalArgumentException("dtype must be FLOAT32 or UINT8, got null");
		}
		if (shape == null || shape.length == 0) {
			throw new IllegalArgumentException("shape must have at least one dimension");
		}
		StringBuilder dims = new StringBuilder("(");
		for (int i = 0; i < shape.length; i++) {
			if (shape[i] < 0) {
				throw new IllegalArgumentException("shape[" + i + "] must be >= 0, got " + shape[i]);
			}
			if (i > 0) {
				dims.append(", ");
			}
			dims.append(shape[i]);
		}
		dims.append(shape.length == 1 ? ",)" : ")");
		String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
		int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
		int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
		String text = dict + " ".repeat(padding) + "\n";
		if (text.length() > 0xFFFF) {
			throw new IllegalArgumentException("shape has too many dimensions for an .npy 1.0 header");
		}
		byte[] dictBytes = text.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + dictBytes.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) dictBytes.length).put(dictBytes);
		return b.array();
	}

	/** Append float32 values (only for {@link Dtype#FLOAT32}). */
	public void write(float[] values) throws IOException {
		require(Dtype.FLOAT32, values.length);
		ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(values);
		out.write(b.array());
		written += values.length;
	}

	/** Append uint8 values (only for {@link Dtype#UINT8}). */
	public void write(byte[] values) throws IOException {
		require(Dtype.UINT8, values.length);
		out.write(values);
		written += values.length;
	}

	private void require(Dtype type, int n) {
		if (closed) {
			throw new IllegalStateException("writer is closed");
		}
		if (dtype != type) {
			throw new IllegalArgumentException("this file holds " + dtype + ", cannot write " + type);
		}
		if (written + n > expected) {
			throw new IllegalArgumentException("too many values: the shape holds " + expected + ", got "
					+ (written + n));
		}
	}

	/** Flush and close; fails if the shape was not filled. */
	@Override
	public void close() throws IOException {
		if (closed) {
			return;
		}
		closed = true;
		out.close();
		if (written != expected) {
			throw new IOException("incomplete .npy file: wrote " + written + " of " + expected + " values");
		}
	}
}
