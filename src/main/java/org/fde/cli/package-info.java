/**
 * The command line ({@code java -jar fast-diffusion-em.jar <command>}): the user commands ({@code deblur},
 * {@code simulate}, {@code demo}) over files and folders, and developer tools (benchmarks, exports). Thin adapter: it
 * reads and writes files through ImageJ 1 and calls the stack layer and the solvers.
 */
package org.fde.cli;
