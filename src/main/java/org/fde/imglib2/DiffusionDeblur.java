package org.fde.imglib2;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelCache;
import org.fde.djl.ModelStore;
import org.fde.guidance.GuidanceKind;
import org.fde.score.KernelPrior;
import org.fde.score.Rot180Ensemble;
import org.fde.stack.Hyperstack;
import org.fde.stack.KnownKernels;
import org.fde.stack.ParameterRanges;
import org.fde.stack.StackDeblur;
import org.fde.stack.StackRequest;
import org.fde.stack.StackRequestBuilder;
import org.fde.stack.StackRequest.Method;
import org.fde.stack.StackResult;
import org.fde.stack.UserParameter;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;

/**
 * The engine for code that holds ImgLib2 images: Fiji scripts (Groovy, Jython), other plugins, pipelines. It takes
 * a {@link RandomAccessibleInterval} of any real type, with X and Y first and optional channel, plane and frame axes,
 * and returns new float images with the same axes. The input is never modified. The same solvers, normalisation,
 * padding and tiling run as in the Fiji commands, with the same defaults ({@link ParameterRanges}).
 *
 * <pre>
 * DiffusionDeblur.Result r = DiffusionDeblur.fastEm().kernelSize(33).steps(50).run(img, "XYC");
 * Img&lt;FloatType&gt; sharp = r.deblurred(); // axes XYC
 * Img&lt;FloatType&gt; kernel = r.kernel();    // kernelSize x kernelSize (x C with perChannel)
 * </pre>
 *
 * The networks are loaded on first use and kept for later calls in this JVM ({@link #releaseModels()} frees them).
 * Not thread-safe: one builder per thread; concurrent runs each borrow their own copy of the networks.
 */
public final class DiffusionDeblur {

	/** The deblurred image, the kernel(s) (blind methods) and the uncertainty map (particles &ge; 2), and notes. */
	public record Result(Img<FloatType> deblurred, Img<FloatType> kernel, Img<FloatType> uncertainty,
			List<String> notes) {
	}

	private static final ModelCache MODELS = new ModelCache();

	private final RandomAccessibleInterval<? extends RealType<?>> psf;
	private String psfAxes = "XY";
	/** The user's parameters, checked when the run starts; returns the sample, as the first version of this API. */
	private final StackRequestBuilder request;
	private int ensemble = ParameterRanges.ENSEMBLE_DEFAULT;
	private DeviceChoice device = DeviceChoice.AUTO;
	private Path model;
	private Path kernelModel;
	private StackDeblur.Progress progress = StackDeblur.Progress.NONE;

	private DiffusionDeblur(Method method, RandomAccessibleInterval<? extends RealType<?>> psf) {
		this.psf = psf;
		this.request = StackRequest.builder(method).output(StackRequest.Output.SAMPLE);
	}

	/** Blind deblurring with Fast Diffusion EM (as Process &rsaquo; Deblur &rsaquo; Fast Diffusion EM). */
	public static DiffusionDeblur fastEm() {
		return new DiffusionDeblur(Method.FAST_EM, null);
	}

	/** Blind deblurring with Diffusion EM, the slower alternating variant. */
	public static DiffusionDeblur diffusionEm() {
		return new DiffusionDeblur(Method.DIFFUSION_EM, null);
	}

	/**
	 * Non-blind deconvolution with a known PSF (one plane, or one per channel with axes "XYC"), clipped at 0 and
	 * normalised to sum 1.
	 */
	public static DiffusionDeblur nonBlind(RandomAccessibleInterval<? extends RealType<?>> psf) {
		return new DiffusionDeblur(Method.NON_BLIND, Objects.requireNonNull(psf, "psf"));
	}

	/** Frees the networks kept loaded between calls. */
	public static void releaseModels() {
		MODELS.clear();
	}

	/** The PSF's axes ("XY", or "XYC" for one PSF per channel). */
	public DiffusionDeblur psfAxes(String axes) {
		this.psfAxes = axes;
		return this;
	}

	/** Side of the square kernel in pixels (odd; blind methods). */
	public DiffusionDeblur kernelSize(int size) {
		request.kernelSize(size);
		return this;
	}

	/** Diffusion steps per run. */
	public DiffusionDeblur steps(int steps) {
		request.steps(steps);
		return this;
	}

	/** Samples run together; with 2 or more the result is their mean. */
	public DiffusionDeblur particles(int particles) {
		request.particles(particles);
		return this;
	}

	/** Noise standard deviation in the image's units; 0 estimates it. */
	public DiffusionDeblur sigma(double sigma) {
		request.sigma(sigma);
		return this;
	}

	/** Weight of the kernel prior (blind methods). */
	public DiffusionDeblur lambda(double lambda) {
		request.lambda(lambda);
		return this;
	}

