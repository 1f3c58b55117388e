/**
 * The image prior's interface and conventions: the score-model and kernel-prior interfaces, the &epsilon;
 * parameterisation, the two value ranges, the model spec, a rotation ensemble and an analytic Gaussian prior for tests.
 * The networks themselves live in the DJL adapter. Pure core.
 */
package org.fde.score;
