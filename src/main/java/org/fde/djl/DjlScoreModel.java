package org.fde.djl;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import org.fde.image.BatchShape;
import org.fde.score.ModelSpec;
import org.fde.score.ScoreModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The image prior: a TorchScript &epsilon;-network {@code forward(x: [N,C,H,W], t: [N]) -> [N,C,H,W]} run through
 * DJL's PyTorch engine. The timestep is passed as a float32 tensor of shape [N] holding the original schedule index
 * (the same value for every batch element).
 * <p>
 * <b>Memory.</b> Every call works in its own NDManager scope that is closed before the call returns (or, for
 * {@link #epsilonTracked}, when the {@link TrackedEpsilon} is closed), so native memory does not grow across calls.
 * <p>
 * <b>Gradients.</b> {@link #epsilonTracked} records the graph with a {@link ThreadGradient} (PyTorch's grad mode is
 * per thread), so tracked evaluations on different threads run at once, each differentiating its own graph: two Spark
 * tasks in one executor, for example. Consequences for callers:
 * <ul>
 * <li>close every tracked evaluation, on the thread that opened it (try-with-resources does both);</li>
 * <li>one thread cannot hold two tracked evaluations at once (an {@link IllegalStateException} says so);</li>
 * <li>plain {@link #epsilon} calls may run beside them.</li>
 * </ul>
 * <p>
 * <b>Load-time probe.</b> {@link #load} runs the network on a small input (size multiple &ge; 8, t = 500) and checks
 * the output shape, finiteness, that the tracked (train-mode, autograd) forward agrees with the plain one (which
 * rules out dropout and batch norm in training mode) and that a vector&ndash;Jacobian product can be taken.
 */
public final class DjlScoreModel implements ScoreModel {

	private static final Logger LOG = LoggerFactory.getLogger(DjlScoreModel.class);

	/** Whether this thread holds an open tracked evaluation (from epsilonTracked until TrackedEpsilon.close()). */
	private static final ThreadLocal<Boolean> OPEN = ThreadLocal.withInitial(() -> false);

	private static final double PROBE_T = 500;

	private final ModelCard card;
	private final ModelSpec spec;
	private final TorchScriptNetwork net;
	private volatile boolean closed;

	private DjlScoreModel(ModelCard card, TorchScriptNetwork net) {
		this.card = card;
		this.spec = card.toSpec();
		this.net = net;
	}

	/**
	 * Loads and probes the image prior of a model folder.
	 *
	 * @param modelDir folder holding {@code card.json} (role {@code image-prior}) and the TorchScript file
	 * @param device   where to run; GPU without CUDA natives or device falls back to the CPU (logged)
	 * @throws InvalidModelException if the card is invalid, the file cannot be loaded or the probe fails
	 */
	public static DjlScoreModel load(Path modelDir, DeviceChoice device) {
		ModelCard card = ModelCard.read(modelDir, ModelCard.Role.IMAGE_PRIOR);
		TorchScriptNetwork net = TorchScriptNetwork.load(card, device, true);
		DjlScoreModel model = new DjlScoreModel(card, net);
		try {
			model.probe();
		} catch (RuntimeException e) {
			model.close();
			throw e;
		}
		LOG.info("image prior '{}' {} loaded from {} on device {}", card.name(), card.version(), card.modelFile(),
				model.device());
		return model;
	}

	/**
	 * Sets PyTorch's intra-op thread count for the whole process (see {@link DjlEnvironment#setThreads(int)}).
	 *
	 * @param threads at least 1
	 */
	public static void setThreads(int threads) {
		DjlEnvironment.setThreads(threads);
	}

	/** The validated model card. */
	public ModelCard card() {
		return card;
	}

	/** The device actually used, in DJL's notation ({@code cpu()}, {@code gpu(0)}). */
	public String device() {
		return net.device().toString();
	}

	/** {@inheritDoc} */
	@Override
	public ModelSpec spec() {
		return spec;
	}

	/** {@inheritDoc} */
	@Override
	public float[] epsilon(float[] x, BatchShape shape, double t) {
		checkCall(x, shape, t);
		Shape nchw = nchw(shape);
		try (NativeGate.Hold hold = NativeGate.process().enter(); NDManager scope = net.newScope()) {
			NDArray xa = scope.create(x, nchw);
			NDArray eps = net.forward(new NDList(xa, timesteps(scope, shape, t)), false);
			TorchScriptNetwork.checkShape(eps, nchw, "the image prior");
			return eps.toFloatArray();
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Close the result on this thread. An interrupted thread gets a {@link CancellationException} (the interrupt flag
	 * kept) instead of a new evaluation.
	 *
	 * @throws IllegalStateException if this thread already holds an open tracked evaluation
	 */
	@Override
	public TrackedEpsilon epsilonTracked(float[] x, BatchShape shape, double t) {
		checkCall(x, shape, t);
		if (OPEN.get()) {
			throw new IllegalStateException("this thread already holds an open tracked evaluation: close it before "
					+ "starting another");
		}
		if (Thread.currentThread().isInterrupted()) {
			throw new CancellationException("interrupted before a tracked evaluation");
		}
		NDManager scope = null;
		ThreadGradient gradient = null;
		try (NativeGate.Hold hold = NativeGate.process().enter()) {
			scope = net.newScope();
			gradient = ThreadGradient.open();
			Shape nchw = nchw(shape);
			NDArray xa = scope.create(x, nchw);
			xa.setRequiresGradient(true);
			NDArray eps = net.forward(new NDList(xa, timesteps(scope, shape, t)), true);
			TorchScriptNetwork.checkShape(eps, nchw, "the image prior");
			Tracked tracked = new Tracked(shape, scope, gradient, xa, eps, eps.toFloatArray());
			OPEN.set(true);
			return tracked;
		} catch (RuntimeException | Error e) {
			try {
				if (gradient != null) {
					gradient.close();
				}
			} finally {
				if (scope != null) {
					scope.close();
				}
			}
			throw e;
		}
	}

	/**
	 * Releases the network's native memory and returns the C heap's free memory to the OS ({@link NativeMemory}).
	 * Idempotent. Open tracked evaluations must be closed first.
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
		return "DjlScoreModel[" + card.name() + " " + card.version() + " on " + device() + "]";
	}

	/** Number of NDArrays attached to the model's manager and its live scopes (for leak tests). */
	int managedArrayCount() {
		return net.managedArrayCount();
	}

	private void checkCall(float[] x, BatchShape shape, double t) {
		if (closed) {
			throw new IllegalStateException(this + " is closed");
		}
		if (x.length != shape.size()) {
			throw new IllegalArgumentException("x has " + x.length + " values, batch shape " + shape + " needs "
					+ shape.size());
		}
		if (shape.c() != spec.channels()) {
			throw new IllegalArgumentException("the image prior '" + spec.name() + "' takes " + spec.channels()
					+ " channel(s), got batch shape " + shape);
		}
		int m = spec.sizeMultiple();
		if (shape.h() % m != 0 || shape.w() % m != 0) {
			throw new IllegalArgumentException("height and width must be multiples of " + m + " for the image prior '"
					+ spec.name() + "' (pad the image first), got " + shape);
		}
		if (!(t >= 0 && t <= spec.trainingSteps() - 1)) {
			throw new IllegalArgumentException("timestep must lie in [0, " + (spec.trainingSteps() - 1)
					+ "] (original schedule index), got " + t);
		}
	}

	private static Shape nchw(BatchShape s) {
		return new Shape(s.n(), s.c(), s.h(), s.w());
	}

	private static NDArray timesteps(NDManager scope, BatchShape shape, double t) {
		return scope.full(new Shape(shape.n()), (float) t);
	}

	/** The load-time check described in the class comment. */
	private void probe() {
		int m = spec.sizeMultiple();
		int side = m * Math.max(1, (8 + m - 1) / m);
		BatchShape shape = new BatchShape(1, spec.channels(), side, side);
		float[] x = new float[shape.size()];
		float[] v = new float[shape.size()];
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) (0.8 * Math.sin(0.37 * i + 0.2));
			v[i] = (float) Math.cos(0.11 * i);
		}
		Path file = card.modelFile();
		String field = "methods.forward";
		String input = "probe input " + shape + " at t=" + PROBE_T;
		float[] plain;
		float[] tracked;
		float[] grad;
		try {
			plain = epsilon(x, shape, PROBE_T);
			try (TrackedEpsilon te = epsilonTracked(x, shape, PROBE_T)) {
				tracked = te.epsilon();
				grad = te.vjp(v);
			}
		} catch (IllegalStateException e) {
			throw new InvalidModelException(file, field, input + ": " + e.getMessage(), e);
		} catch (RuntimeException e) {
			throw new InvalidModelException(file, field, "the network fails on the " + input + " (expected "
					+ card.forwardSignature() + "; and input gradients need a module saved by torch.jit.save): "
					+ e.getMessage(), e);
		}
		double maxAbs = 0;
		double maxDiff = 0;
		for (int i = 0; i < plain.length; i++) {
			if (!Float.isFinite(plain[i]) || !Float.isFinite(grad[i])) {
				throw new InvalidModelException(file, field, input + ": non-finite output or input gradient at "
						+ "index " + i);
			}
			maxAbs = Math.max(maxAbs, Math.abs(plain[i]));
			maxDiff = Math.max(maxDiff, Math.abs(plain[i] - tracked[i]));
		}
		if (maxDiff > 1e-4 * (1 + maxAbs)) {
			throw new InvalidModelException(file, field, String.format(Locale.ROOT, "%s: the train-mode (autograd) "
					+ "forward differs from the eval-mode forward by %.3g; the network must behave the same in "
					+ "both modes (no dropout, no batch norm)", input, maxDiff));
		}
	}

	/** One tracked forward: owns a scope and its thread's gradient session until closed. */
	private static final class Tracked implements TrackedEpsilon {

		private final BatchShape shape;
		private final NDManager scope;
		private final ThreadGradient gradient;
		private final Thread owner;
		private final NDArray x;
		private final NDArray eps;
		private final float[] epsValues;
		private boolean used;
		private boolean closed;

		Tracked(BatchShape shape, NDManager scope, ThreadGradient gradient, NDArray x, NDArray eps,
				float[] epsValues) {
			this.shape = shape;
			this.scope = scope;
			this.gradient = gradient;
			this.owner = Thread.currentThread();
			this.x = x;
			this.eps = eps;
			this.epsValues = epsValues;
		}

		/** {@inheritDoc} A fresh copy on each call. */
		@Override
		public float[] epsilon() {
			return epsValues.clone();
		}

		/** {@inheritDoc} Computed as the gradient of sum(&epsilon;&#770; &#8857; v) with respect to x_t. */
		@Override
		public float[] vjp(float[] v) {
			if (closed) {
				throw new IllegalStateException("tracked evaluation already closed");
			}
			if (used) {
				throw new IllegalStateException("vjp may be called once per tracked evaluation (the graph is freed "
						+ "by the first backward)");
			}
			if (v.length != shape.size()) {
				throw new IllegalArgumentException("v has " + v.length + " values, batch shape " + shape + " needs "
						+ shape.size());
			}
			used = true;
			try (NativeGate.Hold hold = NativeGate.process().enter()) {
				NDArray va = scope.create(v, eps.getShape());
				gradient.backward(eps.mul(va).sum());
				return x.getGradient().toFloatArray();
			}
		}

		/** Frees the graph and the call's arrays and ends this thread's gradient session. Idempotent. */
		@Override
		public void close() {
			if (closed) {
				return;
			}
			closed = true;
			try (NativeGate.Hold hold = NativeGate.process().enter()) {
				scope.close();
			} finally {
				if (Thread.currentThread() != owner) {
					throw new IllegalStateException("a tracked evaluation must be closed on the thread that "
							+ "opened it (its gradient session belongs to that thread)");
				}
				gradient.close();
				OPEN.set(false);
			}
		}
	}
}
