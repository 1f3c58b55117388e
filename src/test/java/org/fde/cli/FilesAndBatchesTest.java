package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.fde.cli.CliFixtures.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;

/**
 * Files and batches never lose data or fake a result: each defect of issue 33, reproduced with small files made
 * here. Every test checks the exit status, the message, and that no output was written or changed.
 */
class FilesAndBatchesTest {

	@TempDir
	Path dir;

	/** A 64x64 32-bit TIFF (16 KB of pixels). */
	private Path floatTiff(String name) {
		FloatProcessor fp = new FloatProcessor(64, 64);
		for (int i = 0; i < 64 * 64; i++) {
			fp.setf(i, 100 + 50 * (float) Math.sin(i * 0.37) + (i % 64));
		}
		Path p = dir.resolve(name);
		assertTrue(new FileSaver(new ImagePlus(name, fp)).saveAsTiff(p.toString()));
		return p;
	}

	private Path truncated(Path source, String name, int bytes) throws IOException {
		byte[] b = Files.readAllBytes(source);
		return Files.write(dir.resolve(name), Arrays.copyOf(b, bytes));
	}

	private static void assertNoFile(Path p) {
		assertFalse(Files.exists(p), p + " must not exist");
	}

	private static void assertNotLoaded(Run r) {
		assertFalse(r.out().contains("loaded image prior"), "the networks must not load: " + r.out());
	}

	// 1. a truncated TIFF (and PNG, JPEG) is refused, not deblurred as if the missing pixels were black

	@Test
	void truncatedTiffIsRefusedByDeblurAndSimulate() throws IOException {
		Path cut = truncated(floatTiff("a.tif"), "t.tif", 8000);
		Path out = dir.resolve("out/t.tif");
		Run r = CliFixtures.deblur("--input", cut.toString(), "--output", out.toString());
		assertEquals(1, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("error: t.tif: ") && r.err().contains("is damaged or truncated")
				&& r.err().contains("(64x64)'s pixel data ends at byte ") && r.err().contains(" but the file has 8000 "
						+ "bytes"), r.err());
		assertNotLoaded(r);
		assertNoFile(out);
		Run s = CliFixtures.run("simulate", "--input", cut.toString(), "--output", dir.resolve("b.tif").toString(),
				"--kernel-output", dir.resolve("k.tif").toString(), "--kernelsize", "5");
		assertEquals(2, s.status(), s.out() + s.err());
		assertTrue(s.err().contains("is damaged or truncated"), s.err());
		assertNoFile(dir.resolve("b.tif"));
		assertNoFile(dir.resolve("k.tif"));
	}

