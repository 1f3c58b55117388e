package org.fde.guidance;

import org.fde.fft.Fft2;
import org.fde.parallel.Chunks;

/**
 * One plane's residual y &minus; k &#8859; x&#770;0 on the measured pixels, in the form the guidance takes: its spectrum
 * R when every pixel of the plane is measured, else the masked plane M &middot; F&#8315;&sup1;(R) in space (what the
 * masked &Pi;GDM takes; its spectrum is computed only if asked for).
 *
 * @param spectrum    R, interleaved complex, or null
 * @param maskedPlane M &middot; F&#8315;&sup1;(R), or null
 */
public record Residual(float[] spectrum, float[] maskedPlane) {

	/** The spectrum: R, or F(M &middot; F&#8315;&sup1;(R)). */
	public float[] spectrum(Fft2 fft) {
		return spectrum != null ? spectrum : fft.forward(maskedPlane);
	}

	/** &Sigma;_f |R_m(f)|&sup2; (unnormalised DFT; for the masked plane by Parseval, N &Sigma; r&sup2;). */
	public double energy() {
		float[] a = spectrum != null ? spectrum : maskedPlane;
		double sum = Chunks.sum(a.length, (from, to) -> {
			double s = 0;
			for (int i = from; i < to; i++) {
				s += (double) a[i] * a[i];
			}
			return s;
		});
		return spectrum != null ? sum : sum * a.length;
	}
}
