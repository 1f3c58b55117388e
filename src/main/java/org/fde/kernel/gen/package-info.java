/**
 * Synthetic blur kernels: camera-shake trajectories and optical PSFs (Gaussian, defocus, Airy) for the demo, the
 * Simulate Blur command, the benchmark and the kernel prior's training set. Pure core.
 */
package org.fde.kernel.gen;
