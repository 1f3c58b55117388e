package org.fde.kernel.gen;

/** Argument checks shared by the generator classes; every message names the parameter and the allowed range. */
final class Checks {

	private Checks() {
	}

	static int size(int size) {
		if (size < KernelGenerator.MIN_SIZE || size > KernelGenerator.MAX_SIZE) {
			throw new IllegalArgumentException("size must be in [" + KernelGenerator.MIN_SIZE + ", "
					+ KernelGenerator.MAX_SIZE + "], got " + size);
		}
		return size;
	}

	/** {@code value} in the closed interval [lo, hi]; NaN is always rejected. */
	static double range(String name, double value, double lo, double hi) {
		if (!(value >= lo && value <= hi)) {
			throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + value);
		}
		return value;
	}

	static double finite(String name, double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException(name + " must be a finite number in (-inf, inf), got " + value);
		}
		return value;
	}
}
