package org.fde.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.fde.options.CommandLineOptions;
import org.fde.stack.UserParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deblur}'s options and {@link UserParameter} map onto each other one to one: over its methods, the command
 * reads exactly the user parameters' options plus its own file options.
 */
class UserParameterOptionsTest {

	/** The options that are the command line's own: where the results go, and whether they may be replaced. */
	private static final Set<String> OWN = Set.of("output", "kerneloutput", "overwrite");

	@TempDir
	Path dir;

	@Test
	void deblurReadsEveryUserParameterAndNothingElse() {
		Path in = CliFixtures.saveTiff(CliFixtures.gray16("x", 1, 1, 1), dir.resolve("x.tif"));
		Path psf = CliFixtures.saveTiff(CliFixtures.gray16("k", 1, 1, 1), dir.resolve("k.tif"));
		Set<String> read = new TreeSet<>();
		for (String method : List.of("hybrid", "fast-em", "diffusion-em", "nonblind", "classical")) {
			List<String> args = new ArrayList<>(List.of("--input", in.toString(), "--output",
					dir.resolve("o.tif").toString(), "--method", method));
			if (method.equals("nonblind")) {
				args.addAll(List.of("--psf", psf.toString()));
			}
			CommandLineOptions a = CommandLineOptions.parse(args.toArray(String[]::new), 0);
			DeblurOptions.parse(a);
			read.addAll(a.read());
		}
		Set<String> expected = new TreeSet<>(OWN);
		for (UserParameter p : UserParameter.values()) {
			expected.add(p.option().replace("-", ""));
		}
		assertEquals(expected, read);
	}
}
