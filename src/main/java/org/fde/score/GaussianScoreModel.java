package org.fde.score;

import java.util.random.RandomGenerator;

import org.fde.fft.Fft2;
import org.fde.image.BatchShape;

/**
 * An analytic image prior for tests and demos without networks: a stationary Gaussian x0 ~ N(&mu;, C) on the signed
 * range, with C circulant (eigenvalues &lambda;(&omega;), a power law in frequency). With x_t = sqrt(&alpha;&#772;)x0 +
 * sqrt(1 &minus; &alpha;&#772;)&epsilon;, the posterior mean is exact and diagonal in Fourier:
 * E[x0|x_t] = &mu; + F&#8315;&sup1; g F (x_t &minus; sqrt(&alpha;&#772;)&mu;), g = sqrt(&alpha;&#772;)&lambda;/(&alpha;&#772;&lambda; + 1 &minus; &alpha;&#772;);
 * &epsilon;&#770; = (x_t &minus; sqrt(&alpha;&#772;)x&#770;0)/sqrt(1 &minus; &alpha;&#772;), and its Jacobian is symmetric.
 * It works for one fixed plane size (h &times; w) and any number of channels (each channel is a plane).
 */
public final class GaussianScoreModel implements ScoreModel {

	private final int h;
	private final int w;
	private final double mean;
	private final double[] lambda;
	private final double[] alphaBar;
	private final ModelSpec spec;
	/** The power law's pixel variance and exponent ({@link #atSize}); NaN for a block-mean prior. */
	private final double variance;
	private final double exponent;

	private GaussianScoreModel(int h, int w, double mean, double[] lambda, ModelSpec spec, double variance,
			double exponent) {
		this.variance = variance;
		this.exponent = exponent;
		this.h = h;
		this.w = w;
		this.mean = mean;
		this.lambda = lambda;
		this.spec = spec;
		this.alphaBar = new double[spec.trainingSteps()];
		double p = 1;
		double d = (spec.betaEnd() - spec.betaStart()) / (spec.trainingSteps() - 1);
		for (int i = 0; i < alphaBar.length; i++) {
			p *= 1 - (i == alphaBar.length - 1 ? spec.betaEnd() : spec.betaStart() + i * d);
			alphaBar[i] = p;
		}
	}

	/**
	 * A power-law prior: &lambda;(&omega;) &prop; 1/(f0&sup2; + |f|&sup2;)^(exponent/2) with f in cycles per pixel, scaled
	 * so that the pixel variance is {@code variance} (signed range).
	 */
	public static GaussianScoreModel powerLaw(int h, int w, double mean, double variance, double exponent) {
		double[] lam = new double[h * w];
		double f0 = 1.0 / Math.max(h, w);
		double sum = 0;
		for (int y = 0; y < h; y++) {
			double fy = (y <= h / 2 ? y : y - h) / (double) h;
			for (int x = 0; x < w; x++) {
				double fx = (x <= w / 2 ? x : x - w) / (double) w;
				double v = Math.pow(f0 * f0 + fx * fx + fy * fy, -exponent / 2);
				lam[y * w + x] = v;
				sum += v;
			}
		}
		// pixel variance of F^-1 diag(lam) F is mean(lam)
		double scale = variance / (sum / (h * w));
		for (int i = 0; i < lam.length; i++) {
			lam[i] *= scale;
		}
		lam[0] = 1e-12; // the mean is carried by mu
		return new GaussianScoreModel(h, w, mean, lam, ModelSpec.linear1000("gaussian-analytic", 1, 1), variance,
				exponent);
	}

	/**
	 * The prior at another size. When this model's sides are the same integer multiple s of the new ones, the exact
	 * prior of this model's images averaged over s&times;s blocks (a linear map of a stationary Gaussian field:
	 * &lambda;_s(&omega;) = s&#8315;&sup2; &Sigma; |B(&omega;')|&sup2; &lambda;(&omega;') over the frequencies &omega;'
	 * that alias to &omega;, B the block mean's transfer function); otherwise the same power law (mean, pixel variance,
	 * exponent) on the new plane; this model at its own size.
	 */
	@Override
	public ScoreModel atSize(int height, int width) {
		if (height == h && width == w) {
			return this;
		}
		int s = h / height;
		if (s < 2 || h != s * height || w != s * width) {
			if (Double.isNaN(variance)) {
				throw new UnsupportedOperationException("a block-mean prior of " + w + "x" + h + " has no counterpart at "
						+ width + "x" + height);
			}
			return powerLaw(height, width, mean, variance, exponent);
		}
		double[] lam = new double[height * width];
		for (int y = 0; y < h; y++) {
			double by = boxGain(y, h, s);
			for (int x = 0; x < w; x++) {
				lam[(y % height) * width + x % width] += by * boxGain(x, w, s) * lambda[y * w + x] / ((double) s * s);
			}
		}
		lam[0] = 1e-12; // the mean is carried by mu
		return new GaussianScoreModel(height, width, mean, lam, spec, Double.NaN, Double.NaN);
	}

