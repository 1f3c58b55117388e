/**
 * The benchmark harness (protocols P1&ndash;P4 and the kernel-prior ablation): cases from the shared data folder, the
 * methods under test, the result cache, the Markdown/CSV report and the figures. Developer tooling, reached through the
 * {@code bench} command; never used by the commands.
 */
package org.fde.bench;
