package org.fde.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.fde.image.Image;
import org.fde.image.Synthetic;
import org.fde.kernel.gen.KernelFamily;
import org.fde.kernel.gen.KernelGenerator;
import org.fde.operator.CircularConvolution;

/** Generated cases and a counting method decorator for the harness tests. */
final class BenchTestSupport {

	private BenchTestSupport() {
	}

	/** Two generated 64&times;64 P1 cases with 15&times;15 motion kernels at 5 and 10/255, plus one P2 case. */
	static List<BenchCase> cases() {
		ImageSource a = new ImageSource.Generated(64, 64, 1);
		ImageSource b = new ImageSource.Generated(64, 64, 2);
		KernelSource ka = new KernelSource.Generated(KernelFamily.MOTION, 15, 3);
		KernelSource kb = new KernelSource.Generated(KernelFamily.MOTION, 15, 4);
		return List.of(new BenchCase("P1-a", Protocol.P1, a, ka, 5 / 255.0, Boundary.CIRCULAR, null, 15, 11),
				new BenchCase("P2-b", Protocol.P2, b, kb, 10 / 255.0, Boundary.VALID, null, 15, 12));
	}

	/**
	 * A small periodic problem for the solvers: 40&times;40 shapes blurred circularly by a 7&times;7 motion kernel,
	 * &sigma; 0.02; a 9&times;9 window to estimate.
	 */
	static Problem smallPeriodicProblem() {
		int n = 40;
		float[] x = Synthetic.shapes(n, n, 5);
		float[] k = KernelGenerator.random(KernelFamily.MOTION, 7, 11);
		Image y = Image.gray(n, n, Synthetic.addNoise(new CircularConvolution(k, 7, 7, n, n).apply(x), 0.02, 3));
		return new Problem(y, 0.02, 9, k, 7, 5, true, null);
	}

	/** Counts the calls of the wrapped method's {@link Method#run}. */
	static final class Counting implements Method {
		final Method inner;
		final AtomicInteger calls = new AtomicInteger();

		Counting(Method inner) {
			this.inner = inner;
		}

		@Override
		public String name() {
			return inner.name();
		}

		@Override
		public String cacheKey() {
			return inner.cacheKey();
		}

		@Override
		public boolean blind() {
			return inner.blind();
		}

		@Override
		public MethodResult run(Problem p) throws Exception {
			calls.incrementAndGet();
			return inner.run(p);
		}
	}
}
