package org.fde.bench;

import java.util.List;

import org.fde.baseline.RichardsonLucy;
import org.fde.baseline.Wiener;
import org.fde.image.Image;

/**
 * The non-learned references, all with the TRUE kernel: the blurred input itself (the floor), Wiener deconvolution
 * with the automatic gradient-prior weight ({@link Wiener}), and Richardson&ndash;Lucy with TV regularisation
 * ({@link RichardsonLucy}, {@value #RL_ITERATIONS} iterations, &lambda;<sub>TV</sub> = {@value #RL_TV}).
 */
public final class ClassicalMethod implements Method {

	/** Iterations of the RL-TV reference. */
	public static final int RL_ITERATIONS = 30;
	/** TV weight of the RL-TV reference (Dey et al. 2006's value). */
	public static final double RL_TV = 0.002;

	/** Which reference. */
	public enum Kind {
		BLURRED("blurred"), WIENER("wiener"), RL_TV("rl-tv");

		final String label;

		Kind(String label) {
			this.label = label;
		}
	}

	private final Kind kind;

	public ClassicalMethod(Kind kind) {
		this.kind = kind;
	}

	@Override
	public String name() {
		return kind.label;
	}

	@Override
	public String cacheKey() {
		return kind == Kind.RL_TV ? name() + "-i" + RL_ITERATIONS : name();
	}

	@Override
	public boolean blind() {
		return false;
	}

	@Override
	public MethodResult run(Problem p) throws Exception {
		Image y = p.observed();
		Resources.Measured<Image> m = Resources.measure(() -> {
			float[][] out = new float[y.channels()][];
			for (int c = 0; c < out.length; c++) {
				out[c] = switch (kind) {
				case BLURRED -> y.plane(c).clone();
				case WIENER -> Wiener.deconvolve(y.plane(c), y.width(), y.height(), p.trueKernel(), p.trueKernelSize(),
						p.sigma());
				case RL_TV -> new RichardsonLucy(RL_ITERATIONS, RL_TV).deconvolve(y.plane(c), y.width(), y.height(),
						p.trueKernel(), p.trueKernelSize());
				};
			}
			return new Image(y.width(), y.height(), out);
		});
		boolean hasKernel = kind != Kind.BLURRED;
		return new MethodResult(m.value(), hasKernel ? p.trueKernel() : null, hasKernel ? p.trueKernelSize() : 0,
				m.seconds(), m.peakBytes(), null, List.of());
	}
}
