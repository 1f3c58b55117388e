/**
 * Quality measures used by the benchmark and the reports: PSNR, SSIM, kernel errors, Levin et al.'s error ratio with a
 * shift-tolerant SSD, and the reblur loss. They read results; nothing in the solvers depends on them. Pure core.
 */
package org.fde.metrics;
