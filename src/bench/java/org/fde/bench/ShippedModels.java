package org.fde.bench;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlKernelPrior;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelStore;
import org.fde.image.BatchShape;
import org.fde.kernel.L1Prior;
import org.fde.kernel.L2Prior;
import org.fde.kernel.ProjectionPrior;
import org.fde.score.KernelPrior;
import org.fde.score.Rot180Ensemble;
import org.fde.score.ScoreModel;

/**
 * The TorchScript networks: the image prior and the PnP kernel prior from {@link ModelStore#standard()} unless
 * folders are given. Each is loaded once, on first use, and shared by all cases.
 */
public final class ShippedModels implements ModelFactory {

	private final Path imageDir;
	private final Path kernelDir;
	private final String priorName;
	private final DeviceChoice device;
	private final int ensemble;
	private DjlScoreModel image;
	/** {@link #image}, or its rotation ensemble. */
	private ScoreModel prior;
	private DjlKernelPrior pnp;
	private KernelPrior chosen;
	/** Image sizes the network has been warmed up at. */
	private final Set<Long> warmed = new HashSet<>();

	/**
	 * @param imageDir  image-prior folder, or null for the shipped one
	 * @param kernelDir PnP kernel-prior folder, or null for the shipped one
	 * @param priorName kernel prior of the blind methods: pnp, l1, l2 or projection
	 * @param device    where to run the networks
	 */
	public ShippedModels(Path imageDir, Path kernelDir, String priorName, DeviceChoice device) {
		this(imageDir, kernelDir, priorName, device, 1);
	}

	/** @param ensemble 1, or 2 for the image prior's rotation ensemble ({@link Rot180Ensemble}) */
	public ShippedModels(Path imageDir, Path kernelDir, String priorName, DeviceChoice device, int ensemble) {
		if (!java.util.List.of("pnp", "l1", "l2", "projection").contains(priorName)) {
			throw new IllegalArgumentException("--prior-model must be one of pnp, l1, l2, projection; got " + priorName);
		}
		this.imageDir = imageDir;
		this.kernelDir = kernelDir;
		this.priorName = priorName;
		this.device = device;
		this.ensemble = ensemble;
		if (ensemble < 1 || ensemble > 2) {
			throw new IllegalArgumentException("--ensemble must be 1 or 2, got " + ensemble);
		}
	}

	@Override
	public synchronized ScoreModel imagePrior(int h, int w) {
		if (image == null) {
			image = DjlScoreModel.load(imageDir != null ? imageDir : ModelStore.standard().find(ModelStore.IMAGE_PRIOR),
					device);
		}
		if (prior == null) {
			prior = Rot180Ensemble.of(image, ensemble);
		}
		if (h > 0 && w > 0 && warmed.add(((long) h << 32) | w)) {
			warmUp(prior, h, w);
		}
		return prior;
	}

	/** Untimed network calls per new image size before any method runs at that size. */
	static final int WARM_UP_CALLS = 10;

	/**
	 * {@value #WARM_UP_CALLS} tracked forwards and VJPs at h&times;w (one particle), so that no method's time includes
	 * the one-off cost of PyTorch's profiling graph executor, which optimises the graph for a new input size over its
	 * first calls ({@code bench-cost} skips its first 10 steps for the same reason). Measured: the first Fast EM run of
	 * a quick bench took 108 s, the second 17 s.
	 */
	static void warmUp(ScoreModel m, int h, int w) {
		BatchShape net = new BatchShape(1, m.spec().channels(), h, w);
		float[] x = new float[net.size()];
		SplittableRandom r = new SplittableRandom(0);
		for (int i = 0; i < x.length; i++) {
			x[i] = (float) r.nextGaussian();
		}
		for (int i = 0; i < WARM_UP_CALLS; i++) {
			try (ScoreModel.TrackedEpsilon t = m.epsilonTracked(x, net, 500)) {
				t.vjp(t.epsilon());
			}
		}
	}

	@Override
	public synchronized KernelPrior kernelPrior() {
		if (chosen == null) {
			chosen = switch (priorName) {
			case "pnp" -> pnpKernelPrior();
			case "l1" -> new L1Prior();
			case "l2" -> new L2Prior();
			default -> new ProjectionPrior();
			};
		}
		return chosen;
	}

	@Override
	public synchronized KernelPrior pnpKernelPrior() {
		if (pnp == null) {
			pnp = DjlKernelPrior.load(kernelDir != null ? kernelDir : ModelStore.standard().find(ModelStore.KERNEL_PRIOR),
					device);
		}
		return pnp;
	}

	@Override
	public int sizeMultiple() {
		return imagePrior(0, 0).spec().sizeMultiple();
	}

	@Override
	public String tag() {
		imagePrior(0, 0);
		String v = image.card().name() + "-" + image.card().version() + (ensemble == 1 ? "" : "-ens" + ensemble) + "-"
				+ priorName;
		if (priorName.equals("pnp")) {
			v += "-" + ((DjlKernelPrior) pnpKernelPrior()).card().version();
		}
		return v.replaceAll("[^A-Za-z0-9_.-]", "_");
	}

	@Override
	public synchronized Map<String, String> versions() {
		Map<String, String> m = new LinkedHashMap<>();
		if (image != null) { // loaded by the run's diffusion methods (a run of the ablation alone never loads it)
			m.put("image prior", image.card().name() + " " + image.card().version() + " (" + image.card().directory()
					+ ", " + image.device() + ")" + (ensemble == 1 ? "" : ", rotation ensemble of " + ensemble));
		} else {
			m.put("image prior", "not loaded (no diffusion method in this run)");
		}
		m.put("kernel prior (blind methods)", priorName);
		try {
			DjlKernelPrior k = (DjlKernelPrior) pnpKernelPrior();
			m.put("PnP kernel prior", k.card().name() + " " + k.card().version() + " (" + k.card().directory() + ")");
		} catch (RuntimeException e) {
			m.put("PnP kernel prior", "not available: " + e.getMessage());
		}
		return m;
	}

	@Override
	public synchronized void close() {
		if (image != null) {
			image.close();
		}
		if (pnp != null) {
			pnp.close();
		}
	}
}
