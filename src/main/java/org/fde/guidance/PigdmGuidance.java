package org.fde.guidance;

import org.fde.fft.Fft2;
import org.fde.parallel.Chunks;

/**
 * &Pi;GDM guidance vector (paper eq. 17; ALGORITHM.md &sect;3 step 3), all on the unit range:
 * G = F&#8315;&sup1;[conj(K)(Y &minus; K X)/(r&sup2;|K|&sup2; + &sigma;&sup2;)] = H<sup>T</sup>(r&sup2;HH<sup>T</sup> +
 * &sigma;&sup2;I)&#8315;&sup1;(y &minus; Hx&#770;). The step adds w_k J<sup>T</sup>G with w_k from
 * {@link org.fde.schedule.RespacedSchedule#pigdmWeight}.
 */
public final class PigdmGuidance {

	private PigdmGuidance() {
	}

	/**
	 * @param otf      F(p2o(k))
	 * @param residual F(y &minus; k &#8859; x&#770;) of this plane ({@link DpsGuidance#residualSpectrum})
	 * @param r2       r_t&sup2;
	 * @param sigma    the resolved noise level ({@link org.fde.noise.NoiseSigma#resolve}, unit range); an estimated 0 is floored at 1e-8 as in the official code
	 * @return G, one plane
	 */
	public static float[] vector(Fft2 fft, float[] otf, float[] residual, double r2, double sigma) {
		double s2 = sigma > 0 ? sigma * sigma : 1e-16;
		int w = fft.width();
		int hw = fft.halfWidth();
		// G is the spectrum of a real plane: only its half (columns v <= w/2) is formed and inverted
		float[] half = new float[2 * fft.height() * hw];
		Chunks.forEach(fft.height() * hw, (from, to) -> {
			int u = from / hw;
			int v = from - u * hw;
			for (int f = from; f < to; f++) {
				int i = 2 * (u * w + v);
				double kr = otf[i];
				double ki = otf[i + 1];
				double rr = residual[i];
				double ri = residual[i + 1];
				double q = 1.0 / (r2 * (kr * kr + ki * ki) + s2);
				// conj(K) R / (r2 |K|^2 + s2)
				half[2 * f] = (float) ((kr * rr + ki * ri) * q);
				half[2 * f + 1] = (float) ((kr * ri - ki * rr) * q);
				if (++v == hw) {
					v = 0;
					u++;
				}
			}
		});
		return fft.inverseHalfInPlace(half, 0, fft.height());
	}
}
