package org.fde.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --protocols F4} alone: the ablation only, with no deblurring method (so no image prior to load);
 * {@code --em}: checked before anything runs, and announced.
 */
class BenchCliTest {

	@Test
	void f4AloneRunsOnlyTheAblation(@TempDir Path dir) throws Exception {
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		Path out = BenchCli.run(new String[] { "--preset", "smoke", "--protocols", "F4", "--analytic", "--out",
				dir.toString() }, new PrintStream(buf, true, StandardCharsets.UTF_8));
		String log = buf.toString(StandardCharsets.UTF_8);
		int perCase = Methods.ablationGrids().stream().mapToInt(g -> g.betas().size() * g.weights().size()).sum();
		assertTrue(log.contains("2 cases, 0 methods (+" + perCase + " ablation estimators)"), log);
		List<String> csv = Files.readAllLines(out.resolve(Report.CSV));
		assertEquals(1 + 2 * perCase, csv.size());
		assertTrue(csv.stream().skip(1).allMatch(l -> l.startsWith("F4,") && l.contains(",kp-")), csv.toString());
		String md = Files.readString(out.resolve(Report.MARKDOWN));
		assertTrue(md.contains("## Figure 4 - kernel-prior ablation: mean kernel MSE"), md);
		assertTrue(!md.contains("## Table 1"), md);
	}

	@Test
	void emOverridesAreCheckedAndAnnounced(@TempDir Path dir) throws Exception {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BenchCli.run(new String[] {
				"--preset", "smoke", "--analytic", "--dry-run", "--em", "betta=2", "--out", dir.toString() },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
		assertTrue(e.getMessage().contains("unknown key 'betta'"), e.getMessage());
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		BenchCli.run(new String[] { "--preset", "smoke", "--protocols", "P1", "--methods", "fem-pigdm-n1", "--analytic",
				"--dry-run", "--em", "centre-kernel=false,sigma255=5", "--out", dir.toString() },
				new PrintStream(buf, true, StandardCharsets.UTF_8));
		String log = buf.toString(StandardCharsets.UTF_8);
		assertTrue(log.contains("the diffusion methods ran with changed settings (--em): centre-kernel=false+sigma255=5"),
				log);
	}
}
