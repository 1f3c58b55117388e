package org.fde.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.fde.em.DeblurResult;
import org.fde.em.EmConfig;
import org.fde.em.FastEm;
import org.fde.em.ProgressListener;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.NpyWriter;
import org.fde.metrics.KernelError;
import org.fde.metrics.Metrics;
import org.fde.noise.NoiseSigma;
import org.fde.options.CommandLineOptions;
import org.fde.score.KernelPrior;
import org.fde.score.ScoreModel;

/**
 * {@code mstep-pairs}: training pairs for a kernel prior that knows the M-step's own errors. Runs blind Fast EM
 * (&Pi;GDM, n = 1, the default settings) on random crops of the <em>training</em> photographs
 * ({@code train/natural}, never the test sets) blurred by generated kernels, and records what the M-step hands the
 * kernel denoiser (the data step's kernel after the crop and the projection, paper eq. 24 and &sect;5.2 steps 1&ndash;3)
 * together with the true kernel. Half the runs blur circularly (the paper's protocol), half blur a larger crop and keep
 * the valid region, run padded as the Fiji commands run (the padding is missing data).
 * <p>
 * Writes {@code inputs_S.npy} and {@code targets_S.npy} (float32, N&times;S&times;S), {@code meta_S.npy} (float32,
 * N&times;4: run, diffusion step done (1 = first), the level told to the denoiser, &sigma; on [0, 1]) and
 * {@code manifest.json}. Each denoiser call is kept with probability {@code --keep}; runs are deterministic per seed.
 */
public final class MStepPairsExport {

	public static final String USAGE = String.join("\n", //
			"usage: mstep-pairs --out DIR [--data ../shared/data] [--runs 60] [--steps 50] [--size 256]",
			"                   [--kernelsize 33] [--keep 0.2] [--seed 1] [--sigmas 1,2.5,5,10,20 (on 255)]",
			"                   [--motion-fraction 0.8] [--padded-fraction 0.5] [--model DIR] [--kernelmodel DIR]",
			"                   [--device auto|cpu|gpu]");

	private static final KernelFamily[] OPTICAL = { KernelFamily.GAUSSIAN, KernelFamily.DEFOCUS, KernelFamily.AIRY };

	private MStepPairsExport() {
	}

