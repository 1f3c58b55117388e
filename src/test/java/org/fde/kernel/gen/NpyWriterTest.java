package org.fde.kernel.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyWriterTest {

	@TempDir
	Path dir;

	/** A parsed .npy file: dtype string, shape and the raw data bytes. */
	record Parsed(String descr, int[] shape, ByteBuffer data) {
	}

	/** Minimal .npy 1.0 reader, independent of the writer, used to check what the writer produced. */
	static Parsed parse(Path path) throws IOException {
		byte[] bytes = Files.readAllBytes(path);
		assertEquals((byte) 0x93, bytes[0]);
		assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
		assertEquals(1, bytes[6], "major version");
		assertEquals(0, bytes[7], "minor version");
		int len = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
		assertEquals(0, (10 + len) % 64, "data must start on a 64-byte boundary");
		String header = new String(bytes, 10, len, StandardCharsets.US_ASCII);
		assertTrue(header.endsWith("\n"), "header must end with a newline");
		Matcher m = Pattern.compile("\\{'descr': '([^']+)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\n")
				.matcher(header);
		assertTrue(m.matches(), "header: " + header);
		int[] shape = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(s -> !s.isEmpty())
				.mapToInt(Integer::parseInt).toArray();
		ByteBuffer data = ByteBuffer.wrap(bytes, 10 + len, bytes.length - 10 - len).slice()
				.order(ByteOrder.LITTLE_ENDIAN);
		return new Parsed(m.group(1), shape, data);
	}

	@Test
	void float32RoundTrip() throws IOException {
		float[] values = new float[2 * 3 * 4];
		for (int i = 0; i < values.length; i++) {
			values[i] = (float) Math.sin(i) * 1e-3f;
		}
		values[5] = Float.MIN_VALUE;
		values[6] = -0f;
		Path p = dir.resolve("a.npy");
		NpyWriter.write(p, values, 2, 3, 4);
		Parsed r = parse(p);
		assertEquals("<f4", r.descr());
		assertArrayEquals(new int[] { 2, 3, 4 }, r.shape());
		assertEquals(values.length * 4, r.data().remaining());
		float[] back = new float[values.length];
		r.data().asFloatBuffer().get(back);
		assertArrayEquals(values, back);
	}

	@Test
	void streamingWritesAndOneDimensionalUint8() throws IOException {
		Path p = dir.resolve("b.npy");
		try (NpyWriter w = NpyWriter.open(p, NpyWriter.Dtype.FLOAT32, 3, 2)) {
			w.write(new float[] { 1, 2 });
			w.write(new float[] { 3, 4, 5, 6 });
		}
		float[] back = new float[6];
		parse(p).data().asFloatBuffer().get(back);
		assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6 }, back);

		Path q = dir.resolve("c.npy");
		try (NpyWriter w = NpyWriter.open(q, NpyWriter.Dtype.UINT8, 5)) {
			w.write(new byte[] { 0, 1, 2, 3, (byte) 255 });
		}
		Parsed r = parse(q);
		assertEquals("|u1", r.descr());
		assertArrayEquals(new int[] { 5 }, r.shape());
		assertEquals(255, r.data().get(4) & 0xFF);
		assertTrue(new String(NpyWriter.header(NpyWriter.Dtype.UINT8, 5), StandardCharsets.US_ASCII)
				.contains("'shape': (5,)"), "a 1-D shape is written as a one-element tuple");
	}

	@Test
	void shapeMismatchesFail() throws IOException {
		Path p = dir.resolve("d.npy");
		NpyWriter w = NpyWriter.open(p, NpyWriter.Dtype.FLOAT32, 2, 2);
		assertThrows(IllegalArgumentException.class, () -> w.write(new float[5]));
		w.write(new float[3]);
		assertThrows(IOException.class, w::close);
		assertThrows(IllegalArgumentException.class, () -> NpyWriter.header(NpyWriter.Dtype.FLOAT32, 2, -1));
		assertThrows(IllegalArgumentException.class, () -> NpyWriter.header(NpyWriter.Dtype.FLOAT32));
		try (NpyWriter u = NpyWriter.open(dir.resolve("e.npy"), NpyWriter.Dtype.UINT8, 1)) {
			assertThrows(IllegalArgumentException.class, () -> u.write(new float[1]));
			u.write(new byte[1]);
		}
	}
}
