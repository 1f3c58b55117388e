package org.fde.operator;

/** A linear map between real vectors (flattened planes), with its adjoint. */
public interface LinearOperator {

	/** Length of the input vector. */
	int inputSize();

	/** Length of the output vector. */
	int outputSize();

	/** A x. */
	float[] apply(float[] x);

	/** A<sup>T</sup> y. */
	float[] adjoint(float[] y);
}
