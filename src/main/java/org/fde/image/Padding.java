package org.fde.image;

/** Size rounding and the mirror index used by {@link PadFrame}. */
public final class Padding {

	private Padding() {
	}

	/** The smallest multiple of {@code m} that is &ge; {@code n}. */
	public static int roundUp(int n, int m) {
		return ((n + m - 1) / m) * m;
	}

	/** Whole-sample symmetric reflection of index i into [0, n): ... 2 1 | 0 1 ... n&minus;1 | n&minus;2 ... */
	static int mirror(int i, int n) {
		if (n == 1) {
			return 0;
		}
		int period = 2 * (n - 1);
		int m = Math.floorMod(i, period);
		return m < n ? m : period - m;
	}
}
