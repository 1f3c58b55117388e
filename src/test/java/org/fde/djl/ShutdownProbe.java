package org.fde.djl;

import java.nio.file.Path;

import org.fde.image.BatchShape;
import org.fde.score.ScoreModel.TrackedEpsilon;

/**
 * Run by {@link NativeGateTest} in a child JVM: loads an image prior and runs forward + VJP passes at 256&times;256
 * until the process is killed, so that a SIGTERM almost surely arrives while a thread is inside PyTorch. Prints
 * {@code ready} after the first pass.
 */
public final class ShutdownProbe {

	private ShutdownProbe() {
	}

	/** @param args the image prior's folder */
	public static void main(String[] args) {
		try (DjlScoreModel model = DjlScoreModel.load(Path.of(args[0]), DeviceChoice.CPU)) {
			BatchShape shape = new BatchShape(1, model.spec().channels(), 256, 256);
			float[] x = new float[shape.size()];
			float[] v = new float[shape.size()];
			for (int i = 0; i < x.length; i++) {
				x[i] = (float) Math.sin(0.1 * i);
				v[i] = (float) Math.cos(0.3 * i);
			}
			for (long pass = 0;; pass++) {
				try (TrackedEpsilon te = model.epsilonTracked(x, shape, 500)) {
					te.vjp(v);
				}
				if (pass == 0) {
					System.out.println("ready");
					System.out.flush();
				}
			}
		}
	}
}
