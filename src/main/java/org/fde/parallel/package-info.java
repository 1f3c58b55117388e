/**
 * Deterministic parallel loops: element-wise work split into fixed-size chunks, so that results do not depend on the
 * number of threads. Pure core.
 */
package org.fde.parallel;
