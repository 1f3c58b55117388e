package org.fde.djl;

import java.nio.file.Path;
import java.util.Arrays;

import org.fde.score.KernelPrior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The plug-and-play kernel prior: a TorchScript kernel denoiser {@code forward(x: [N,2,S,S]) -> [N,1,S,S]} whose
 * input channels are the kernel and a constant noise-level map (card role {@code kernel-prior}).
 * <p>
 * The network is fully convolutional, so any size S works; the card's {@code kernel_sizes} and
 * {@code level_range} say what it was trained on ({@link #card()}). Nothing is clamped or projected here: the
 * M-step projects the result. Calls may run on several threads at once, each in its own NDManager scope.
 */
public final class DjlKernelPrior implements KernelPrior {

	private static final Logger LOG = LoggerFactory.getLogger(DjlKernelPrior.class);

	private final ModelCard card;
	private final TorchScriptNetwork net;
	private volatile boolean closed;

	private DjlKernelPrior(ModelCard card, TorchScriptNetwork net) {
		this.card = card;
		this.net = net;
	}

	/**
	 * Loads and probes the kernel prior of a model folder (probe: a flat kernel of the first trained size at the
	 * middle of the level range; the output must be 1&times;1&times;S&times;S and finite).
	 *
	 * @param modelDir folder holding {@code card.json} (role {@code kernel-prior}) and the TorchScript file
	 * @param device   where to run; GPU without CUDA natives or device falls back to the CPU (logged)
	 * @throws InvalidModelException if the card is invalid, the file cannot be loaded or the probe fails
	 */
	public static DjlKernelPrior load(Path modelDir, DeviceChoice device) {
		ModelCard card = ModelCard.read(modelDir, ModelCard.Role.KERNEL_PRIOR);
		DjlKernelPrior prior = new DjlKernelPrior(card, TorchScriptNetwork.load(card, device, false));
		try {
			prior.probe();
		} catch (RuntimeException e) {
			prior.close();
			throw e;
		}
		LOG.info("kernel prior '{}' {} loaded from {} on device {}", card.name(), card.version(), card.modelFile(),
				prior.device());
		return prior;
	}

	/** The validated model card (trained kernel sizes and level range). */
	public ModelCard card() {
		return card;
	}

	/** The device actually used, in DJL's notation ({@code cpu()}, {@code gpu(0)}). */
	public String device() {
		return net.device().toString();
	}

	/** {@inheritDoc} Always {@code "pnp"}. */
	@Override
	public String name() {
		return "pnp";
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Runs the network on [kernel, constant map = level]; {@code lambda} and {@code beta} are not used (the level
	 * already is sqrt(&lambda;/&beta;)).
	 */
	@Override
	public float[] denoise(float[] kernel, int size, double level, double lambda, double beta) {
		if (closed) {
			throw new IllegalStateException("kernel prior '" + card.name() + "' is closed");
		}
		if (size < 1 || kernel.length != size * size) {
			throw new IllegalArgumentException("kernel has " + kernel.length + " values, expected size*size for size "
					+ size);
		}
		if (!(level >= 0) || Double.isInfinite(level)) {
			throw new IllegalArgumentException("noise level must be finite and >= 0, got " + level);
		}
		int plane = size * size;
		float[] input = Arrays.copyOf(kernel, 2 * plane);
		Arrays.fill(input, plane, 2 * plane, (float) level);
		try (NativeGate.Hold hold = NativeGate.process().enter(); NDManager scope = net.newScope()) {
			NDArray in = scope.create(input, new Shape(1, 2, size, size));
			NDArray out = net.forward(new NDList(in), false);
			TorchScriptNetwork.checkShape(out, new Shape(1, 1, size, size), "the kernel prior");
			return out.toFloatArray();
		}
	}

	/**
	 * Releases the network's native memory and returns the C heap's free memory to the OS ({@link NativeMemory}).
	 */
	@Override
	public void close() {
		if (!closed) {
			closed = true;
			net.close(); // and the C heap's free memory back to the OS
		}
	}

	@Override
	public String toString() {
		return "DjlKernelPrior[" + card.name() + " " + card.version() + " on " + device() + "]";
	}

	/** Number of NDArrays attached to the model's manager and its live scopes (for leak tests). */
	int managedArrayCount() {
		return net.managedArrayCount();
	}

	private void probe() {
		int s = card.kernelSizes().get(0);
		float[] k = new float[s * s];
		Arrays.fill(k, 1f / (s * s));
		double level = 0.5 * (card.levelMin() + card.levelMax());
		float[] out;
		try {
			out = denoise(k, s, level, 1, 1);
		} catch (RuntimeException e) {
			throw new InvalidModelException(card.modelFile(), "methods.forward", "the network fails on the probe "
					+ "input 1x2x" + s + "x" + s + " (expected " + card.forwardSignature() + "): " + e.getMessage(), e);
		}
		for (int i = 0; i < out.length; i++) {
			if (!Float.isFinite(out[i])) {
				throw new InvalidModelException(card.modelFile(), "methods.forward", "non-finite output at index " + i
						+ " on the probe input 1x2x" + s + "x" + s);
			}
		}
	}
}
