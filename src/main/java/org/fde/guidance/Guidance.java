package org.fde.guidance;

import org.fde.fft.Fft2;
import org.fde.schedule.RespacedSchedule;

/**
 * The guidance of one reverse-diffusion step: the direction G on the unit range that the step adds, through the
 * network's vector-Jacobian product, as w_t J<sup>T</sup>G (ALGORITHM.md &sect;3 and &sect;4). The blur H is the periodic
 * convolution of {@link org.fde.operator.CircularConvolution} (adjoint-tested); the directions are computed on its
 * diagonal form, the transfer function F(p2o(k)), because the residuals already are spectra: going through the
 * operator's spatial apply/adjoint would add FFT round trips and change the results in the last bits.
 * <ul>
 * <li>{@link Pigdm}: &Pi;GDM (paper eq. 17), G = H<sup>T</sup>(r&sup2;HH<sup>T</sup> + &sigma;&sup2;I)&#8315;&sup1;(y &minus;
 * Hx&#770;) per plane ({@link PigdmGuidance}); on a plane with missing pixels the masked &Pi;GDM ({@link MaskedPigdm})
 * unless its conjugate-gradient iterations are 0.</li>
 * <li>{@link Dps}: DPS (paper eq. 16 as DPS practice runs it), 2H<sup>T</sup>d/&Vert;d&Vert; per particle
 * ({@link DpsGuidance}).</li>
 * </ul>
 */
public interface Guidance {

	/**
	 * The step weight w_t at respaced step k.
	 *
	 * @param kernelUpdated whether the step's kernel came from this step's M-step (Fast EM) or was held
	 */
	double weight(RespacedSchedule schedule, int k, boolean kernelUpdated);

	/**
	 * The direction for the C planes (channels) of one particle on one tile.
	 *
	 * @param otfs      F(p2o(k)) for each channel
	 * @param residuals y &minus; k &#8859; x&#770;0 of each channel
	 * @param masks     each channel's mask of measured pixels, null where all are measured
	 * @param r2        r_t&sup2; ({@link RespacedSchedule#pigdmR2})
	 * @param sigma     the resolved noise level (unit range)
	 * @return one plane per channel
	 */
	float[][] direction(Fft2 fft, float[][] otfs, Residual[] residuals, float[][] masks, double r2, double sigma);

	/** The guidance of this kind with these scales. */
	static Guidance of(GuidanceKind kind, double pigdmScale, double blindPigdmScale, int maskedIterations,
			double dpsScale) {
		return kind == GuidanceKind.PIGDM ? new Pigdm(pigdmScale, blindPigdmScale, maskedIterations)
				: new Dps(dpsScale);
	}

	/**
	 * &Pi;GDM with the official weight w_t times a factor: {@code fixedScale} at the steps with a held kernel,
	 * {@code updatingScale} at those whose kernel the step's M-step gave.
	 *
	 * @param maskedIterations the masked &Pi;GDM's conjugate-gradient iterations (0: the periodic inverse)
	 */
	record Pigdm(double fixedScale, double updatingScale, int maskedIterations) implements Guidance {

		@Override
		public double weight(RespacedSchedule schedule, int k, boolean kernelUpdated) {
			return (kernelUpdated ? updatingScale : fixedScale) * schedule.pigdmWeight(k);
		}

		@Override
		public float[][] direction(Fft2 fft, float[][] otfs, Residual[] residuals, float[][] masks, double r2,
				double sigma) {
			float[][] out = new float[residuals.length][];
			for (int c = 0; c < out.length; c++) {
				out[c] = masks[c] == null || maskedIterations == 0
						? PigdmGuidance.vector(fft, otfs[c], residuals[c].spectrum(fft), r2, sigma)
						: MaskedPigdm.vector(fft, otfs[c], residuals[c].maskedPlane(), masks[c], r2, sigma,
								maskedIterations, MaskedPigdm.DEFAULT_TOLERANCE).vector();
			}
			return out;
		}
	}

	/** DPS with step &zeta;_t = scale&middot;sqrt(&alpha;&#772;_t). */
	record Dps(double scale) implements Guidance {

		@Override
		public double weight(RespacedSchedule schedule, int k, boolean kernelUpdated) {
			return scale * Math.sqrt(schedule.alphaBar(k));
		}

		@Override
		public float[][] direction(Fft2 fft, float[][] otfs, Residual[] residuals, float[][] masks, double r2,
				double sigma) {
			float[][] r = new float[residuals.length][];
			for (int c = 0; c < r.length; c++) {
				r[c] = residuals[c].spectrum(fft);
			}
			return DpsGuidance.direction(fft, otfs, r);
		}
	}
}
