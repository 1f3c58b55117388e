package org.fde.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.fde.TestImages;
import org.fde.fft.Fft2;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every linear operator: adjointness and FFT path against the naive loop, on odd sizes (37 x 31). */
class OperatorContractTest {

	static final int H = 37;
	static final int W = 31;

	static float[] random(int n, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] a = new float[n];
		for (int i = 0; i < n; i++) {
			a[i] = (float) r.nextGaussian();
		}
		return a;
	}

	static Stream<Arguments> operators() {
		return Stream.of(5, 33).flatMap(ks -> {
			float[] k = random(ks * ks, 7 + ks);
			float[] x = random(H * W, 11 + ks);
			return Stream.of(Arguments.of("circular-" + ks, new CircularConvolution(k, ks, ks, H, W)),
					Arguments.of("kernel-op-" + ks, new KernelOperator(x, H, W, ks, ks)));
		});
	}

	static double dot(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			s += (double) a[i] * b[i];
		}
		return s;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operators")
	void adjointness(String name, LinearOperator op) {
		float[] u = random(op.inputSize(), 1);
		float[] v = random(op.outputSize(), 2);
		double lhs = dot(op.apply(u), v);
		double rhs = dot(u, op.adjoint(v));
		assertEquals(lhs, rhs, 1e-4 * Math.max(1, Math.abs(lhs)), name + ": <Au, v> != <u, A^T v>");
	}

	@ParameterizedTest(name = "kernel {0}")
	@MethodSource("sizes")
	void fftMatchesNaiveConvolution(int ks) {
		float[] k = random(ks * ks, 3);
		float[] x = random(H * W, 4);
		float[] fast = new CircularConvolution(k, ks, ks, H, W).apply(x);
		float[] slow = TestImages.naiveConvolve(x, W, H, k, ks, ks);
		double err = 0;
		double ref = 0;
		for (int i = 0; i < fast.length; i++) {
			err = Math.max(err, Math.abs(fast[i] - slow[i]));
			ref = Math.max(ref, Math.abs(slow[i]));
		}
		assertTrue(err < 1e-4 * ref, "max error " + err + " (reference max " + ref + ")");
		// the kernel operator applies the same convolution with the roles swapped
		float[] viaKernelOp = new KernelOperator(x, H, W, ks, ks).apply(k);
		for (int i = 0; i < fast.length; i++) {
			assertEquals(slow[i], viaKernelOp[i], 1e-4 * ref);
		}
	}

	static Stream<Integer> sizes() {
		return Stream.of(5, 33);
	}

	@ParameterizedTest(name = "kernel {0}")
	@MethodSource("sizes")
	void p2oThenO2pIsIdentityAndOriginIsCentre(int ks) {
		float[] k = random(ks * ks, 5);
		float[] spatial = Fft2.psfToSpatial(k, ks, ks, 64, 64);
		assertEquals(k[(ks / 2) * ks + ks / 2], spatial[0], 0f, "centre pixel must land on the origin");
		float[] back = Fft2.spatialToPsf(spatial, 64, 64, ks, ks);
		for (int i = 0; i < k.length; i++) {
			assertEquals(k[i], back[i], 0f);
		}
	}
}
