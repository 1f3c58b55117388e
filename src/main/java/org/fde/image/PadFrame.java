package org.fde.image;

/**
 * Mirror padding on every side, to a size multiple, and the matching crop. The solvers assume periodic convolution;
 * padding by at least the kernel radius keeps the periodic wrap-around seam out of the image, and the size multiple
 * is what the image-prior network requires. Immutable.
 * <p>
 * The original w&times;h image sits at ({@link #left()}, {@link #top()}) inside the padded
 * {@link #paddedWidth()}&times;{@link #paddedHeight()} frame; pixels outside it are mirror reflections (the edge
 * pixel is not repeated, whole-sample symmetric), repeated periodically when the margin exceeds the image.
 *
 * @param width        original width, &ge; 1
 * @param height       original height, &ge; 1
 * @param left         columns added on the left
 * @param top          rows added at the top
 * @param paddedWidth  width of the padded frame (&ge; left + width)
 * @param paddedHeight height of the padded frame (&ge; top + height)
 */
public record PadFrame(int width, int height, int left, int top, int paddedWidth, int paddedHeight) {

	public PadFrame {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
		}
		if (left < 0 || top < 0 || paddedWidth < left + width || paddedHeight < top + height) {
			throw new IllegalArgumentException("invalid frame: " + width + "x" + height + " at (" + left + ", " + top
					+ ") in " + paddedWidth + "x" + paddedHeight);
		}
	}

	/**
	 * The smallest frame with at least {@code margin} pixels on every side whose sides are multiples of
	 * {@code multiple}; the extra pixels of the rounding are split evenly (the odd one goes right/bottom).
	 *
	 * @param margin   &ge; 0, typically the kernel radius (kernelSize / 2)
	 * @param multiple &ge; 1
	 */
	public static PadFrame around(int width, int height, int margin, int multiple) {
		if (margin < 0) {
			throw new IllegalArgumentException("margin must be >= 0, got " + margin);
		}
		if (multiple < 1) {
			throw new IllegalArgumentException("size multiple must be >= 1, got " + multiple);
		}
		int pw = Padding.roundUp(width + 2 * margin, multiple);
		int ph = Padding.roundUp(height + 2 * margin, multiple);
		return new PadFrame(width, height, (pw - width) / 2, (ph - height) / 2, pw, ph);
	}

	/** One plane padded by mirror reflection (new array; the input is not modified). */
	public float[] pad(float[] plane) {
		if (plane.length != width * height) {
			throw new IllegalArgumentException("plane has " + plane.length + " values, expected " + width + "x"
					+ height);
		}
		float[] out = new float[paddedWidth * paddedHeight];
		int[] sx = new int[paddedWidth];
		for (int x = 0; x < paddedWidth; x++) {
			sx[x] = Padding.mirror(x - left, width);
		}
		for (int y = 0; y < paddedHeight; y++) {
			int row = Padding.mirror(y - top, height) * width;
			int o = y * paddedWidth;
			for (int x = 0; x < paddedWidth; x++) {
				out[o + x] = plane[row + sx[x]];
			}
		}
		return out;
	}

	/** The original window of a padded plane (new array). */
	public float[] crop(float[] padded) {
		if (padded.length != paddedWidth * paddedHeight) {
			throw new IllegalArgumentException("padded plane has " + padded.length + " values, expected "
					+ paddedWidth + "x" + paddedHeight);
		}
		float[] out = new float[width * height];
		for (int y = 0; y < height; y++) {
			System.arraycopy(padded, (y + top) * paddedWidth + left, out, y * width, width);
		}
		return out;
	}

	/** Every channel padded. */
	public Image pad(Image image) {
		float[][] p = new float[image.channels()][];
		for (int c = 0; c < p.length; c++) {
			p[c] = pad(image.plane(c));
		}
		return new Image(paddedWidth, paddedHeight, p);
	}

	/** Every channel cropped back; null stays null (an absent uncertainty map). */
	public Image crop(Image padded) {
		if (padded == null) {
			return null;
		}
		float[][] p = new float[padded.channels()][];
		for (int c = 0; c < p.length; c++) {
			p[c] = crop(padded.plane(c));
		}
		return new Image(width, height, p);
	}
}
