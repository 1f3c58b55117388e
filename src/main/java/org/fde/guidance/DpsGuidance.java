package org.fde.guidance;

import org.fde.fft.Fft2;
import org.fde.parallel.Chunks;

/**
 * DPS guidance (paper eq. 16 as DPS practice runs it: the gradient of the residual norm, not its square, with step
 * &zeta;_t = scale&middot;sqrt(&alpha;&#772;_t); ALGORITHM.md &sect;4). Unlike the official code, the residual is
 * measured consistently: y and x&#770; on the unit range, and the norm expressed on the signed scale
 * (&Vert;d_signed&Vert; = 2&Vert;d_unit&Vert; for a sum-1 kernel), so that scale = 1 matches DPS's units.
 * The returned direction, &minus;&nabla;_{x&#770;}&Vert;d_signed&Vert; = 2H<sup>T</sup>d/&Vert;d&Vert;, is the ascent
 * direction of the likelihood; the step adds &zeta;_t J<sup>T</sup>(direction).
 */
public final class DpsGuidance {

	private DpsGuidance() {
	}

	/** Spectrum of the residual D = Y &minus; K X (unit range). */
	public static float[] residualSpectrum(float[] otf, float[] ySpec, float[] xSpec) {
		float[] out = new float[otf.length];
		Chunks.forEach(otf.length / 2, (from, to) -> {
			for (int i = 2 * from; i < 2 * to; i += 2) {
				double kr = otf[i];
				double ki = otf[i + 1];
				double xr = xSpec[i];
				double xi = xSpec[i + 1];
				out[i] = (float) (ySpec[i] - (kr * xr - ki * xi));
				out[i + 1] = (float) (ySpec[i + 1] - (kr * xi + ki * xr));
			}
		});
		return out;
	}

	/**
	 * The direction 2H<sup>T</sup>d/&Vert;d&Vert; for one particle, whose residual spectra (one per channel) are given.
	 *
	 * @return one plane per channel
	 */
	public static float[][] direction(Fft2 fft, float[][] otfs, float[][] residualSpectra) {
		int planes = residualSpectra.length;
		double norm2 = 0;
		int n = fft.height() * fft.width();
		for (float[] r : residualSpectra) {
			for (int i = 0; i < r.length; i += 2) {
				norm2 += (double) r[i] * r[i] + (double) r[i + 1] * r[i + 1];
			}
		}
		double norm = Math.sqrt(norm2 / n); // Parseval, unnormalised DFT
		double scale = norm > 0 ? 2.0 / norm : 0.0;
		int h = fft.height();
		int w = fft.width();
		int hw = fft.halfWidth();
		float[][] out = new float[planes][];
		for (int c = 0; c < planes; c++) {
			float[] k = otfs[c];
			float[] r = residualSpectra[c];
			float[] g = new float[2 * h * hw]; // the half spectrum of the real plane H^T d (columns v <= w/2)
			for (int u = 0; u < h; u++) {
				for (int v = 0; v < hw; v++) {
					int i = 2 * (u * w + v);
					int j = 2 * (u * hw + v);
					g[j] = (float) (scale * (k[i] * r[i] + k[i + 1] * r[i + 1]));
					g[j + 1] = (float) (scale * (k[i] * r[i + 1] - k[i + 1] * r[i]));
				}
			}
			out[c] = fft.inverseHalfInPlace(g, 0, h);
		}
		return out;
	}
}
