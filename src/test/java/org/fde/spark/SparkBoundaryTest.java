package org.fde.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Spark, Hadoop and Scala are on every class path of the build ("provided"), but only org.fde.spark may use them: the
 * plugin jar and the command line, which leave that package out, must not need them.
 */
class SparkBoundaryTest {

	static final Pattern SPARK = Pattern.compile("^\\s*import\\s+(static\\s+)?(org\\.apache\\.spark|org\\.apache"
			+ "\\.hadoop|scala)[.;]", Pattern.MULTILINE);

	@Test
	void onlyTheSparkPackageImportsSparkHadoopOrScala() throws IOException {
		Path root = Path.of("src/main/java/org/fde");
		List<String> offenders;
		try (Stream<Path> files = Files.walk(root)) {
			offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> !root.relativize(p).getName(0)
					.toString().equals("spark")).filter(p -> {
						try {
							String src = Files.readString(p);
							return SPARK.matcher(src).find() || src.contains("org.apache.spark.")
									|| src.contains("org.apache.hadoop.");
						} catch (IOException e) {
							throw new IllegalStateException(e);
						}
					}).map(Path::toString).toList();
		}
		assertEquals(List.of(), offenders, "classes outside org.fde.spark using Spark or Hadoop");
		assertTrue(SPARK.matcher("import org.apache.spark.SparkConf;").find());
		assertTrue(SPARK.matcher("import scala.Tuple2;").find());
	}
}
