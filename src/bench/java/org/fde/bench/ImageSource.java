package org.fde.bench;

import java.nio.file.Path;

import org.fde.image.Synthetic;

/** Where a case's sharp image comes from: a generated picture or a crop of a file (always one gray channel). */
public sealed interface ImageSource permits ImageSource.Generated, ImageSource.FileCrop {

	/** A short, file-name-safe label. */
	String label();

	/** Width of the crop. */
	int width();

	/** Height of the crop. */
	int height();

	/**
	 * The crop enlarged by {@code before} pixels at the left and top and {@code after} at the right and bottom, gray,
	 * unit range, row-major: (width + before + after) &times; (height + before + after).
	 */
	float[] load(int before, int after);

	/** {@link Synthetic#shapes} of the enlarged size with this seed. */
	record Generated(int width, int height, long seed) implements ImageSource {

		public Generated {
			if (width < 16 || height < 16) {
				throw new IllegalArgumentException("generated image must be at least 16x16, got " + width + "x" + height);
			}
		}

		@Override
		public String label() {
			return "gen" + seed;
		}

		@Override
		public float[] load(int before, int after) {
			return Synthetic.shapes(width + before + after, height + before + after, seed);
		}
	}

	/**
	 * A crop of an image file, top-left (x, y), converted to gray (luminance 0.299/0.587/0.114 for RGB) and scaled to
	 * the unit range: /255 (or /65535) as stored, or with {@code percentile} by the 0.1 and 99.9 percentiles of the
	 * whole file then clipped, as models/training/data.py {@code to_gray01} does for microscopy.
	 */
	record FileCrop(Path path, int x, int y, int width, int height, boolean percentile) implements ImageSource {

		@Override
		public String label() {
			String name = path.getFileName().toString();
			int dot = name.lastIndexOf('.');
			return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9_-]", "_");
		}

		@Override
		public float[] load(int before, int after) {
			ImageFiles.Gray img = ImageFiles.readGray(path, percentile);
			int x0 = x - before;
			int y0 = y - before;
			int w = width + before + after;
			int h = height + before + after;
			if (x0 < 0 || y0 < 0 || x0 + w > img.width() || y0 + h > img.height()) {
				throw new IllegalArgumentException("crop " + w + "x" + h + " at (" + x0 + ", " + y0 + ") does not fit in "
						+ path + " (" + img.width() + "x" + img.height() + ")");
			}
			float[] out = new float[w * h];
			for (int r = 0; r < h; r++) {
				System.arraycopy(img.data(), (y0 + r) * img.width() + x0, out, r * w, w);
			}
			return out;
		}
	}
}
