package org.fde.spark;

import java.util.List;

import org.junit.jupiter.api.Tag;

/**
 * The checks of {@link TileModeChecks} with the shipped networks ({@code models/}), slow: run with
 * {@code mvn -B -o -Pslow -Dtest=TileModeShippedNetworksTest test} (about 2 minutes on a loaded 2-core machine). A
 * 176&times;160 image in 64-pixel tiles (16 tiles over the padded 192&times;176 plane, 4 over the 96&sup2; window),
 * 9&times;9 kernels, 2 steps: the real network's tiles on the executors give the command line's files byte for byte
 * as the tiny one's do.
 */
@Tag("slow")
class TileModeShippedNetworksTest extends TileModeChecks {

	@Override
	Setup setup() {
		return new Setup(List.of(), List.of("--kernelsize", "9"), 176, 160, 96, 128, 64, 16, 4, 2, 9);
	}
}
