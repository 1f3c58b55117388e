package org.fde.djl;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JVM from exiting while a thread is inside PyTorch.
 * <p>
 * When the JVM exits while another thread is still running a forward or backward pass in libtorch (a SIGTERM from a
 * cluster's time limit or {@code kill}, or Fiji quitting during a run), the native library is torn down under that
 * thread and the process dies of a SIGSEGV with an {@code hs_err_pid*.log}. Every call into the network therefore
 * runs inside {@link #enter()} (a shared hold: calls on different threads do not wait for each other), and a JVM
 * shutdown hook {@link #close(long) closes} the process-wide gate: it waits for the calls in flight to return (at most
 * {@value #SHUTDOWN_WAIT_SECONDS} s, below the 30 s that batch schedulers such as Slurm leave between SIGTERM and
 * SIGKILL by default) and then keeps every later call from starting, so that the exit proceeds while no thread is
 * inside PyTorch.
 */
final class NativeGate {

	/** How long the shutdown hook waits for calls in flight. */
	static final long SHUTDOWN_WAIT_SECONDS = 20;

	private static final Logger LOG = LoggerFactory.getLogger(NativeGate.class);

	private static final NativeGate PROCESS = new NativeGate();

	static {
		Thread hook = new Thread(() -> {
			if (!PROCESS.close(TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS))) {
				LOG.warn("the JVM exits while a PyTorch call is still running after {} s; the process may crash",
						SHUTDOWN_WAIT_SECONDS);
			}
		}, "fde-native-gate-shutdown");
		Runtime.getRuntime().addShutdownHook(hook);
	}

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
	private volatile boolean closing;

	/** A hold on the gate; closing it ends the native call. */
	interface Hold extends AutoCloseable {
		@Override
		void close();
	}

	NativeGate() {
	}

	/** The process-wide gate, closed by a JVM shutdown hook. */
	static NativeGate process() {
		return PROCESS;
	}

	/**
	 * Enters the gate for one native call (use try-with-resources). Re-entrant on the same thread. While the gate is
	 * open this never waits and ignores the thread's interrupt flag; once {@link #close} has begun, it waits until
	 * the gate is closed and then until the thread is interrupted (during JVM shutdown the process ends first).
	 *
	 * @throws CancellationException if the thread is interrupted while waiting (the interrupt flag is kept)
	 */
	Hold enter() {
		ReentrantReadWriteLock.ReadLock read = lock.readLock();
		if (!closing && read.tryLock()) {
			return read::unlock;
		}
		try {
			read.lockInterruptibly();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CancellationException("interrupted while waiting to call the network (the JVM is shutting "
					+ "down)");
		}
		return read::unlock;
	}

	/**
	 * Closes the gate for good: waits until no call is in flight, then keeps every later {@link #enter()} waiting.
	 *
	 * @param waitMillis how long to wait for the calls in flight
	 * @return {@code true} if the gate is closed, {@code false} if calls were still running after {@code waitMillis}
	 *         (the gate then stays open)
	 */
	boolean close(long waitMillis) {
		closing = true; // later enter() calls queue behind this one instead of barging in
		try {
			return lock.writeLock().tryLock(waitMillis, TimeUnit.MILLISECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}
}