	@ParameterizedTest
	@CsvSource({ "png,its IDAT chunk ends at byte", "jpg,without the end-of-image marker" })
	void truncatedPngAndJpegAreRefused(String ending, String message) throws IOException {
		ImagePlus imp = new ImagePlus("x", new FloatProcessor(64, 64, floats(64 * 64)).convertToByte(true));
		Path whole = dir.resolve("whole." + ending);
		assertTrue(ending.equals("png") ? new FileSaver(imp).saveAsPng(whole.toString())
				: new FileSaver(imp).saveAsJpeg(whole.toString()));
		Path cut = truncated(whole, "cut." + ending, (int) Files.size(whole) / 2);
		Path out = dir.resolve("o.tif");
		Run r = CliFixtures.run("simulate", "--input", cut.toString(), "--output", out.toString(), "--kernel-output",
				dir.resolve("k.tif").toString(), "--kernelsize", "5");
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("is damaged or truncated: ") && r.err().contains(message), r.err());
		assertNoFile(out);
		Run whole2 = CliFixtures.run("simulate", "--input", whole.toString(), "--output", out.toString(),
				"--kernel-output", dir.resolve("k.tif").toString(), "--kernelsize", "5");
		assertEquals(0, whole2.status(), "the intact file is read: " + whole2.err());
	}

	// 2. a tiny file whose header claims a huge image is refused without allocating it

	@Test
	void hugeHeaderInATinyFileIsRefused() throws IOException {
		Path strips = Files.write(dir.resolve("big.tif"), tiff(8000, 8000, 1, new int[][] { { 273, 200 },
				{ 279, 256_000_000 }, { 278, 8000 } }));
		assertEquals(300, Files.size(strips));
		assertRefused(strips, "image 1 (8000x8000)'s pixel data ends at byte 256000200 but the file has 300 bytes");
		Path lzw = Files.write(dir.resolve("lzw.tif"), tiff(8000, 8000, 5, new int[][] { { 273, 200 }, { 279, 90 },
				{ 278, 8000 } }));
		assertRefused(lzw, "declares 256000000 bytes of pixels, implausible for 90 bytes of compressed data");
		Path tiles = Files.write(dir.resolve("tiles.tif"), tiff(8000, 8000, 1, new int[][] { { 322, 8000 },
				{ 323, 8000 }, { 324, 200 }, { 325, 256_000_000 } }));
		assertRefused(tiles, "pixel data ends at byte 256000200");
		Path fewStrips = Files.write(dir.resolve("few.tif"), tiff(64, 64, 1, new int[][] { { 273, 200 },
				{ 279, 256 }, { 278, 1 } }));
		assertRefused(fewStrips, "declares 64 strips of pixel data but lists 1");
		assertRefused(Files.write(dir.resolve("empty.tif"), new byte[0]), "empty.tif is empty (0 bytes)");
	}

	private void assertRefused(Path in, String message) {
		Path out = dir.resolve("o-" + in.getFileName());
		Run r = CliFixtures.run("simulate", "--input", in.toString(), "--output", out.toString(), "--kernel-output",
				dir.resolve("k-" + in.getFileName()).toString(), "--kernelsize", "5");
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains(message), r.err());
		assertNoFile(out);
	}

	/**
	 * A 300-byte little-endian 32-bit TIFF with one image directory: width, height, 32 bits per sample, the
	 * compression, and the given (tag, LONG value) entries; no pixel data.
	 */
	static byte[] tiff(int w, int h, int compression, int[][] more) {
		ByteBuffer b = ByteBuffer.allocate(300).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		int[][] base = { { 256, w }, { 257, h }, { 258, 32 }, { 259, compression }, { 262, 1 }, { 277, 1 },
				{ 339, 3 } };
		int[][] all = Stream.concat(Arrays.stream(base), Arrays.stream(more)).sorted((x, y) -> x[0] - y[0])
				.toArray(int[][]::new);
		b.putShort((short) all.length);
		for (int[] e : all) {
			b.putShort((short) e[0]).putShort((short) 4).putInt(1).putInt(e[1]);
		}
		b.putInt(0);
		return b.array();
	}

	// 3. outputs that collide are refused before any work, whatever --overwrite says

	@Test
	void imageAndKernelOutputOfOneNameAreRefused() throws IOException {
		Path in = floatTiff("a.tif");
		Path o = dir.resolve("x/o.tif");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", o.toString(), "--kernel-output",
				o.toString());
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("--output and --kernel-output are the same file"), r.err());
		assertNotLoaded(r);
		assertNoFile(o);
		Run s = CliFixtures.run("simulate", "--input", in.toString(), "--output", o.toString(), "--kernel-output",
				dir.resolve("x/../x/o.tif").toString(), "--overwrite");
		assertEquals(2, s.status(), s.out() + s.err());
		assertTrue(s.err().contains("--output and --kernel-output are the same file"), s.err());
		assertNoFile(o);
	}

	@Test
	void batchOutputsThatCollideAcrossInputsAreRefused() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(floatTiff("a.tif"), in.resolve("a.tif"));
		Files.copy(floatTiff("b.tif"), in.resolve("a-kernel.tif"));
		Path out = dir.resolve("out");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				out.toString());
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("--output of a-kernel.tif and --kernel-output of a.tif are the same file"),
				r.err());
		assertNotLoaded(r);
		assertNoFile(out);
		Run file = CliFixtures.deblur("--input", in.toString(), "--output", dir.resolve("o.tif").toString());
		assertEquals(2, file.status(), file.out() + file.err());
		assertTrue(file.err().contains("--output must be a folder when --input is a folder, but o.tif is an image "
				+ "file name"), file.err());
		assertNoFile(dir.resolve("o.tif"));
		Path folderNamedLikeAnOutput = Files.createDirectories(dir.resolve("res/a.tif"));
		Run folder = CliFixtures.deblur("--input", in.toString(), "--output", dir.resolve("res").toString(),
				"--overwrite");
		assertEquals(2, folder.status(), folder.out() + folder.err());
		assertTrue(folder.err().contains("the output " + folderNamedLikeAnOutput + " (--output) is a folder"),
				folder.err());
		assertNotLoaded(folder);
	}

	@Test
	void anOutputThatIsThePsfOrAnUnrelatedFileIsNotReplaced() throws IOException {
		Path in = floatTiff("a.tif");
		Path psf = floatTiff("psf.tif");
		byte[] psfBytes = Files.readAllBytes(psf);
		Run r = CliFixtures.run("deblur", "--input", in.toString(), "--output", psf.toString(), "--method",
				"nonblind", "--psf", psf.toString(), "--overwrite");
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("is the input file"), r.err());
		assertArrayEquals(psfBytes, Files.readAllBytes(psf));

		Path unrelated = floatTiff("result.tif"); // a file of the user's, not an output of this program
		byte[] before = Files.readAllBytes(unrelated);
		Run s = CliFixtures.deblur("--input", in.toString(), "--output", unrelated.toString());
		assertEquals(2, s.status(), s.out() + s.err());
		assertTrue(s.err().contains("exists and is not deblur's image output for a.tif: --overwrite replaces it"),
				s.err());
		assertNotLoaded(s);
		assertArrayEquals(before, Files.readAllBytes(unrelated));
	}

	@Test
	void aSimulatedImageIsNotTakenForADeblurredOne() {
		Path in = floatTiff("a.tif");
		Path b = dir.resolve("res/a.tif");
		assertEquals(0, CliFixtures.run("simulate", "--input", in.toString(), "--output", b.toString(),
				"--kernel-output", dir.resolve("res/k.tif").toString(), "--kernelsize", "5").status());
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", b.toString());
		assertEquals(2, r.status(), "the blurred image of simulate is no deblurred result: " + r.out() + r.err());
		assertTrue(r.err().contains("is not deblur's image output for a.tif"), r.err());
		assertNotLoaded(r);
	}

	// 4. an input is done only when all its outputs exist: a re-run finishes exactly what is missing

	@Test
	void aRerunRedoesAnInputWhoseKernelOutputIsMissing() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		Files.copy(floatTiff("a.tif"), in.resolve("a.tif"));
		Path out = dir.resolve("out");
		Path kernels = dir.resolve("kernels");
		Run first = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernels.toString());
		assertEquals(0, first.status(), first.out() + first.err());
		Files.delete(kernels.resolve("a-kernel.tif")); // as if killed between the two writes
		Run again = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernels.toString());
		assertEquals(0, again.status(), again.out() + again.err());
		assertTrue(again.out().contains("redo: " + kernels.resolve("a-kernel.tif") + " is missing"), again.out());
		assertTrue(again.out().contains("1 written, 0 failed, 0 skipped"), again.out());
		assertTrue(Files.isRegularFile(kernels.resolve("a-kernel.tif")));
		Run third = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernels.toString(), "--uncertainty-output", dir.resolve("u").toString(), "--particles", "2");
		assertEquals(0, third.status(), third.out() + third.err());
		assertTrue(third.out().contains("redo: " + dir.resolve("u/a-uncertainty.tif") + " is missing"), third.out());
		Run fourth = CliFixtures.deblur("--input", in.toString(), "--output", out.toString(), "--kernel-output",
				kernels.toString());
		assertEquals(0, fourth.status(), fourth.out() + fourth.err());
		assertTrue(fourth.out().contains("skip a.tif") && fourth.out().contains("nothing to do"), fourth.out());
	}

	@Test
	void simulateRedoesWhenItsKernelIsMissing() {
		Path in = floatTiff("a.tif");
		Path b = dir.resolve("b.png");
		Path k = dir.resolve("k.tif");
		String[] args = { "simulate", "--input", in.toString(), "--output", b.toString(), "--kernel-output",
				k.toString(), "--kernelsize", "5" };
		assertEquals(0, CliFixtures.run(args).status());
		assertTrue(CliFixtures.run(args).out().contains("skip"), "both outputs exist: done");
		k.toFile().delete();
		Run r = CliFixtures.run(args);
		assertEquals(0, r.status(), r.out() + r.err());
		assertTrue(r.out().contains("redo: " + k + " is missing"), r.out());
		assertTrue(Files.isRegularFile(k));
	}

	// 5. unwritable outputs and bad image content are reported before any work, with the OS reason

	@Test
	void anOutputUnderAFileIsRefusedBeforeTheNetworksLoad() throws IOException {
		Path in = floatTiff("a.tif");
		Path file = Files.writeString(dir.resolve("notes.txt"), "a file");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", dir.resolve("o.tif").toString(),
				"--kernel-output", file.resolve("k/a-kernel.tif").toString());
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("error: --kernel-output: cannot create the folder " + file.resolve("k") + ": "
				+ file + " is a file, not a folder"), r.err());
		assertNotLoaded(r);
		assertNoFile(dir.resolve("o.tif"));
	}

	@Test
	void aReadOnlyFolderIsRefusedWithTheReason() throws IOException {
		assumeFalse("root".equals(System.getProperty("user.name")), "root may write in a read-only folder");
		Path in = floatTiff("a.tif");
		Path ro = Files.createDirectories(dir.resolve("ro"));
		assertTrue(ro.toFile().setWritable(false, false));
		try {
			Run r = CliFixtures.deblur("--input", in.toString(), "--output", ro.resolve("o.tif").toString());
			assertEquals(2, r.status(), r.out() + r.err());
			assertTrue(r.err().contains("--output: cannot write in the folder " + ro + ": permission denied"),
					r.err());
			assertNotLoaded(r);
		} finally {
			ro.toFile().setWritable(true, false);
		}
	}

	@Test
	void imageContentIsCheckedBeforeTheNetworksLoad() throws IOException {
		Path in = Files.createDirectories(dir.resolve("in"));
		float[] px = floats(64 * 64);
		px[70] = Float.NaN;
		new FileSaver(new ImagePlus("n", new FloatProcessor(64, 64, px))).saveAsTiff(in.resolve("n.tif").toString());
		new FileSaver(new ImagePlus("s", new FloatProcessor(8, 8, floats(64)))).saveAsTiff(in.resolve("s.tif")
				.toString());
		Path out = dir.resolve("out");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", out.toString());
		assertEquals(1, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("error: n.tif: the image contains NaN or infinite values: pixel (x=6, y=1)"),
				r.err());
		assertTrue(r.err().contains("error: s.tif: the image (8x8) must be at least twice the kernel size (5)"),
				r.err());
		assertNotLoaded(r);
		assertTrue(r.out().contains("done: 0 written, 2 failed"), r.out());
		assertNoFile(out.resolve("n.tif"));
		assertNoFile(out.resolve("s.tif"));
	}

	@Test
	void aPngThatCannotHoldTheKernelsIsRefusedBeforeAnyWork() {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("z", 2, 1, 1), dir.resolve("z.tif"));
		Path k = dir.resolve("k.png");
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", dir.resolve("o.tif").toString(),
				"--kernel-output", k.toString(), "--channelkernels", "separate");
		assertEquals(1, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("--kernel-output k.png: a PNG holds one kernel (or one per RGB colour), but this "
				+ "run gives 2 channel(s) x 1 plane(s) of kernels"), r.err());
		assertNotLoaded(r);
		assertNoFile(k);
		assertNoFile(dir.resolve("o.tif"));
	}

	// 7. smaller gaps

	@Test
	void simulateRefusesASigmaBeyondFloats() {
		Path in = floatTiff("a.tif");
		Run r = CliFixtures.run("simulate", "--input", in.toString(), "--output", dir.resolve("b.tif").toString(),
				"--kernel-output", dir.resolve("k.tif").toString(), "--sigma", "1e40");
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("--sigma must be a number in [0.0, 1.0E30], got 1e40"), r.err());
		assertNoFile(dir.resolve("b.tif"));
	}

	@Test
	void anOptionGivenTwiceIsRefused() {
		Path in = floatTiff("a.tif");
		Run r = CliFixtures.run("deblur", "--input", in.toString(), "--output", dir.resolve("o.tif").toString(),
				"--steps", "5", "--steps", "7");
		assertEquals(2, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("--steps is given twice: give each option once"), r.err());
		assertNoFile(dir.resolve("o.tif"));
	}

	@Test
	void aOnePixelImageGetsAMeaningfulMessage() {
		Path in = dir.resolve("one.tif");
		new FileSaver(new ImagePlus("one", new FloatProcessor(1, 1, new float[] { 3 }))).saveAsTiff(in.toString());
		Run r = CliFixtures.deblur("--input", in.toString(), "--output", dir.resolve("o.tif").toString());
		assertEquals(1, r.status(), r.out() + r.err());
		assertTrue(r.err().contains("the image (1x1) is too small: it needs at least 6x6 pixels"), r.err());
		assertFalse(r.err().contains("-1"), r.err());
		Run s = CliFixtures.run("simulate", "--input", in.toString(), "--output", dir.resolve("b.tif").toString(),
				"--kernel-output", dir.resolve("k.tif").toString(), "--kernelsize", "3");
		assertEquals(2, s.status(), s.out() + s.err());
		assertTrue(s.err().contains("is too small: it needs at least 6x6 pixels"), s.err());
		assertNoFile(dir.resolve("o.tif"));
		assertNoFile(dir.resolve("b.tif"));
	}

	private static float[] floats(int n) {
		float[] f = new float[n];
		for (int i = 0; i < n; i++) {
			f[i] = 100 + 50 * (float) Math.sin(i * 0.37) + (i % 17);
		}
		return f;
	}
}
