/**
 * The TorchScript adapter: the only package that imports {@code ai.djl}.
 * <p>
 * It loads the shipped networks through DJL's PyTorch engine and exposes them through the core's plain-Java
 * interfaces ({@link org.fde.score.ScoreModel}, {@link org.fde.score.KernelPrior}): {@code float[]} plus a
 * {@link org.fde.image.BatchShape} in and out, so that no NDArray outlives a call.
 * <ul>
 * <li>{@link org.fde.djl.ModelStore} finds the models folder; {@link org.fde.djl.ModelCard} reads and validates a
 * model's {@code card.json} (format {@code fde-model-card/1}).</li>
 * <li>{@link org.fde.djl.DjlScoreModel} is the &epsilon;-network (image prior), with input gradients for guidance;
 * {@link org.fde.djl.DjlKernelPrior} is the plug-and-play kernel denoiser.</li>
 * <li>{@link org.fde.djl.DjlEnvironment} holds the process-wide settings: offline mode (set before the first DJL
 * call, so that DJL never contacts the network), the PyTorch thread count and the device choice.</li>
 * </ul>
 * Models are loaded from files (never from streams) with DJL's {@code trainParam=true} option and frozen parameters,
 * which is what makes gradients with respect to the input possible (TOOLCHAIN.md, "DJL offline").
 */
package org.fde.djl;
