package org.fde.em;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fde.image.Image;
import org.fde.image.Synthetic;
import org.fde.kernel.Kernels;
import org.fde.operator.CircularConvolution;
import org.junit.jupiter.api.Test;

/** The failed-run detector on constructed results: each criterion trips on its case and nowhere else. */
class RunCheckTest {

	static final int N = 160;
	static final int KS = 47;
	static final double SIGMA = 0.02;

	/** A diagonal motion-like kernel: a line of the given length through the window's centre, slightly widened. */
	static float[] motion(int length, int size) {
		float[] k = new float[size * size];
		for (int i = 0; i < length; i++) {
			int a = size / 2 - length / 2 + i;
			k[a * size + a] = 1f;
			k[a * size + Math.min(size - 1, a + 1)] = 0.5f;
		}
		return Kernels.project(k, size);
	}

	static List<StepDiagnostics> steps(double finalResidual) {
		List<StepDiagnostics> d = new ArrayList<>();
		for (int i = 49; i >= 0; i--) {
			d.add(new StepDiagnostics(0, i, 20 * i, i == 0 ? finalResidual : 0.1, 0, 0, 0, 0));
		}
		return d;
	}

	static DeblurResult result(float[] out, float[] kernel, double finalResidual) {
		Image img = Image.gray(N, N, out);
		return new DeblurResult(img, img, null, new float[][] { kernel }, KS, SIGMA, steps(finalResidual), 1.0);
	}

	static float[] sharp() {
		return Synthetic.shapes(N, N, 7);
	}

	static Image blurred(float[] x, float[] k) {
		return Image.gray(N, N, Synthetic.addNoise(new CircularConvolution(k, KS, KS, N, N).apply(x), SIGMA, 8));
	}

	@Test
	void aSuccessfulRunPasses() {
		float[] k = motion(21, KS);
		RunCheck.Verdict v = RunCheck.check(result(sharp(), k, 1.2 * SIGMA), blurred(sharp(), k));
		assertFalse(v.failed(), v.describe());
		assertTrue(v.describe().startsWith("passed"));
		assertTrue(v.blurRadius() >= 10, "blur radius " + v.blurRadius());
	}

	@Test
	void aResidualFarAboveTheNoiseFails() {
		float[] k = motion(21, KS);
		RunCheck.Verdict v = RunCheck.check(result(sharp(), k, 3 * SIGMA), blurred(sharp(), k));
		assertTrue(v.failed());
		assertEquals(1, v.problems().size(), v.describe());
		assertTrue(v.problems().get(0).contains("do not explain"), v.describe());
		assertEquals(3.0, v.residualRatio(), 1e-9);
	}

	@Test
	void aFlatKernelFailsWhenTheBlurIsSmall() {
		float[] flat = new float[KS * KS];
		Arrays.fill(flat, 1f / (KS * KS));
		float[] k = motion(15, KS);
		RunCheck.Verdict v = RunCheck.check(result(sharp(), flat, SIGMA), blurred(sharp(), k));
		assertTrue(v.failed(), v.describe());
		assertTrue(v.problems().get(0).contains("spread flat"), v.describe());
		assertTrue(v.participation() > 0.9 && v.borderMass() > 0.3, v.describe());
	}

	@Test
	void aWideKernelPassesWhenTheImageIsAsBlurred() {
		// a disc that fills most of the window is a legitimate estimate when the measurement is blurred that much
		float[] disc = new float[KS * KS];
		for (int y = 0; y < KS; y++) {
			for (int x = 0; x < KS; x++) {
				double dy = y - KS / 2;
				double dx = x - KS / 2;
				disc[y * KS + x] = dx * dx + dy * dy <= 22.5 * 22.5 ? 1f : 0f;
			}
		}
		disc = Kernels.project(disc, KS);
		RunCheck.Verdict v = RunCheck.check(result(sharp(), disc, SIGMA), blurred(sharp(), disc));
		assertFalse(v.failed(), v.describe());
	}

	@Test
	void aPointKernelFailsOnABlurredImageOnly() {
		float[] delta = Kernels.delta(KS);
		float[] x = sharp();
		Image y = blurred(x, motion(25, KS));
		RunCheck.Verdict v = RunCheck.check(result(y.plane(0), delta, SIGMA), y);
		assertTrue(v.failed(), v.describe());
		assertTrue(v.problems().get(0).contains("point"), v.describe());
		// the same estimate on a sharp measurement is right
		Image ySharp = Image.gray(N, N, Synthetic.addNoise(x, SIGMA, 8));
		assertFalse(RunCheck.check(result(ySharp.plane(0), delta, SIGMA), ySharp).failed());
	}

	@Test
	void aSaturatedOutputFails() {
		float[] k = motion(21, KS);
		float[] out = sharp();
		for (int i = 0; i < out.length; i++) {
			out[i] = out[i] > 0.5f ? 1f : 0f; // pushed past the clip everywhere
		}
		RunCheck.Verdict v = RunCheck.check(result(out, k, SIGMA), blurred(sharp(), k));
		assertTrue(v.failed(), v.describe());
		assertTrue(v.problems().get(0).contains("saturated"), v.describe());
		assertTrue(v.saturated() > 0.99);
	}

	@Test
	void aSaturationExcessOfFivePercentFailsOnlyAboveTheMeasurements() {
		float[] k = motion(21, KS);
		Image y = blurred(sharp(), k);
		double base = RunCheck.saturated(y);
		for (double share : new double[] { 0.03, 0.08 }) {
			float[] out = sharp();
			float[] meas = y.plane(0).clone();
			int n = (int) Math.round(share * out.length);
			for (int i = 0; i < n; i++) {
				out[i * (out.length / n)] = 1f; // spread over the image
				meas[i * (out.length / n)] = 1f;
			}
			RunCheck.Verdict v = RunCheck.check(result(out, k, 1.2 * SIGMA), y);
			boolean expected = RunCheck.saturated(Image.gray(N, N, out)) >= base + RunCheck.SATURATED_EXCESS;
			assertEquals(share > 0.05, expected, "share " + share);
			assertEquals(expected, v.failed(), share + ": " + v.describe());
			assertEquals(expected, RunCheck.diverged(result(out, k, 1.2 * SIGMA), y));
			// the same share at the ends of the measurement's range: what the blur hid, not a divergence
			assertFalse(RunCheck.diverged(result(out, k, 1.2 * SIGMA), Image.gray(N, N, meas)), "share " + share);
		}
	}
}
