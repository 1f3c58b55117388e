package org.fde.image;

import java.util.SplittableRandom;

/** Generated test images, deterministic per seed (for demos and tests on a fresh clone: no data files needed). */
public final class Synthetic {

	private Synthetic() {
	}

	/**
	 * A w&times;h image in [0.05, 0.95]: random disks and rotated rectangles (edges at all orientations) over a smooth
	 * gradient, plus a fine texture so that the spectrum is broad like a natural image's.
	 */
	public static float[] shapes(int w, int h, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] img = new float[w * h];
		double gx = r.nextDouble(-0.2, 0.2);
		double gy = r.nextDouble(-0.2, 0.2);
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				img[y * w + x] = (float) (0.5 + gx * (x / (double) w - 0.5) + gy * (y / (double) h - 0.5));
			}
		}
		int shapes = Math.max(8, w * h / 1500);
		for (int s = 0; s < shapes; s++) {
			double cx = r.nextDouble(w);
			double cy = r.nextDouble(h);
			double rad = r.nextDouble(2, Math.max(3, Math.min(w, h) / 5.0));
			double v = r.nextDouble(-0.35, 0.35);
			boolean disk = r.nextBoolean();
			double ang = r.nextDouble(Math.PI);
			double ca = Math.cos(ang);
			double sa = Math.sin(ang);
			for (int y = 0; y < h; y++) {
				for (int x = 0; x < w; x++) {
					double dx = x - cx;
					double dy = y - cy;
					boolean in;
					if (disk) {
						in = dx * dx + dy * dy < rad * rad;
					} else {
						double u = dx * ca + dy * sa;
						double q = -dx * sa + dy * ca;
						in = Math.abs(u) < rad && Math.abs(q) < rad * 0.5;
					}
					if (in) {
						img[y * w + x] += (float) v;
					}
				}
			}
		}
		// fine texture: smoothed white noise, so that the spectrum is broad like a natural image's
		float[] tex = new float[w * h];
		for (int i = 0; i < tex.length; i++) {
			tex[i] = (float) r.nextGaussian();
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++) {
				float t = (tex[y * w + x] + tex[y * w + (x + 1) % w] + tex[((y + 1) % h) * w + x]) / 3f;
				img[y * w + x] += 0.04f * t;
			}
		}
		for (int i = 0; i < img.length; i++) {
			img[i] = Math.min(0.95f, Math.max(0.05f, img[i]));
		}
		return img;
	}

	/** Adds white Gaussian noise of standard deviation sigma (into a new array). */
	public static float[] addNoise(float[] img, double sigma, long seed) {
		SplittableRandom r = new SplittableRandom(seed);
		float[] out = new float[img.length];
		for (int i = 0; i < img.length; i++) {
			out[i] = (float) (img[i] + sigma * r.nextGaussian());
		}
		return out;
	}

}