	/** Command-line entry point ({@code fast-diffusion-em mstep-pairs ...}). */
	public static void main(String[] args) throws IOException {
		CommandLineOptions opt = CommandLineOptions.parse(args, 0, USAGE);
		if (!opt.has("out")) {
			throw new IllegalArgumentException("--out is required\n" + USAGE);
		}
		Path out = Path.of(opt.string("out", null));
		Path data = Path.of(opt.string("data", "../shared/data"));
		int runs = opt.integer("runs", 60, 1, 100000);
		int steps = opt.integer("steps", 50, 2, 1000);
		int size = opt.integer("size", 256, 32, 1024);
		int ks = opt.integer("kernelsize", 33, 3, 128);
		double keep = opt.real("keep", 0.2, 0, 1);
		long seed = opt.longInteger("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
		double motion = opt.real("motion-fraction", 0.8, 0, 1);
		double paddedFraction = opt.real("padded-fraction", 0.5, 0, 1);
		double[] sigmas = Arrays.stream(opt.string("sigmas", "1,2.5,5,10,20").split(","))
				.mapToDouble(s -> Double.parseDouble(s.trim()) / 255.0).toArray();
		for (double s : sigmas) {
			if (!(s >= 0 && s < 1)) {
				throw new IllegalArgumentException("--sigmas must be in [0, 255) on 255, got " + s * 255);
			}
		}
		String kernelModel = opt.string("kernelmodel", null);
		String model = opt.string("model", null);
		String device = opt.string("device", "auto");
		opt.checkAllUsed();
		Path natural = data.resolve("train/natural");
		List<Path> images;
		if (!Files.isDirectory(natural)) {
			throw new IllegalArgumentException("--data must hold train/natural (the training photographs): " + natural);
		}
		try (Stream<Path> s = Files.walk(natural)) {
			images = s.filter(Files::isRegularFile)
					.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpg|jpeg|tif|tiff)$")).sorted()
					.toList();
		}
		if (images.isEmpty()) {
			throw new IllegalArgumentException("no images under " + natural);
		}
		Files.createDirectories(out);
		List<float[]> inputs = new ArrayList<>();
		List<float[]> targets = new ArrayList<>();
		List<float[]> meta = new ArrayList<>();
		long t0 = System.nanoTime();
		try (ShippedModels models = new ShippedModels(model == null ? null : Path.of(model),
				kernelModel == null ? null : Path.of(kernelModel), "pnp",
				BenchCli.deviceChoice(device))) {
			for (int run = 0; run < runs; run++) {
				SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + run);
				Path file = images.get(rng.nextInt(images.size()));
				boolean padded = rng.nextDouble() < paddedFraction;
				int margin = padded ? CaseData.validOffset(ks) : 0; // the kernel footprint a valid-region blur needs
				int need = padded ? size + ks - 1 : size;
				ImageFiles.Gray g = ImageFiles.readGray(file, false);
				if (g.width() < need || g.height() < need) {
					throw new IllegalArgumentException(file + " is smaller than " + need + "x" + need);
				}
				int x0 = rng.nextInt(g.width() - need + 1) + margin;
				int y0 = rng.nextInt(g.height() - need + 1) + margin;
				KernelFamily family = rng.nextDouble() < motion ? KernelFamily.MOTION
						: OPTICAL[rng.nextInt(OPTICAL.length)];
				KernelSource.Generated kernel = new KernelSource.Generated(family, ks, rng.nextLong());
				double sigma = sigmas[rng.nextInt(sigmas.length)];
				// the bench's own measurement (crop, circular or valid-region blur, noise): CaseData owns it
				CaseData c = CaseData.materialise(new BenchCase("pairs-run" + run, padded ? Protocol.P2 : Protocol.P1,
						new ImageSource.FileCrop(file, x0, y0, size, size, false), kernel, sigma,
						padded ? Boundary.VALID : Boundary.CIRCULAR, null, ks, rng.nextLong()));
				float[] k = c.kernel();
				float[] sharp = c.sharp().plane(0);
				float[] obs = c.observed().plane(0);
				EmConfig cfg = EmConfig.builder().steps(steps).kernelSize(ks).sigma(NoiseSigma.given(sigma)).seed(rng.nextLong())
						.restarts(0).build(); // one run's pairs: a restart would record a second trajectory
				SplittableRandom keepRng = new SplittableRandom(rng.nextLong());
				PadFrame frame = padded ? PadFrame.around(size, size, ks / 2, models.sizeMultiple()) : null;
				ScoreModel net = padded ? models.imagePrior(frame.paddedHeight(), frame.paddedWidth())
						: models.imagePrior(size, size);
				KernelPrior prior = models.kernelPrior();
				int[] step = { 1 };
				int runIndex = run;
				KernelPrior recorder = new KernelPrior() {
					@Override
					public String name() {
						return prior.name();
					}

					@Override
					public float[] denoise(float[] kernel, int s, double level, double lambda, double beta) {
						if (s == ks && keepRng.nextDouble() < keep) {
							inputs.add(kernel.clone());
							targets.add(k);
							meta.add(new float[] { runIndex, step[0], (float) level, (float) sigma });
						}
						return prior.denoise(kernel, s, level, lambda, beta);
					}
				};
				ProgressListener counter = (done, total, d) -> step[0] = done + 1;
				Image y = c.observed();
				long r0 = System.nanoTime();
				DeblurResult r;
				float[] est;
				if (padded) {
					r = new FastEm(net, recorder, cfg).run(frame.pad(y), frame, counter, null);
					est = frame.crop(r.image().plane(0));
				} else {
					r = new FastEm(net, recorder, cfg).run(y, counter, null);
					est = r.image().plane(0);
				}
				System.err.printf(Locale.ROOT,
						"run %d/%d %s %s %s sigma %.1f/255: PSNR %.2f dB (blurred %.2f), aligned kernel MSE %.2e, "
								+ "%d pairs in all, %.1f s%n",
						run + 1, runs, natural.relativize(file), family, padded ? "valid+padded" : "circular",
						sigma * 255, Metrics.psnr(est, sharp), Metrics.psnr(obs, sharp),
						KernelError.alignedMse(r.kernels()[0], ks, k, ks), inputs.size(), (System.nanoTime() - r0) * 1e-9);
			}
		}
		int n = inputs.size();
		write(out.resolve("inputs_" + ks + ".npy"), inputs, n, ks, ks);
		write(out.resolve("targets_" + ks + ".npy"), targets, n, ks, ks);
		write(out.resolve("meta_" + ks + ".npy"), meta, n, 4);
		String json = "{\n  \"format\": \"fde-mstep-pairs/1\",\n" //
				+ "  \"size\": " + ks + ",\n  \"pairs\": " + n + ",\n  \"runs\": " + runs + ",\n  \"steps\": " + steps
				+ ",\n  \"crop\": " + size + ",\n  \"keep\": " + keep + ",\n  \"seed\": " + seed + ",\n"
				+ "  \"motion_fraction\": " + motion + ",\n  \"padded_fraction\": " + paddedFraction + ",\n"
				+ "  \"sigmas_255\": " + Arrays.toString(Arrays.stream(sigmas).map(s -> s * 255).toArray()) + ",\n"
				+ "  \"images\": \"" + natural.getFileName() + " (train/natural, sorted, drawn per run)\",\n"
				+ "  \"files\": {\"inputs\": \"inputs_" + ks + ".npy\", \"targets\": \"targets_" + ks
				+ ".npy\", \"meta\": \"meta_" + ks + ".npy (run, step, level, sigma)\"}\n}\n";
		Files.writeString(out.resolve("manifest.json"), json, StandardCharsets.UTF_8);
		System.err.printf(Locale.ROOT, "wrote %d pairs from %d runs to %s in %.1f s%n", n, runs, out,
				(System.nanoTime() - t0) * 1e-9);
	}

	private static void write(Path path, List<float[]> rows, int... shape) throws IOException {
		try (NpyWriter w = NpyWriter.open(path, NpyWriter.Dtype.FLOAT32, shape)) {
			for (float[] row : rows) {
				w.write(row);
			}
		}
	}
}
