package org.fde.kernel.gen;

/**
 * The Bessel function of the first kind of order one, J&#8321;, to about 1e-12 absolute accuracy.
 * <p>
 * For |x| &lt; 12 it sums the power series J&#8321;(x) = &Sigma;&#8342; (&minus;1)&#7503; (x/2)&sup2;&#7503;&#8314;&sup1;
 * / (k! (k+1)!); beyond, it uses Hankel's asymptotic expansion J&#8321;(x) = &radic;(2/(&pi;x)) [P cos &chi; &minus; Q
 * sin &chi;], &chi; = x &minus; 3&pi;/4, truncated at its smallest term.
 */
public final class Bessel {

	/** The first positive zero of J&#8321;. */
	public static final double J1_FIRST_ZERO = 3.8317059702075125;

	private static final double SWITCH = 12.0;

	private Bessel() {
	}

	/** J&#8321;(x); odd in x, NaN for NaN. */
	public static double j1(double x) {
		if (x < 0) {
			return -j1(-x);
		}
		return x < SWITCH ? series(x) : asymptotic(x);
	}

	private static double series(double x) {
		double q = x * x / 4;
		double term = x / 2;
		double sum = term;
		for (int k = 0; k < 200; k++) {
			term *= -q / ((k + 1.0) * (k + 2.0));
			sum += term;
			if (Math.abs(term) < 1e-17 * Math.max(1.0, Math.abs(sum)) && k > x) {
				break;
			}
		}
		return sum;
	}

	private static double asymptotic(double x) {
		final double mu = 4.0;
		double p = 0;
		double q = 0;
		double term = 1; // a_k / x^k
		double previous = Double.POSITIVE_INFINITY;
		for (int k = 0; k < 100; k++) {
			double magnitude = Math.abs(term);
			if (magnitude > previous || magnitude < 1e-18) {
				break;
			}
			double signed = ((k / 2) % 2 == 0) ? term : -term;
			if (k % 2 == 0) {
				p += signed;
			} else {
				q += signed;
			}
			previous = magnitude;
			double odd = 2.0 * k + 1;
			term *= (mu - odd * odd) / (8.0 * (k + 1) * x);
		}
		double chi = x - 0.75 * Math.PI;
		return Math.sqrt(2 / (Math.PI * x)) * (p * Math.cos(chi) - q * Math.sin(chi));
	}
}
