package org.fde.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.fde.score.KernelPrior;

/**
 * Loaded networks kept for reuse, so that a batch of calls (a macro loop in Fiji) loads each model once. Thread-safe.
 * <p>
 * A model is <em>lent</em>: {@link #imagePrior} and {@link #kernelPrior} return a {@link Lease}, and closing the lease
 * gives the model back. A model is lent to one caller at a time (a DJL predictor is not shared between threads):
 * when the cached one is in use, the caller gets a fresh copy that is closed with its lease. A model is identified by
 * its folder, the device choice and the modification times of its files, so a retrained model file is loaded again
 * (and the old one released). {@link #clear()} and {@link #close()} release every model not in use now, and the
 * others when they are given back.
 */
public final class ModelCache implements AutoCloseable {

	/** A model on loan; {@link #close()} gives it back. */
	public interface Lease<T> extends AutoCloseable {

		/** The model (valid until the lease is closed). */
		T get();

		/** Whether the model was already loaded (false: this call loaded it). */
		boolean reused();

		@Override
		void close();
	}

	private record Key(String kind, Path folder, DeviceChoice device, String stamp) {
		boolean sameModel(Key o) {
			return kind.equals(o.kind) && folder.equals(o.folder) && device == o.device;
		}
	}

	private static final class Entry {
		final AutoCloseable model;
		boolean busy;
		boolean retired;

		Entry(AutoCloseable model) {
			this.model = model;
		}
	}

	private final Map<Key, Entry> entries = new LinkedHashMap<>();
	private int loads;

	/** The image prior in {@code folder} on {@code device}. */
	public Lease<DjlScoreModel> imagePrior(Path folder, DeviceChoice device) {
		return lease(key("image-prior", folder, device), () -> DjlScoreModel.load(folder, device));
	}

	/** The kernel prior in {@code folder} on {@code device}. */
	public Lease<KernelPrior> kernelPrior(Path folder, DeviceChoice device) {
		return lease(key("kernel-prior", folder, device), () -> DjlKernelPrior.load(folder, device));
	}

	/** How many models this cache has loaded so far (each load reads a model file). */
	public synchronized int loads() {
		return loads;
	}

	/** How many models are kept now. */
	public synchronized int size() {
		return entries.size();
	}

	/** Releases every kept model (those on loan when they are given back). */
	public synchronized void clear() {
		for (Entry e : entries.values()) {
			retire(e);
		}
		entries.clear();
	}

	@Override
	public void close() {
		clear();
	}

	@SuppressWarnings("unchecked")
	private <T extends AutoCloseable> Lease<T> lease(Key key, Supplier<T> loader) {
		synchronized (this) {
			Entry e = entries.get(key);
			if (e != null && !e.busy) {
				e.busy = true;
				return lent(e, (T) e.model, true);
			}
		}
		T model = loader.get(); // outside the lock: loading takes seconds
		synchronized (this) {
			loads++;
			if (entries.containsKey(key)) { // in use by another caller: a private copy
				return own(model);
			}
			for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext();) {
				Map.Entry<Key, Entry> old = it.next();
				if (old.getKey().sameModel(key)) { // the model's files changed since
					retire(old.getValue());
					it.remove();
				}
			}
			Entry e = new Entry(model);
			e.busy = true;
			entries.put(key, e);
			return lent(e, model, false);
		}
	}

	private <T extends AutoCloseable> Lease<T> lent(Entry e, T model, boolean reused) {
		return new Lease<>() {
			private boolean closed;

			@Override
			public T get() {
				return model;
			}

			@Override
			public boolean reused() {
				return reused;
			}

			@Override
			public void close() {
				synchronized (ModelCache.this) {
					if (closed) {
						return;
					}
					closed = true;
					e.busy = false;
					if (e.retired) {
						closeQuietly(e.model);
					}
				}
			}
		};
	}

	private static <T extends AutoCloseable> Lease<T> own(T model) {
		return new Lease<>() {
			@Override
			public T get() {
				return model;
			}

			@Override
			public boolean reused() {
				return false;
			}

			@Override
			public void close() {
				closeQuietly(model);
			}
		};
	}

	private static void retire(Entry e) {
		e.retired = true;
		if (!e.busy) {
			closeQuietly(e.model);
		}
	}

	private static void closeQuietly(AutoCloseable c) {
		try {
			c.close();
		} catch (Exception ex) {
			// closing frees native memory; a failure here leaves nothing to recover
		}
	}

	private static Key key(String kind, Path folder, DeviceChoice device) {
		Path dir = folder.toAbsolutePath().normalize();
		return new Key(kind, dir, device, stamp(dir));
	}

	/** The modification times and sizes of the folder's files, so that a changed model is loaded again. */
	private static String stamp(Path dir) {
		List<String> parts = new ArrayList<>();
		try (var files = Files.list(dir)) {
			files.sorted().forEach(f -> {
				try {
					parts.add(f.getFileName() + ":" + Files.getLastModifiedTime(f).toMillis() + ":" + Files.size(f));
				} catch (IOException ex) {
					parts.add(f.getFileName() + ":?");
				}
			});
		} catch (IOException ex) {
			return "?";
		}
		return String.join(",", parts);
	}
}
