package org.fde.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.fde.baseline.SparseDeconvolution;
import org.fde.baseline.Wiener;
import org.fde.image.Synthetic;
import org.fde.kernel.Kernels;
import org.fde.kernel.blind.BlindConfig;
import org.fde.kernel.blind.L0KernelEstimator;
import org.fde.metrics.KernelError;
import org.fde.metrics.Metrics;
import org.fde.operator.CircularConvolution;

/**
 * The classical part of the real-kernel noise protocol (issue 31's P5, without the diffusion methods): real kernels
 * ({@code kernels/levin09}, {@code lai2016}, the KAIR motion kernels 09&ndash;12 and {@code kair_large}) on 256&sup2;
 * centre crops of BSD68 and Sun80 (alternately), blurred on the valid region, with white noise
 * &sigma; &isin; {1, 2.55, 5, 10}/255. Per case: PSNR of the blurred input, of the classical blind method
 * ({@link L0KernelEstimator} + {@link SparseDeconvolution#levin}), of the same deconvolution with the true kernel, of
 * Wiener with the true kernel, and the classical kernel's shift-aligned MSE; then, as P3 scores blind methods, the
 * PSNR of both sparse deconvolutions at their best shift within &plusmn;5 px over a 15 px crop and Levin's error ratio
 * (their SSD ratio). Writes a CSV and prints means per &sigma;.
 * <p>
 * {@code java -cp target/classes:target/lib/* org.fde.bench.ClassicalNoiseBench DATA OUT.csv [STRIDE]} (STRIDE:
 * every STRIDE-th kernel of the list of 18, all by default).
 */
public final class ClassicalNoiseBench {

	static final double[] SIGMAS = { 1, 2.55, 5, 10 };
	static final int SIZE = 256;

	private ClassicalNoiseBench() {
	}

