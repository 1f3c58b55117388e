package org.fde.imagej;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.scijava.Context;

/**
 * The SciJava context of a headless command test class: one full context per class, created before its first test
 * and disposed of after its last. JUnit runs these {@code @BeforeAll} / {@code @AfterAll} methods around the
 * subclass's own, so a subclass may use {@link #context} in its {@code @BeforeAll} (under another method name: a
 * static method of the same name would hide these).
 */
abstract class SciJavaContextTest {

	static Context context;

	@BeforeAll
	static void startContext() {
		context = new Context();
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}
}