	/** |B(f)|&sup2; of the mean over s samples at DFT index i of n: sin&sup2;(&pi;fs)/(s sin(&pi;f))&sup2;. */
	private static double boxGain(int i, int n, int s) {
		double f = (double) i / n;
		double d = Math.sin(Math.PI * f);
		if (Math.abs(d) < 1e-12) {
			return 1;
		}
		double v = Math.sin(Math.PI * f * s) / (s * d);
		return v * v;
	}

	/** The prior covariance's eigenvalues &lambda;(&omega;) (signed range), row-major over the DFT grid. */
	public record Spectrum(double[] values) {
	}

	public Spectrum spectrum() {
		return new Spectrum(lambda.clone());
	}

	@Override
	public ModelSpec spec() {
		return spec;
	}

	/** A sample x0 of the prior for one plane (signed range). */
	public float[] sample(RandomGenerator rng) {
		float[] white = new float[h * w];
		for (int i = 0; i < white.length; i++) {
			white[i] = (float) rng.nextGaussian();
		}
		float[] spec = Fft2.of(h, w).forward(white);
		for (int i = 0; i < lambda.length; i++) {
			double s = Math.sqrt(lambda[i]);
			spec[2 * i] *= s;
			spec[2 * i + 1] *= s;
		}
		float[] x = Fft2.of(h, w).inverseRealInPlace(spec);
		for (int i = 0; i < x.length; i++) {
			x[i] += (float) mean;
		}
		return x;
	}

	private double alphaBarAt(double t) {
		int i = (int) Math.round(Math.max(0, Math.min(alphaBar.length - 1, t)));
		if (Math.abs(t - i) < 1e-9) {
			return alphaBar[i];
		}
		int lo = (int) Math.floor(t);
		double f = t - lo;
		return Math.exp((1 - f) * Math.log(alphaBar[lo]) + f * Math.log(alphaBar[Math.min(lo + 1, alphaBar.length - 1)]));
	}

	/** F&#8315;&sup1; g F applied per plane. */
	private float[] applyGain(float[] x, BatchShape shape, double ab, double offset) {
		checkShape(shape);
		float[] out = new float[x.length];
		double sa = Math.sqrt(ab);
		Fft2 f = Fft2.of(h, w);
		for (int p = 0; p < shape.n() * shape.c(); p++) {
			int off = p * h * w;
			float[] plane = new float[h * w];
			for (int i = 0; i < plane.length; i++) {
				plane[i] = (float) (x[off + i] - offset);
			}
			float[] s = f.forward(plane);
			for (int i = 0; i < lambda.length; i++) {
				double g = sa * lambda[i] / (ab * lambda[i] + 1 - ab);
				s[2 * i] *= g;
				s[2 * i + 1] *= g;
			}
			float[] r = f.inverseRealInPlace(s);
			System.arraycopy(r, 0, out, off, r.length);
		}
		return out;
	}

	/** The exact posterior mean E[x0 | x_t] (signed range). */
	public float[] posteriorMean(float[] x, BatchShape shape, double t) {
		double ab = alphaBarAt(t);
		float[] g = applyGain(x, shape, ab, Math.sqrt(ab) * mean);
		for (int i = 0; i < g.length; i++) {
			g[i] += (float) mean;
		}
		return g;
	}

	@Override
	public float[] epsilon(float[] x, BatchShape shape, double t) {
		double ab = alphaBarAt(t);
		float[] x0 = posteriorMean(x, shape, t);
		return EpsilonParameterisation.epsFromX0(x, x0, ab);
	}

	@Override
	public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
		float[] eps = epsilon(x, shape, t);
		double ab = alphaBarAt(t);
		return TrackedEpsilon.of(eps, v -> {
			// d eps/dx = (I - sqrt(ab) G)/sqrt(1 - ab), G symmetric
			float[] gv = applyGain(v, shape, ab, 0);
			float[] out = new float[v.length];
			double sa = Math.sqrt(ab);
			double sb = Math.sqrt(1 - ab);
			for (int i = 0; i < out.length; i++) {
				out[i] = (float) ((v[i] - sa * gv[i]) / sb);
			}
			return out;
		}, () -> {
		});
	}

	private void checkShape(BatchShape s) {
		if (s.h() != h || s.w() != w) {
			throw new IllegalArgumentException("this Gaussian prior is built for " + w + "x" + h + ", got " + s.w()
					+ "x" + s.h());
		}
	}
}
