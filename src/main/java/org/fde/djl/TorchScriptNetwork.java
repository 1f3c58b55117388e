package org.fde.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A TorchScript module loaded from a file through DJL, with a single-output forward. Package-private plumbing
 * shared by {@link DjlScoreModel} and {@link DjlKernelPrior}.
 * <p>
 * Calls of {@link #forward} with the same {@code training} flag run at once; a call with the other flag waits until
 * those in flight have returned and then runs alone: DJL switches the module between train and eval mode according
 * to that flag when it differs from the last call's, and two threads must not race on that switch.
 */
final class TorchScriptNetwork implements AutoCloseable {

	private final Model model;
	private final Block block;
	private final Device device;
	private final Object modeLock = new Object();
	/** Guarded by modeLock: the mode DJL's module was last left in (once known), calls in flight, a switch running. */
	private boolean mode;
	private boolean modeKnown;
	private int inFlight;
	private boolean switching;

	private TorchScriptNetwork(Model model, Device device) {
		this.model = model;
		this.block = model.getBlock();
		this.device = device;
	}

	/**
	 * Loads the card's model file on the chosen device.
	 *
	 * @param inputGradients load with {@code trainParam=true} and frozen parameters, so that gradients with respect
	 *                       to the inputs can be taken (with the default, parameters are inference tensors and any
	 *                       backward fails)
	 * @throws InvalidModelException if DJL cannot load the file
	 */
	static TorchScriptNetwork load(ModelCard card, DeviceChoice choice, boolean inputGradients) {
		DjlEnvironment.engine();
		Device device = DjlEnvironment.resolve(choice);
		Path file = card.modelFile();
		// The same options as Criteria.optOption(...) would pass; Model.load is used directly because
		// Criteria.loadModel does not close the half-built model when loading fails.
		Map<String, String> options = Map.of(
				// load straight onto the device, whatever device the module was saved from
				"mapLocation", "true",
				// true: parameters are ordinary tensors (frozen below), so input gradients work
				"trainParam", String.valueOf(inputGradients));
		Model model = DjlEnvironment.withOwnClassLoader(
				() -> Model.newInstance(card.name(), device, DjlEnvironment.ENGINE_NAME));
		try (NativeGate.Hold hold = NativeGate.process().enter()) {
			DjlEnvironment.withOwnClassLoader(() -> {
				try {
					model.load(file, file.getFileName().toString(), options);
				} catch (IOException | MalformedModelException e) {
					throw new InvalidModelException(file, "file", "DJL cannot load the TorchScript file: "
							+ e.getMessage(), e);
				}
				return null;
			});
			if (inputGradients) {
				model.getBlock().freezeParameters(true);
			}
			return new TorchScriptNetwork(model, device);
		} catch (InvalidModelException e) {
			model.close();
			throw e;
		} catch (RuntimeException e) {
			model.close();
			throw new InvalidModelException(file, "file", "DJL cannot load the TorchScript file (is it an archive "
					+ "saved by torch.jit.save?): " + e.getMessage(), e);
		}
	}

	/** The device the module lives on. */
	Device device() {
		return device;
	}

	/** A new scope for one call's arrays; close it (try-with-resources) when the call ends. */
	NDManager newScope() {
		return model.getNDManager().newSubManager();
	}

	/**
	 * Runs {@code forward} on the inputs. The result is attached to the first input's manager.
	 *
	 * @param training {@code true}: with autograd (grad mode as set by the caller's gradient collector);
	 *                 {@code false}: without autograd (DJL runs the module under a no-grad guard)
	 * @throws IllegalStateException if the module does not return exactly one tensor
	 */
	NDArray forward(NDList inputs, boolean training) {
		boolean switches = enter(training);
		NDList out;
		try {
			out = block.forward(new ParameterStore(inputs.head().getManager(), false), inputs, training);
		} finally {
			leave(training, switches);
		}
		if (out.size() != 1) {
			out.close();
			throw new IllegalStateException("the network returned " + out.size() + " outputs, expected one tensor");
		}
		return out.head();
	}

	/** Waits until a call in this mode may run; true when this call switches the mode (and so runs alone). */
	private boolean enter(boolean training) {
		synchronized (modeLock) {
			while (switching || (inFlight > 0 && mode != training)) {
				try {
					modeLock.wait();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new java.util.concurrent.CancellationException("interrupted while waiting for the network");
				}
			}
			boolean switches = !modeKnown || mode != training;
			switching = switches;
			inFlight++;
			return switches;
		}
	}

	private void leave(boolean training, boolean switched) {
		synchronized (modeLock) {
			inFlight--;
			if (switched) {
				switching = false;
				mode = training;
				modeKnown = true;
			}
			modeLock.notifyAll();
		}
	}

	/** Number of NDArrays currently attached to the model's manager and its scopes (for leak tests). */
	int managedArrayCount() {
		return model.getNDManager().getManagedArrays().size();
	}

	/** Checks that an output has the expected NCHW shape. */
	static void checkShape(NDArray out, Shape expected, String what) {
		if (!out.getShape().equals(expected)) {
			throw new IllegalStateException(what + " returned shape " + out.getShape() + ", expected " + expected);
		}
	}

	/** Closes the module and returns the C heap's free memory to the OS ({@link NativeMemory}). */
	@Override
	public void close() {
		try (NativeGate.Hold hold = NativeGate.process().enter()) {
			model.close();
		} finally {
			NativeMemory.releaseFree(); // the freed activations back to the OS (see NativeMemory)
		}
	}
}