	public static void main(String[] args) throws IOException {
		Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
		Path out = Path.of(args.length > 1 ? args[1] : "target/classical-noise.csv");
		List<Path> kernels = new ArrayList<>();
		for (String dir : new String[] { "levin09", "lai2016", "kair_large" }) {
			kernels.addAll(list(data.resolve("kernels").resolve(dir), ".npy"));
		}
		for (int i = 9; i <= 12; i++) {
			kernels.add(data.resolve("kernels/kair_kernels12/kernels12_" + i + ".npy"));
		}
		int stride = args.length > 2 ? Math.max(1, Integer.parseInt(args[2])) : 1;
		int nk = kernels.size();
		List<Path> bsd = list(data.resolve("test/natural/bsd68"), ".png");
		List<Path> sun = list(data.resolve("test/natural/sun_hays80"), ".jpg");
		StringBuilder csv = new StringBuilder("case,image,kernel,ks,sigma255,psnr_blurred,psnr_classical,"
				+ "psnr_sparse_true,psnr_wiener_true,kernel_mse_aligned,seconds_kernel,psnr_classical_shift,"
				+ "psnr_sparse_true_shift,error_ratio\n");
		double[][] sums = new double[SIGMAS.length][9];
		int[] counts = new int[SIGMAS.length];
		for (int ki = 0; ki < nk; ki += stride) {
			NpyReader.Array a = NpyReader.read(kernels.get(ki));
			int kh = a.shape()[0];
			int kw = a.shape()[1];
			int ks = Math.max(kh, kw) | 1; // odd window holding the kernel
			float[] k = new float[ks * ks];
			for (int y = 0; y < kh; y++) {
				for (int x = 0; x < kw; x++) {
					k[y * ks + x] = (float) a.values()[y * kw + x];
				}
			}
			k = org.fde.kernel.KernelCentring.centre(Kernels.project(k, ks), ks);
			List<Path> images = ki % 2 == 0 ? bsd : sun;
			Path img = images.get((ki / 2) % images.size());
			ImageFiles.Gray g = ImageFiles.readGray(img, false);
			int m = SIZE + ks - 1;
			if (g.width() < m || g.height() < m) {
				continue;
			}
			float[] big = new float[m * m];
			int x0 = (g.width() - m) / 2;
			int y0 = (g.height() - m) / 2;
			for (int r = 0; r < m; r++) {
				System.arraycopy(g.data(), (r + y0) * g.width() + x0, big, r * m, m);
			}
			float[] full = new CircularConvolution(k, ks, ks, m, m).apply(big);
			float[] sharp = crop(big, m, ks / 2);
			float[] clean = crop(full, m, ks / 2);
			for (int si = 0; si < SIGMAS.length; si++) {
				double sigma = SIGMAS[si] / 255;
				float[] y = Synthetic.addNoise(clean, sigma, 1000L * ki + si);
				long t0 = System.nanoTime();
				float[] kh2 = new L0KernelEstimator(BlindConfig.defaults(ks)).estimate(y, SIZE, SIZE);
				double sec = (System.nanoTime() - t0) * 1e-9;
				float[] dc = SparseDeconvolution.levin(y, SIZE, SIZE, kh2, ks);
				float[] dt = SparseDeconvolution.levin(y, SIZE, SIZE, k, ks);
				org.fde.metrics.ShiftTolerantSsd.Match mc = org.fde.metrics.ShiftTolerantSsd.levin(dc, sharp, SIZE, SIZE);
				org.fde.metrics.ShiftTolerantSsd.Match mt = org.fde.metrics.ShiftTolerantSsd.levin(dt, sharp, SIZE, SIZE);
				double[] v = { Metrics.psnr(y, sharp), Metrics.psnr(dc, sharp), Metrics.psnr(dt, sharp),
						Metrics.psnr(wienerMirrored(y, k, ks, sigma), sharp), KernelError.alignedMse(kh2, ks, k, ks),
						sec, mc.psnr(), mt.psnr(), mc.ssd() / mt.ssd() };
				String id = kernels.get(ki).getFileName().toString().replace(".npy", "") + "-s" + SIGMAS[si];
				csv.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.2f,%.3f,%.3f,%.3f,%.3f,%.4g,%.2f,%.3f,%.3f,%.3f%n",
						id, img.getFileName(), kernels.get(ki).getFileName(), ks, SIGMAS[si], v[0], v[1], v[2], v[3],
						v[4], v[5], v[6], v[7], v[8]));
				System.out.print(csv.substring(csv.lastIndexOf("\n", csv.length() - 2) + 1));
				for (int j = 0; j < v.length; j++) {
					sums[si][j] += v[j];
				}
				counts[si]++;
			}
			Files.writeString(out, csv.toString(), StandardCharsets.UTF_8);
		}
		System.out.println("sigma255 cases blurred classical sparse-true wiener-true kmse-aligned kernel-seconds "
				+ "classical-shift sparse-true-shift mean-error-ratio");
		for (int si = 0; si < SIGMAS.length; si++) {
			int n = Math.max(1, counts[si]);
			System.out.printf(Locale.ROOT, "%.2f %d %.2f %.2f %.2f %.2f %.3g %.1f %.2f %.2f %.2f%n", SIGMAS[si],
					counts[si], sums[si][0] / n, sums[si][1] / n, sums[si][2] / n, sums[si][3] / n, sums[si][4] / n,
					sums[si][5] / n, sums[si][6] / n, sums[si][7] / n, sums[si][8] / n);
		}
	}

	private static float[] wienerMirrored(float[] y, float[] k, int ks, double sigma) {
		org.fde.image.PadFrame f = new org.fde.image.PadFrame(SIZE, SIZE, ks, ks, SIZE + 2 * ks, SIZE + 2 * ks);
		return f.crop(Wiener.deconvolve(f.pad(y), SIZE + 2 * ks, SIZE + 2 * ks, k, ks, sigma));
	}

	private static float[] crop(float[] a, int m, int off) {
		float[] out = new float[SIZE * SIZE];
		for (int r = 0; r < SIZE; r++) {
			System.arraycopy(a, (r + off) * m + off, out, r * SIZE, SIZE);
		}
		return out;
	}

	private static List<Path> list(Path dir, String ext) throws IOException {
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(ext)).sorted().toList();
		}
	}
}
