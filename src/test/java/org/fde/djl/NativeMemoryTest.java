package org.fde.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * {@link NativeMemory#releaseFree()}: on glibc, memory freed by C code (as PyTorch frees its activations) but kept by
 * malloc in a thread's arena goes back to the OS.
 */
class NativeMemoryTest {

	private static final int BLOCK = 64 << 10; // below glibc's mmap threshold: always from an arena
	private static final int BLOCKS = 2048; // 128 MiB

	@Test
	void doesNothingHarmfulWhenCalledRepeatedly() {
		boolean first = NativeMemory.releaseFree();
		boolean second = NativeMemory.releaseFree();
		assertTrue(first == second, "the same answer each time");
		if (Platform.isLinux() && Files.isReadable(Path.of("/proc/self/status"))) {
			assumeTrue(first, "a Linux C library without malloc_trim (musl?)");
		}
	}

	@Test
	void freedArenaMemoryIsReturnedToTheOs() throws Exception {
		assumeTrue(Platform.isLinux() && NativeMemory.releaseFree(), "glibc only");
		NativeMemory.releaseFree();
		AtomicLong held = new AtomicLong();
		// a fresh thread, as SciJava's pool gives each command run: glibc gives it its own arena
		Thread t = new Thread(() -> {
			long[] blocks = new long[BLOCKS];
			for (int i = 0; i < BLOCKS; i++) {
				blocks[i] = Native.malloc(BLOCK);
				new Pointer(blocks[i]).setMemory(0, BLOCK, (byte) 1); // touch every page
			}
			// free all but every 16th block: the holes cannot be trimmed from the top of the heap by free() itself
			for (int i = 0; i < BLOCKS; i++) {
				if (i % 16 != 15) {
					Native.free(blocks[i]);
					blocks[i] = 0;
				}
			}
			held.set(rss());
			NativeMemory.releaseFree();
			held.addAndGet(-rss());
			for (long b : blocks) {
				if (b != 0) {
					Native.free(b);
				}
			}
		});
		t.start();
		t.join();
		long released = held.get();
		long freed = (long) BLOCK * BLOCKS * 15 / 16;
		assertTrue(released > freed / 2, "malloc_trim released " + (released >> 20) + " MiB of the " + (freed >> 20)
				+ " MiB freed");
	}

	private static long rss() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		} catch (IOException e) {
			throw new IllegalStateException(e);
		}
		throw new IllegalStateException("no VmRSS");
	}
}
