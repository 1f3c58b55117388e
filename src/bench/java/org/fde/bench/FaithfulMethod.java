package org.fde.bench;

import java.util.List;
import java.util.Locale;

import org.fde.em.FaithfulEstimate;
import org.fde.image.Image;
import org.fde.image.PadFrame;
import org.fde.noise.NoiseEstimator;
import org.fde.score.ScoreModel;

/**
 * The faithful estimate ({@link FaithfulEstimate}, PnP-HQS with the image prior as the denoiser) given a kernel:
 * <ul>
 * <li>{@code fem-faithful}: Fast EM's kernel (the run of {@code fem-pigdm-n1}, reused from {@link SampleMemo} when
 * that method has just run on the case, else run here);</li>
 * <li>{@code fem-hybrid-faithful}: the hybrid's kernel (the run of {@code fem-hybrid}, reused the same way): the
 * image that {@code deblur} and the Fiji command return with their defaults (method hybrid, output estimate);</li>
 * <li>{@code nonblind-faithful}: the true kernel (no diffusion run at all);</li>
 * <li>{@code fem-blend}: the average of Fast EM's sample and {@code fem-faithful}'s estimate.</li>
 * </ul>
 * &sigma; is the case's (known) level, or estimated from the measured window where the case has none (P3). The time
 * is the whole chain's (Fast EM's run included); the faithful step's own time goes to standard output.
 */
public final class FaithfulMethod implements Method {

	/** Which kernel, and which output. */
	public enum Kind {
		FEM("fem-faithful"), NON_BLIND("nonblind-faithful"), FEM_BLEND("fem-blend"),
		/** The hybrid's kernel (the run of {@code fem-hybrid}): what the commands return by default. */
		HYBRID("fem-hybrid-faithful");

		final String label;

		Kind(String label) {
			this.label = label;
		}
	}

	private final Kind kind;
	private final DiffusionMethod fem;
	private final ModelFactory models;
	private final EmOverrides overrides;
	private final FaithfulEstimate.Settings settings = FaithfulEstimate.Settings.DEFAULT;

	/**
	 * @param fem the diffusion method whose kernel (and sample) the blind kinds use (Fast EM's, or the hybrid's for
	 *            HYBRID); ignored by NON_BLIND
	 */
	public FaithfulMethod(Kind kind, DiffusionMethod fem, ModelFactory models, EmOverrides overrides) {
		this.kind = kind;
		this.fem = fem;
		this.models = models;
		this.overrides = overrides;
	}

	@Override
	public String name() {
		return kind.label;
	}

	@Override
	public String cacheKey() {
		String hqs = String.format(Locale.ROOT, "-hqs%d-l%s-cg%d-%s", settings.iterations(), settings.lambda(),
				settings.cgIterations(), AblationResults.number(settings.cgTolerance()));
		return kind == Kind.NON_BLIND ? name() + hqs + overrides.tag() + "-" + models.tag()
				: name() + hqs + "-on-" + fem.cacheKey();
	}

	@Override
	public boolean blind() {
		return kind != Kind.NON_BLIND;
	}

	@Override
	public boolean paddingIsMissingData() {
		return true;
	}

	@Override
	public int sizeMultiple() {
		return models.sizeMultiple();
	}

	@Override
	public MethodResult run(Problem p) throws Exception {
		Image y = p.observed();
		MethodResult base = null;
		float[] kernel;
		int ks;
		double baseSeconds = 0;
		if (kind == Kind.NON_BLIND) {
			kernel = p.trueKernel();
			ks = p.trueKernelSize();
		} else {
			base = SampleMemo.get(fem.cacheKey(), p);
			if (base == null) {
				base = fem.run(p);
			}
			kernel = base.kernel();
			ks = base.kernelSize();
			baseSeconds = base.seconds();
		}
		double sigma = overrides.sigma(p.sigma());
		if (Double.isNaN(sigma)) {
			sigma = estimateSigma(y, p.padding());
		}
		ScoreModel model = models.imagePrior(y.height(), y.width());
		double s = sigma;
		Resources.Measured<FaithfulEstimate.Result> m = Resources.measure(
				() -> new FaithfulEstimate(model).run(y, p.padding(), new float[][] { kernel }, ks, s, null));
		FaithfulEstimate.Result r = m.value();
		System.out.printf(Locale.ROOT, "    %s: faithful step %.2f s (%d iterations, %d CG iterations), Fast EM run "
				+ "%.2f s, reblur residual %.3g = %.2f sigma%n", name(), m.seconds(), settings.iterations(),
				r.cgIterations(), baseSeconds, r.residualRms(), r.residualRatio());
		Image img = r.image();
		if (kind == Kind.FEM_BLEND) {
			float[] a = base.image().plane(0);
			float[] b = img.plane(0);
			float[] out = new float[a.length];
			for (int i = 0; i < a.length; i++) {
				out[i] = 0.5f * (a[i] + b[i]);
			}
			img = Image.gray(y.width(), y.height(), out);
		}
		return new MethodResult(img, kernel, ks, baseSeconds + m.seconds(), m.peakBytes(), null, List.of());
	}

	private static double estimateSigma(Image y, PadFrame f) {
		if (f == null) {
			return NoiseEstimator.estimate(y.plane(0), y.width(), y.height());
		}
		return NoiseEstimator.estimate(f.crop(y.plane(0)), f.width(), f.height());
	}
}
