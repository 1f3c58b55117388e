package org.fde.imagej;

import static org.fde.imagej.Fixtures.H;
import static org.fde.imagej.Fixtures.W;
import static org.fde.imagej.Fixtures.fastArgs;
import static org.fde.imagej.Fixtures.image;
import static org.fde.imagej.Fixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.fde.TinyModels;
import org.fde.djl.DeviceChoice;
import org.fde.djl.DjlScoreModel;
import org.fde.djl.ModelCache;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;

import ij.ImagePlus;

/** The networks are loaded once per SciJava context (a running Fiji) and released with it or on request. */
class ModelCacheServiceTest {

	@Test
	void aLoopOfCommandCallsLoadsTheModelsOnceAndTheLogSaysSo() throws Exception {
		Context context = new Context();
		try {
			List<String> log = new ArrayList<>();
			LogListener listener = (LogMessage m) -> log.add(m.text());
			context.service(LogService.class).addLogListener(listener);
			ModelCacheService service = context.service(ModelCacheService.class);
			ImagePlus in = image("cells", 16, W, H, 1, 1, 1);
			for (int i = 0; i < 4; i++) {
				assertNotNull(run(context, FastDiffusionEmCommand.class, fastArgs(in, "seed", (long) i))
						.getOutput("deblurred"));
			}
			assertEquals(2, service.cache().loads(), "the image prior and the kernel prior, once each");
			assertEquals(2, service.cache().size());
			long loaded = log.stream().filter(s -> s.contains("models loaded in")).count();
			long reused = log.stream().filter(s -> s.contains("models already loaded")).count();
			assertEquals(1, loaded, String.join("\n", log));
			assertEquals(3, reused, String.join("\n", log));
			assertTrue(log.stream().anyMatch(s -> s.contains("networks on the CPU")), String.join("\n", log));

			run(context, ReleaseModelsCommand.class, java.util.Map.of());
			assertEquals(0, service.cache().size(), "released on request");
			run(context, FastDiffusionEmCommand.class, fastArgs(in));
			assertEquals(4, service.cache().loads(), "loaded again after the release");
		} finally {
			context.dispose();
		}
	}

	@Test
	void aModelInUseIsNotLentTwiceAndAClearedOneClosesWhenGivenBack() {
		try (ModelCache cache = new ModelCache()) {
			ModelCache.Lease<DjlScoreModel> a = cache.imagePrior(TinyModels.score(), DeviceChoice.CPU);
			ModelCache.Lease<DjlScoreModel> b = cache.imagePrior(TinyModels.score(), DeviceChoice.CPU);
			assertFalse(a.get() == b.get(), "a second caller gets its own copy while the first holds the model");
			assertFalse(a.reused() || b.reused());
			b.close();
			cache.clear();
			assertEquals(0, cache.size());
			a.close(); // given back after the clear: closed now
			ModelCache.Lease<DjlScoreModel> c = cache.imagePrior(TinyModels.score(), DeviceChoice.CPU);
			assertFalse(c.reused());
			c.close();
			ModelCache.Lease<DjlScoreModel> d = cache.imagePrior(TinyModels.score(), DeviceChoice.CPU);
			assertTrue(d.reused() && d.get() == c.get());
			d.close();
			assertEquals(3, cache.loads());
		}
	}
}
