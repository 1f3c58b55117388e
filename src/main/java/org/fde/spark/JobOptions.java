package org.fde.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Spark job's own options, which {@code deblur} does not have: {@code --unit file} (one task per image, the
 * default) or {@code --unit tile} (the tiles of one image at a time on the executors, {@link TileMode}), and
 * {@code --kernel-crop N} (tile mode: the side of the central window the kernel is estimated on).
 *
 * @param tiles      {@code --unit tile}
 * @param kernelCrop {@code --kernel-crop}
 * @param deblurArgs the other options, for {@code deblur}
 */
record JobOptions(boolean tiles, int kernelCrop, String[] deblurArgs) {

	static final String UNIT_FILE = "file";
	static final String UNIT_TILE = "tile";

	/** @throws IllegalArgumentException naming the option and its range */
	static JobOptions parse(String[] args) {
		String unit = null;
		String crop = null;
		List<String> rest = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String key = args[i].startsWith("--") ? args[i].substring(2).replace("-", "") : "";
			boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
			if (key.equals("unit") || key.equals("kernelcrop")) {
				if (!hasValue) {
					throw new IllegalArgumentException(args[i] + " needs a value");
				}
				if ((key.equals("unit") ? unit : crop) != null) {
					throw new IllegalArgumentException(args[i] + " is given twice: give each option once");
				}
				if (key.equals("unit")) {
					unit = args[++i];
				} else {
					crop = args[++i];
				}
			} else {
				rest.add(args[i]);
			}
		}
		if (unit != null && !unit.equals(UNIT_FILE) && !unit.equals(UNIT_TILE)) {
			throw new IllegalArgumentException("--unit must be " + UNIT_FILE + " (one task per image) or " + UNIT_TILE
					+ " (the tiles of one image at a time), got " + unit);
		}
		boolean tiles = UNIT_TILE.equals(unit);
		int side = TileMode.KERNEL_CROP_DEFAULT;
		if (crop != null) {
			if (!tiles) {
				throw new IllegalArgumentException("--kernel-crop applies to --unit tile only");
			}
			try {
				side = Integer.parseInt(crop);
			} catch (NumberFormatException e) {
				side = -1;
			}
			if (side < TileMode.KERNEL_CROP_MIN || side > TileMode.KERNEL_CROP_MAX) {
				throw new IllegalArgumentException(String.format(Locale.ROOT, "--kernel-crop must be an integer in "
						+ "[%d, %d], got %s", TileMode.KERNEL_CROP_MIN, TileMode.KERNEL_CROP_MAX, crop));
			}
		}
		return new JobOptions(tiles, side, rest.toArray(String[]::new));
	}
}
