package org.fde.bench;

import java.util.HashMap;
import java.util.Map;

import org.fde.baseline.SparseDeconvolution;
import org.fde.baseline.Wiener;
import org.fde.image.Image;
import org.fde.metrics.ErrorRatio;
import org.fde.metrics.KernelError;
import org.fde.metrics.Metrics;
import org.fde.metrics.ReblurLoss;
import org.fde.metrics.ShiftTolerantSsd;
import org.fde.metrics.Ssim;

/**
 * Scores a method's result on a case.
 * <ul>
 * <li>PSNR and SSIM against the sharp image: over the whole image for synthetic cases; for real captures (P3), at
 * the best integer shift within &plusmn;5 px over the reference cropped by 15 px ({@link ShiftTolerantSsd#levin}),
 * and so on P5 too (real kernel shapes, whose blind estimates' position is free).
 * </li>
 * <li>Kernel MSE, plain and shift-aligned ({@link KernelError}), for blind methods only.</li>
 * <li>Reblur loss per value ({@link ReblurLoss}) with the kernel the method used (estimated or true); for
 * non-periodic measurements the border of half the kernel size is ignored.</li>
 * <li>Levin's error ratio ({@link ErrorRatio}) for blind methods (not in the ablation F4, whose rows score the kernel
 * only): the reference non-blind deconvolution is Levin et al.'s own, {@link SparseDeconvolution#levin} (no boundary
 * assumption, so the same for periodic and real cases), run once with the estimated and once with the true kernel,
 * each SSD taken up to a &plusmn;5 px shift over a 15 px crop. The same ratio with {@link Wiener} (its automatic
 * weight, mirror-padded by the kernel window for non-periodic cases) as the reference, the benchmark's earlier
 * ratio, is kept beside it.</li>
 * </ul>
 * Not thread-safe (it memoises the true-kernel SSD per case).
 */
public final class Evaluator {

	private final Map<String, Double> trueSsd = new HashMap<>();

	/** The metrics of one result. */
	public MetricRow evaluate(CaseData data, Method method, MethodResult r) {
		BenchCase c = data.benchCase();
		Image sharp = data.sharp();
		Image est = r.image();
		if (est.width() != sharp.width() || est.height() != sharp.height() || est.channels() != 1) {
			throw new IllegalStateException(method.name() + " returned a " + est.width() + "x" + est.height() + "x"
					+ est.channels() + " image for a " + sharp.width() + "x" + sharp.height() + " gray case");
		}
		boolean real = c.boundary() == Boundary.REAL || c.protocol() == Protocol.P5; // scored up to a shift
		boolean ablation = c.protocol() == Protocol.F4; // the image is the known one: only the kernel is scored
		double[] ps = ablation ? new double[] { Double.NaN, Double.NaN } : quality(est, sharp, real);
		double psnrMean = r.particleMean() == null ? Double.NaN : quality(r.particleMean(), sharp, real)[0];
		double kmse = Double.NaN;
		double kmseAligned = Double.NaN;
		double ratio = Double.NaN;
		double ratioWiener = Double.NaN;
		if (method.blind() && r.kernel() != null) {
			kmse = KernelError.mse(r.kernel(), r.kernelSize(), data.kernel(), data.kernelSize());
			kmseAligned = KernelError.alignedMse(r.kernel(), r.kernelSize(), data.kernel(), data.kernelSize());
		}
		if (method.blind() && r.kernel() != null && !ablation) {
			ratio = errorRatio(data, r, false);
			ratioWiener = errorRatio(data, r, true);
		}
		double reblur = Double.NaN;
		if (r.kernel() != null) {
			Image y = data.observed();
			int border = c.boundary().periodic() ? 0 : r.kernelSize() / 2;
			reblur = ReblurLoss.perValue(new float[][] { est.plane(0) }, r.kernel(), r.kernelSize(),
					new float[][] { y.plane(0) }, y.width(), y.height(), data.sigma(), border);
		}
		return new MetricRow(c.protocol().name(), c.id(), method.name(), data.sigma() * 255, ps[0], ps[1], kmse,
				kmseAligned, reblur, ratio, ratioWiener, psnrMean, r.seconds(), r.peakMemoryBytes() / (1024.0 * 1024.0),
				"ok");
	}

	/** {PSNR, SSIM}: plain, or at the best shift for real captures. */
	static double[] quality(Image est, Image sharp, boolean shiftTolerant) {
		int w = sharp.width();
		int h = sharp.height();
		float[] e = est.plane(0);
		float[] s = sharp.plane(0);
		if (!shiftTolerant) {
			return new double[] { Metrics.psnr(e, s), Ssim.ssim(e, s, w, h) };
		}
		ShiftTolerantSsd.Match m = ShiftTolerantSsd.levin(e, s, w, h);
		int crop = ShiftTolerantSsd.LEVIN_CROP;
		int cw = w - 2 * crop;
		int ch = h - 2 * crop;
		float[] ec = new float[cw * ch];
		float[] sc = new float[cw * ch];
		for (int y = 0; y < ch; y++) {
			for (int x = 0; x < cw; x++) {
				ec[y * cw + x] = e[(y + crop + m.dy()) * w + x + crop + m.dx()];
				sc[y * cw + x] = s[(y + crop) * w + x + crop];
			}
		}
		return new double[] { m.psnr(), Ssim.ssim(ec, sc, cw, ch) };
	}

	/** The error ratio of a result with the sparse (Levin's) or the Wiener reference deconvolution. */
	private double errorRatio(CaseData data, MethodResult r, boolean wiener) {
		BenchCase c = data.benchCase();
		double ssdTrue = trueSsd.computeIfAbsent((wiener ? "wiener:" : "sparse:") + c.id(),
				k -> referenceSsd(data, data.kernel(), data.kernelSize(), wiener));
		return ErrorRatio.ratio(referenceSsd(data, r.kernel(), r.kernelSize(), wiener), ssdTrue);
	}

	/** SSD (up to shift) of the reference deconvolution of y with the given kernel. */
	static double referenceSsd(CaseData data, float[] kernel, int ks, boolean wiener) {
		float[] dec = wiener ? referenceDeconvolution(data, kernel, ks)
				: SparseDeconvolution.levin(data.observed().plane(0), data.observed().width(),
						data.observed().height(), kernel, ks);
		Image sharp = data.sharp();
		return ShiftTolerantSsd.levin(dec, sharp.plane(0), sharp.width(), sharp.height()).ssd();
	}

	/** Wiener with the automatic weight; mirror padding by the kernel window when y is not periodic. */
	static float[] referenceDeconvolution(CaseData data, float[] kernel, int ks) {
		Image y = data.observed();
		if (data.benchCase().boundary().periodic()) {
			return Wiener.deconvolve(y.plane(0), y.width(), y.height(), kernel, ks, data.sigma());
		}
		int pad = Math.max(ks, data.benchCase().estimateSize());
		org.fde.image.PadFrame f = PaddedMethod.frame(y, pad, PaddedMethod.FFT_MULTIPLE);
		float[] d = Wiener.deconvolve(f.pad(y.plane(0)), f.paddedWidth(), f.paddedHeight(), kernel, ks, data.sigma());
		return f.crop(d);
	}
}
