package org.fde.stack;

import static org.fde.stack.UserParameter.SIGMA;
import static org.fde.stack.UserParameter.TILE_SIZE;

import org.fde.em.EmConfig;
import org.fde.em.EmTuning;
import org.fde.guidance.GuidanceKind;
import org.fde.image.TileSize;
import org.fde.noise.NoiseSigma;
import org.fde.stack.StackRequest.Method;
import org.fde.stack.StackRequest.Output;

/**
 * Collects a {@link StackRequest}; {@link #build} validates it. Unset values are the Fiji commands' defaults for the
 * method ({@link ParameterRanges}).
 */
public final class StackRequestBuilder {

	private final Method method;
	private int kernelSize = ParameterRanges.KERNEL_SIZE_DEFAULT;
	private NoiseSigma sigma = NoiseSigma.inImageUnits(ParameterRanges.SIGMA_DEFAULT);
	private int steps;
	private int particles = ParameterRanges.PARTICLES_DEFAULT;
	private GuidanceKind guidance = GuidanceKind.PIGDM;
	private double lambda = ParameterRanges.LAMBDA_DEFAULT;
	private int outerIterations;
	private int restarts;
	private long seed = ParameterRanges.SEED_DEFAULT;
	private boolean perChannel;
	private boolean wholeStack;
	private int referenceSlice;
	private int referenceFrame;
	private float[][] kernels;
	private boolean uncertainty;
	private TileSize tileSize = TileSize.AUTOMATIC;
	private Output output = Output.ESTIMATE;
	private int tilesPerBatch = 1;
	private EmTuning tuning = EmTuning.DEFAULT;

	StackRequestBuilder(Method method) {
		this.method = method;
		this.steps = method.isBlind() ? ParameterRanges.BLIND_STEPS_DEFAULT
				: ParameterRanges.NON_BLIND_STEPS_DEFAULT;
		this.outerIterations = method == Method.DIFFUSION_EM ? ParameterRanges.OUTER_ITERATIONS_DEFAULT : 1;
		this.restarts = method.restarts() ? ParameterRanges.RESTARTS_DEFAULT : 0;
	}

	StackRequestBuilder(StackRequest r) {
		this(r.method());
		kernelSize = r.kernelSize();
		sigma = r.sigma();
		steps = r.steps();
		particles = r.particles();
		guidance = r.guidance();
		lambda = r.lambda();
		outerIterations = r.outerIterations();
		restarts = r.restarts();
		seed = r.seed();
		perChannel = r.perChannel();
		wholeStack = r.wholeStack();
		referenceSlice = r.referenceSlice();
		referenceFrame = r.referenceFrame();
		kernels = r.kernels();
		uncertainty = r.uncertainty();
		tileSize = r.tileSize();
		output = r.output();
		tilesPerBatch = r.tilesPerBatch();
		tuning = r.tuning();
	}

	/** A builder holding the same values. */
	public StackRequestBuilder copy() {
		StackRequestBuilder b = new StackRequestBuilder(method);
		b.kernelSize = kernelSize;
		b.sigma = sigma;
		b.steps = steps;
		b.particles = particles;
		b.guidance = guidance;
		b.lambda = lambda;
		b.outerIterations = outerIterations;
		b.restarts = restarts;
		b.seed = seed;
		b.perChannel = perChannel;
		b.wholeStack = wholeStack;
		b.referenceSlice = referenceSlice;
		b.referenceFrame = referenceFrame;
		b.kernels = kernels;
		b.uncertainty = uncertainty;
		b.tileSize = tileSize;
		b.output = output;
		b.tilesPerBatch = tilesPerBatch;
		b.tuning = tuning;
		return b;
	}

	public Method method() {
		return method;
	}

	public boolean perChannel() {
		return perChannel;
	}

	public boolean wholeStack() {
		return wholeStack;
	}

	/** The kernel size set so far (the default until {@link #kernelSize(int)} is called). */
	public int kernelSize() {
		return kernelSize;
	}

