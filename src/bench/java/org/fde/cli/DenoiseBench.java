package org.fde.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.fde.djl.DeviceChoice;
import org.fde.image.BatchShape;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.image.Padding;
import org.fde.image.Synthetic;
import org.fde.metrics.Metrics;
import org.fde.options.CommandLineOptions;
import org.fde.schedule.NoiseSchedule;
import org.fde.score.EpsilonParameterisation;
import org.fde.score.ScoreModel;
import org.fde.score.ValueRange;

/**
 * {@code bench-denoise}: the image prior as a one-step denoiser. For each gray image x (unit range) and noise level
 * &sigma; (on 255): y = x + &sigma;n; on the signed range the noise is 2&sigma;, so x_t = sqrt(&alpha;&#772;)(2y &minus; 1)
 * at the continuous timestep with (1 &minus; &alpha;&#772;)/&alpha;&#772; = (2&sigma;)&sup2;; the estimate is x&#770;0
 * mapped back to [0, 1]. Images are mirror-padded to the model's size multiple and cropped back. Prints the mean PSNR
 * per &sigma; over the full images.
 */
final class DenoiseBench {

	private DenoiseBench() {
	}

	static void run(CommandLineOptions a) throws IOException {
		Path data = Path.of(a.string("data", "../shared/data/test/natural/bsd68"));
		String sigmas = a.string("sigmas", "15,25,50");
		int limit = a.integer("limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
		long seed = a.integer("seed", 0, 0, Integer.MAX_VALUE);
		DeviceChoice device = Models.device(a);
		String modelDir = a.string("model", null);
		int ensemble = Models.ensemble(a);
		a.checkAllUsed();
		if (!Files.isDirectory(data)) {
			throw new IllegalArgumentException("--data folder not found: " + data);
		}
		List<Path> files;
		try (Stream<Path> s = Files.list(data)) {
			files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|tif|tiff|jpg)$")).sorted()
					.limit(limit).collect(Collectors.toList());
		}
		NoiseSchedule schedule = NoiseSchedule.paper();
		long start = System.nanoTime();
		try (ScoreModel model = Models.imagePrior(modelDir, device, ensemble)) {
			int m = model.spec().sizeMultiple();
			System.out.printf(Locale.ROOT, "one-step x0 denoising, %s, %d images from %s%n", model, files.size(), data);
			for (String s : sigmas.split(",")) {
				double sigma = Double.parseDouble(s.trim()) / 255.0;
				double t = schedule.timestepForNoise(2 * sigma);
				double ab = schedule.alphaBarAt(t);
				double sum = 0;
				double sumNoisy = 0;
				int i = 0;
				for (Path f : files) {
					Image img = StackFiles.readUnitRange(f);
					if (img.channels() != 1) {
						throw new IllegalArgumentException(f + " is not a gray image");
					}
					int w = img.width();
					int h = img.height();
					float[] x = img.plane(0);
					float[] y = Synthetic.addNoise(x, sigma, seed + 1000L * i++);
					int pw = Padding.roundUp(w, m);
					int ph = Padding.roundUp(h, m);
					PadFrame frame = new PadFrame(w, h, 0, 0, pw, ph); // mirror to the right and bottom
					float[] ys = ValueRange.toSigned(frame.pad(y));
					float sa = (float) Math.sqrt(ab);
					for (int q = 0; q < ys.length; q++) {
						ys[q] *= sa;
					}
					float[] eps = model.epsilon(ys, new BatchShape(1, 1, ph, pw), t);
					float[] x0 = ValueRange.toUnit(EpsilonParameterisation.x0(ys, eps, ab).x0Clipped());
					float[] est = frame.crop(x0);
					sum += Metrics.psnr(est, x);
					sumNoisy += Metrics.psnr(y, x);
				}
				System.out.printf(Locale.ROOT, "  sigma %5.1f/255 (t = %6.1f): PSNR %.4f dB (noisy %.2f dB)%n",
						sigma * 255, t, sum / files.size(), sumNoisy / files.size());
			}
		}
		System.out.printf(Locale.ROOT, "  wall time %.1f s%n", (System.nanoTime() - start) * 1e-9);
	}
}
