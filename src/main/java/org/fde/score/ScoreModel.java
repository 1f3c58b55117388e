package org.fde.score;

import java.util.function.UnaryOperator;

import org.fde.image.BatchShape;

/**
 * The image prior: a network (or an analytic stand-in) that predicts the noise &epsilon;&#770; of a noisy batch x_t
 * at diffusion timestep t, on the model's value range [&minus;1, 1], NCHW layout.
 * <p>
 * The timestep is the <em>original</em> index of the T-step training schedule (0 &le; t &le; T&minus;1), passed as a
 * double so that continuous values may be used (for one-step denoising at an arbitrary noise level). The conversion
 * &epsilon;&#770; &rarr; x&#770;0 and its vector&ndash;Jacobian product belongs to {@link EpsilonParameterisation}.
 */
public interface ScoreModel extends AutoCloseable {

	/** What the model accepts: channels, spatial multiple, schedule. */
	ModelSpec spec();

	/** &epsilon;&#770;(x_t, t) for a batch (no gradient is kept). */
	float[] epsilon(float[] x, BatchShape shape, double t);

	/**
	 * &epsilon;&#770;(x_t, t) with the computation kept so that exactly one vector&ndash;Jacobian product
	 * (&part;&epsilon;&#770;/&part;x_t)<sup>T</sup> v can be asked for afterwards. Close the result when done.
	 */
	TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t);

	/**
	 * {@link #epsilon} of a batch made of the planes of {@code tiles} tiles, each tile's planes one after the other
	 * (the solvers' batches of tiles, {@code org.fde.em}). A model may evaluate each tile's planes as a batch of their
	 * own, as a batch of one tile gives them (the Spark job evaluates the tiles on its executors); the default
	 * evaluates the whole batch at once.
	 *
	 * @param tiles the number of tiles, dividing {@code shape.n()}
	 */
	default float[] epsilonOfTiles(float[] x, BatchShape shape, int tiles, double t) {
		return epsilon(x, shape, t);
	}

	/** {@link #epsilonTracked} of a batch of {@code tiles} tiles' planes, as {@link #epsilonOfTiles}. */
	default TrackedEpsilon epsilonOfTilesTracked(float[] x, BatchShape shape, int tiles, double t) {
		return epsilonTracked(x, shape, t);
	}

	/**
	 * The prior for images of h&times;w (a coarse-to-fine start runs on a smaller image): this model itself when it
	 * takes any size that is a multiple of {@link ModelSpec#sizeMultiple} (the networks); a model made for one size
	 * returns its counterpart at the other.
	 */
	default ScoreModel atSize(int h, int w) {
		return this;
	}

	@Override
	default void close() {
	}

	/** A forward pass whose graph is kept for one vector&ndash;Jacobian product. */
	interface TrackedEpsilon extends AutoCloseable {

		/** &epsilon;&#770; (NCHW). */
		float[] epsilon();

		/** (&part;&epsilon;&#770;/&part;x_t)<sup>T</sup> v, for v of the batch's shape. May be called once. */
		float[] vjp(float[] v);

		@Override
		void close();

		/**
		 * A tracked evaluation from its parts: &epsilon;&#770;, the product v &rarr; J<sup>T</sup>v, and what closing
		 * releases.
		 */
		static TrackedEpsilon of(float[] epsilon, UnaryOperator<float[]> vjp, Runnable onClose) {
			return new TrackedEpsilon() {
				@Override
				public float[] epsilon() {
					return epsilon;
				}

				@Override
				public float[] vjp(float[] v) {
					return vjp.apply(v);
				}

				@Override
				public void close() {
					onClose.run();
				}
			};
		}
	}
}