	/** The steps set so far: the method's default until {@link #steps(int)} is called. */
	public int steps() {
		return steps;
	}

	/**
	 * The user-level settings of a solver config (kernel size, steps, particles, guidance, &lambda;, seed, and the
	 * outer iterations and restarts where the method has them), its tiles per batch and its tuning.
	 */
	public StackRequestBuilder from(EmConfig c) {
		kernelSize = c.kernelSize();
		steps = c.steps();
		particles = c.particles();
		guidance = c.guidance();
		lambda = c.lambda();
		seed = c.seed();
		outerIterations = method == Method.DIFFUSION_EM ? c.outerIterations() : 1;
		restarts = method.restarts() ? c.restarts() : 0;
		tilesPerBatch = c.tilesPerBatch();
		tuning = c.tuning();
		return this;
	}

	public StackRequestBuilder kernelSize(int v) {
		kernelSize = v;
		return this;
	}

	/** The sigma parameter: in the image's intensity units; 0 = estimate it. */
	public StackRequestBuilder sigma(double v) {
		sigma = NoiseSigma.inImageUnits(SIGMA.check(v));
		return this;
	}

	public StackRequestBuilder steps(int v) {
		steps = v;
		return this;
	}

	public StackRequestBuilder particles(int v) {
		particles = v;
		return this;
	}

	public StackRequestBuilder guidance(GuidanceKind v) {
		guidance = v;
		return this;
	}

	public StackRequestBuilder lambda(double v) {
		lambda = v;
		return this;
	}

	public StackRequestBuilder outerIterations(int v) {
		outerIterations = v;
		return this;
	}

	public StackRequestBuilder restarts(int v) {
		restarts = v;
		return this;
	}

	public StackRequestBuilder seed(long v) {
		seed = v;
		return this;
	}

	public StackRequestBuilder perChannel(boolean v) {
		perChannel = v;
		return this;
	}

	public StackRequestBuilder wholeStack(boolean v) {
		wholeStack = v;
		return this;
	}

	/** The 0-based reference plane of a whole-stack kernel. */
	public StackRequestBuilder reference(int slice, int frame) {
		referenceSlice = slice;
		referenceFrame = frame;
		return this;
	}

	/** The known kernels (non-blind): one, or one per channel; sets perChannel accordingly. */
	public StackRequestBuilder kernels(float[][] v) {
		kernels = v;
		perChannel = v != null && v.length > 1;
		return this;
	}

	/** The known kernels of a PSF image, with their window as the kernel size. */
	public StackRequestBuilder known(KnownKernels k) {
		kernelSize = k.size();
		return kernels(k.kernels());
	}

	public StackRequestBuilder uncertainty(boolean v) {
		uncertainty = v;
		return this;
	}

	/** 0 = automatic, else the tile side. */
	public StackRequestBuilder tileSize(int v) {
		if (v < 0) {
			throw TILE_SIZE.invalid("must be 0 (automatic) or in [" + 2 * kernelSize + " (twice the kernel size), "
					+ ParameterRanges.TILE_SIZE_MAX + "], got " + v);
		}
		tileSize = TileSize.of(v);
		return this;
	}

	public StackRequestBuilder output(Output v) {
		output = v;
		return this;
	}

	/** Not a user parameter: at most this many tiles' particles per network call (memory against speed). */
	public StackRequestBuilder tilesPerBatch(int v) {
		tilesPerBatch = v;
		return this;
	}

	public StackRequestBuilder tuning(EmTuning v) {
		tuning = v;
		return this;
	}

	/** @throws InvalidParameterException naming the first parameter out of its range */
	public StackRequest build() {
		return new StackRequest(method, kernelSize, sigma, steps, particles, guidance, lambda, outerIterations,
				restarts, seed, perChannel, wholeStack, referenceSlice, referenceFrame, kernels, uncertainty,
				tileSize, output, tilesPerBatch, tuning);
	}
}
