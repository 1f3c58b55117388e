package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeGateTest {

	@Test
	void closeWaitsForTheCallInFlight() throws Exception {
		NativeGate gate = new NativeGate();
		CountDownLatch release = new CountDownLatch(1);
		Thread caller = holdUntil(gate, release);
		assertFalse(gate.close(200), "closed while a call was in flight");
		CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> gate.close(10_000));
		Thread.sleep(100);
		assertFalse(closed.isDone(), "close returned while a call was in flight");
		release.countDown();
		assertTrue(closed.get(10, TimeUnit.SECONDS), "close did not succeed once the call returned");
		caller.join(10_000);
	}

	@Test
	void callsAfterCloseWaitUntilInterrupted() throws Exception {
		NativeGate gate = new NativeGate();
		assertTrue(gate.close(1000));
		AtomicReference<Throwable> thrown = new AtomicReference<>();
		AtomicReference<Boolean> flagKept = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try (NativeGate.Hold hold = gate.enter()) {
				thrown.set(new AssertionError("entered a closed gate"));
			} catch (CancellationException e) {
				thrown.set(e);
				flagKept.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		caller.join(300);
		assertTrue(caller.isAlive(), "a call after close did not wait");
		caller.interrupt();
		caller.join(10_000);
		assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
		assertEquals(Boolean.TRUE, flagKept.get());
	}

	@Test
	void anOpenGateIgnoresTheInterruptFlagAndIsReentrant() {
		NativeGate gate = new NativeGate();
		Thread.currentThread().interrupt();
		try (NativeGate.Hold outer = gate.enter(); NativeGate.Hold inner = gate.enter()) {
			assertTrue(Thread.currentThread().isInterrupted());
		} finally {
			Thread.interrupted();
		}
		assertTrue(gate.close(1000));
	}

	@Test
	void callsStartedWhileCloseWaitsQueueBehindIt() throws Exception {
		NativeGate gate = new NativeGate();
		CountDownLatch release = new CountDownLatch(1);
		holdUntil(gate, release);
		CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> gate.close(10_000));
		Thread.sleep(100);
		AtomicReference<Boolean> entered = new AtomicReference<>(false);
		Thread late = new Thread(() -> {
			try (NativeGate.Hold hold = gate.enter()) {
				entered.set(true);
			} catch (CancellationException e) {
				// expected once interrupted
			}
		});
		late.start();
		late.join(300);
		assertTrue(late.isAlive(), "a call started while close was waiting did not queue");
		release.countDown();
		assertTrue(closed.get(10, TimeUnit.SECONDS));
		late.interrupt();
		late.join(10_000);
		assertFalse(entered.get(), "a call entered after close");
	}

	/**
	 * A SIGTERM while the image prior runs: the JVM exits with 143 (128 + SIGTERM) and no native crash. Without the
	 * gate, the same run dies of a SIGSEGV inside libtorch and leaves an hs_err_pid*.log.
	 */
	@Test
	@Tag("model")
	void sigtermDuringANetworkCallExitsCleanly(@TempDir Path work) throws Exception {
		Path prior = Path.of("models", ModelStore.IMAGE_PRIOR).toAbsolutePath();
		assumeTrue(Files.isRegularFile(prior.resolve(ModelCard.CARD_FILE)), "no shipped image prior in " + prior);
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-Dai.djl.offline=true", "-cp",
				System.getProperty("java.class.path"), ShutdownProbe.class.getName(), prior.toString()));
		Path out = work.resolve("child.log");
		Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
				.redirectOutput(out.toFile()).start();
		try {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			while (p.isAlive() && !Files.readString(out).contains("ready\n") && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			assertTrue(p.isAlive(), "the child JVM ended before its first pass:\n" + Files.readString(out));
			assertTrue(Files.readString(out).contains("ready\n"), "no first pass within 120 s");
			Thread.sleep(700); // well inside a later forward or backward pass
			p.destroy(); // SIGTERM
			assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit within 60 s of SIGTERM");
		} finally {
			p.destroyForcibly();
		}
		String log = Files.readString(out);
		try (Stream<Path> files = Files.list(work)) {
			assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")),
					"the JVM crashed (hs_err file):\n" + log);
		}
		assertFalse(log.contains("SIGSEGV"), "the JVM crashed:\n" + log);
		assertEquals(143, p.exitValue(), "exit code after SIGTERM; output:\n" + log);
	}

	/** Starts a thread that enters the gate and stays inside until {@code release} opens; returns once it is inside. */
	private static Thread holdUntil(NativeGate gate, CountDownLatch release) throws InterruptedException {
		CountDownLatch inside = new CountDownLatch(1);
		Thread caller = new Thread(() -> {
			try (NativeGate.Hold hold = gate.enter()) {
				inside.countDown();
				release.await();
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		});
		caller.start();
		assertTrue(inside.await(10, TimeUnit.SECONDS), "the holding thread did not enter the gate");
		return caller;
	}
}