	/** ΠGDM (default) or DPS guidance. */
	public DiffusionDeblur dps(boolean dps) {
		request.guidance(dps ? GuidanceKind.DPS : GuidanceKind.PIGDM);
		return this;
	}

	/** One kernel per channel instead of one shared by all channels. */
	public DiffusionDeblur perChannel(boolean perChannel) {
		request.perChannel(perChannel);
		return this;
	}

	/** One kernel for the whole stack, estimated on its first plane and frame, instead of one per plane. */
	public DiffusionDeblur wholeStack(boolean wholeStack) {
		request.wholeStack(wholeStack);
		return this;
	}

	/** Also return the per-pixel spread across particles (needs particles &ge; 2). */
	public DiffusionDeblur uncertainty(boolean uncertainty) {
		request.uncertainty(uncertainty);
		return this;
	}

	/** Tile side for large images; 0 chooses automatically. */
	public DiffusionDeblur tileSize(int tileSize) {
		request.tileSize(tileSize);
		return this;
	}

	/** Seed of the random numbers. */
	public DiffusionDeblur seed(long seed) {
		request.seed(seed);
		return this;
	}

	/** Fast EM's further runs after a failed run (ignored by the other methods). */
	public DiffusionDeblur restarts(int restarts) {
		if (request.method().restarts()) {
			request.restarts(restarts);
		}
		return this;
	}

	/** Diffusion EM's alternations of a run and a kernel update (ignored by the other methods). */
	public DiffusionDeblur outerIterations(int outerIterations) {
		if (request.method() == Method.DIFFUSION_EM) {
			request.outerIterations(outerIterations);
		}
		return this;
	}

	/** 2 averages the image prior over the image and its 180-degree rotation. */
	public DiffusionDeblur ensemble(int ensemble) {
		this.ensemble = ensemble;
		return this;
	}

	/** Where the networks run. */
	public DiffusionDeblur device(DeviceChoice device) {
		this.device = Objects.requireNonNull(device, "device");
		return this;
	}

	/** The folder of another image-prior model (null: the shipped one). */
	public DiffusionDeblur model(Path folder) {
		this.model = folder;
		return this;
	}

	/** The folder of another kernel-prior model (null: the shipped one). */
	public DiffusionDeblur kernelModel(Path folder) {
		this.kernelModel = folder;
		return this;
	}

	/** Receives step i of N over the whole job. */
	public DiffusionDeblur progress(StackDeblur.Progress progress) {
		this.progress = progress == null ? StackDeblur.Progress.NONE : progress;
		return this;
	}

	/**
	 * Runs on {@code image}.
	 *
	 * @param axes the image's axes: "XY", "XYC", "XYZ", "XYT", "XYCZT", ... (see {@link Hyperstacks})
	 * @throws IllegalArgumentException for invalid settings or input, before any long work
	 */
	public Result run(RandomAccessibleInterval<? extends RealType<?>> image, String axes) {
		Method method = request.method();
		UserParameter.ENSEMBLE.check(ensemble);
		if (method.isBlind()) {
			request.build(); // the parameters are checked before the image is read
		}
		Hyperstack y = Hyperstacks.read(image, axes);
		KnownKernels known = psf == null ? null : KnownKernels.fromPsf(Hyperstacks.read(psf, psfAxes), y.channels());
		StackRequest request = known == null ? this.request.build() : this.request.copy().known(known).build();
		Path imageDir = model != null ? model : ModelStore.standard().find(ModelStore.IMAGE_PRIOR);
		Path kernelDir = !method.isBlind() ? null
				: kernelModel != null ? kernelModel : ModelStore.standard().find(ModelStore.KERNEL_PRIOR);
		StackResult r;
		try (ModelCache.Lease<DjlScoreModel> net = MODELS.imagePrior(imageDir, device);
				ModelCache.Lease<KernelPrior> kernelNet = kernelDir == null ? null
						: MODELS.kernelPrior(kernelDir, device)) {
			r = StackDeblur.run(y, request, Rot180Ensemble.of(net.get(), ensemble),
					kernelNet == null ? null : kernelNet.get(), progress, null);
		}
		return new Result(Hyperstacks.write(r.deblurred(), axes),
				r.kernels() == null ? null : Hyperstacks.write(r.kernels(), kernelAxes(r.kernels(), axes)),
				r.uncertainty() == null ? null : Hyperstacks.write(r.uncertainty(), axes), r.notes());
	}

	/** The kernels' axes: XY, then those of the image's axes along which there is more than one kernel. */
	private static String kernelAxes(Hyperstack k, String axes) {
		StringBuilder s = new StringBuilder("XY");
		for (char ch : axes.toUpperCase(Locale.ROOT).substring(2).toCharArray()) {
			int n = ch == 'C' ? k.channels() : ch == 'Z' ? k.slices() : k.frames();
			if (n > 1) {
				s.append(ch);
			}
		}
		return s.toString();
	}
}
