package org.fde;

import java.util.SplittableRandom;

import org.fde.image.Synthetic;

/** Synthetic test images, generated (no data files): piecewise-smooth shapes with edges at all orientations. */
public final class TestImages {

	private TestImages() {
	}

	/** See {@link Synthetic#shapes}. */
	public static float[] shapes(int w, int h, long seed) {
		return Synthetic.shapes(w, h, seed);
	}

	/** A thin curved motion-like kernel (size&times;size, sum 1), drawn as a polyline of a random walk. */
	public static float[] curvedKernel(int size, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] k = new float[size * size];
		double x = size / 2.0;
		double y = size / 2.0;
		double ang = r.nextDouble(2 * Math.PI);
		double turn = r.nextDouble(-0.15, 0.15);
		int steps = size * 3;
		for (int i = 0; i < steps; i++) {
			ang += turn + r.nextDouble(-0.1, 0.1);
			x += 0.25 * Math.cos(ang);
			y += 0.25 * Math.sin(ang);
			int ix = (int) Math.round(x);
			int iy = (int) Math.round(y);
			if (ix >= 1 && iy >= 1 && ix < size - 1 && iy < size - 1) {
				k[iy * size + ix] += 1;
			}
		}
		return org.fde.kernel.KernelCentring.centre(k, size);
	}

	/** See {@link Synthetic#addNoise}. */
	public static float[] addNoise(float[] img, double sigma, long seed) {
		return Synthetic.addNoise(img, sigma, seed);
	}

	/** Naive periodic true convolution with the p2o origin at (size/2, size/2): the reference for the FFT path. */
	public static float[] naiveConvolve(float[] img, int w, int h, float[] k, int kh, int kw) {
		float[] out = new float[w * h];
		int cy = kh / 2;
		int cx = kw / 2;
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				double s = 0;
				for (int a = 0; a < kh; a++) {
					for (int b = 0; b < kw; b++) {
						int yy = Math.floorMod(y - (a - cy), h);
						int xx = Math.floorMod(x - (b - cx), w);
						s += k[a * kw + b] * img[yy * w + xx];
					}
				}
				out[y * w + x] = (float) s;
			}
		}
		return out;
	}

	public static double psnr(float[] a, float[] b) {
		double s = 0;
		for (int i = 0; i < a.length; i++) {
			double d = a[i] - b[i];
			s += d * d;
		}
		return 10 * Math.log10(1.0 / (s / a.length));
	}
}
