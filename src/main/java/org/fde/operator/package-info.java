/**
 * The linear operators of the model y = k &#8859; x + n, each with its adjoint ({@link org.fde.operator.LinearOperator}):
 * x &#8614; k &#8859; x with a fixed kernel ({@link org.fde.operator.CircularConvolution}) and k &#8614; k &#8859; x
 * with a fixed image ({@link org.fde.operator.KernelOperator}, the M-step's operator). Adjoint-tested; pure core.
 */
package org.fde.operator;
