package org.fde.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The metrics of one (method, case) pair; NaN where a metric does not apply (e.g. kernel errors of non-blind
 * methods). Stored one per file by {@link ResultCache} and one per line in the CSV.
 *
 * @param protocol         protocol name
 * @param caseId           the case
 * @param method           the method's name
 * @param sigma255         noise level in 1/255 (given, or estimated for real captures)
 * @param psnr             PSNR in dB (peak 1); for real captures at the best shift within &plusmn;5 px, 15 px crop
 * @param ssim             SSIM (Wang et al. 2004, 11&times;11 Gaussian, &sigma; 1.5), same region as the PSNR
 * @param kernelMse        per-pixel MSE of the sum-1 kernels over the larger window
 * @param kernelMseAligned the same after the best integer shift within &plusmn;size/4
 * @param reblur           reblur loss per measured value (eq. 34 / M)
 * @param errorRatio       Levin's error ratio with his sparse reference deconvolution (the standard one)
 * @param errorRatioWiener the same ratio with the Wiener reference deconvolution (the benchmark's earlier reference)
 * @param psnrMean         PSNR of the particle average (diffusion methods)
 * @param seconds          wall time of the method
 * @param peakMemoryMb     peak heap in MiB
 * @param status           "ok", or the failure
 */
public record MetricRow(String protocol, String caseId, String method, double sigma255, double psnr, double ssim,
		double kernelMse, double kernelMseAligned, double reblur, double errorRatio, double errorRatioWiener,
		double psnrMean, double seconds, double peakMemoryMb, String status) {

	/** CSV columns, in order. */
	public static final List<String> COLUMNS = List.of("protocol", "case", "method", "sigma255", "psnr", "ssim",
			"kernel_mse", "kernel_mse_aligned", "reblur", "error_ratio", "error_ratio_wiener", "psnr_mean", "seconds",
			"peak_memory_mb", "status");

	/** True if the run succeeded. */
	public boolean ok() {
		return "ok".equals(status);
	}

	/** A failed run: all metrics NaN. */
	public static MetricRow failed(String protocol, String caseId, String method, double sigma255, String why) {
		double n = Double.NaN;
		return new MetricRow(protocol, caseId, method, sigma255, n, n, n, n, n, n, n, n, n, n,
				"failed: " + why.replaceAll("[\\r\\n,]", " "));
	}

	private Map<String, String> values() {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("protocol", protocol);
		m.put("case", caseId);
		m.put("method", method);
		m.put("sigma255", num(sigma255));
		m.put("psnr", num(psnr));
		m.put("ssim", num(ssim));
		m.put("kernel_mse", num(kernelMse));
		m.put("kernel_mse_aligned", num(kernelMseAligned));
		m.put("reblur", num(reblur));
		m.put("error_ratio", num(errorRatio));
		m.put("error_ratio_wiener", num(errorRatioWiener));
		m.put("psnr_mean", num(psnrMean));
		m.put("seconds", num(seconds));
		m.put("peak_memory_mb", num(peakMemoryMb));
		m.put("status", status);
		return m;
	}

	/** As properties (the cache format). */
	public Properties toProperties() {
		Properties p = new Properties();
		values().forEach(p::setProperty);
		return p;
	}

	/** Reads {@link #toProperties}'s format; missing keys throw. */
	public static MetricRow fromProperties(Properties p) {
		for (String c : COLUMNS) {
			if (p.getProperty(c) == null) {
				throw new IllegalArgumentException("cached result lacks '" + c + "'");
			}
		}
		return new MetricRow(p.getProperty("protocol"), p.getProperty("case"), p.getProperty("method"),
				d(p, "sigma255"), d(p, "psnr"), d(p, "ssim"), d(p, "kernel_mse"), d(p, "kernel_mse_aligned"),
				d(p, "reblur"), d(p, "error_ratio"), d(p, "error_ratio_wiener"), d(p, "psnr_mean"), d(p, "seconds"),
				d(p, "peak_memory_mb"), p.getProperty("status"));
	}

	/** One CSV line (no quoting needed: ids and names are file-name-safe, the status has no commas). */
	public String csv() {
		return String.join(",", values().values());
	}

	private static double d(Properties p, String k) {
		return Double.parseDouble(p.getProperty(k));
	}

	static String num(double v) {
		return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
	}
}
