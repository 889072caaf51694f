package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Collects observations into chunks and commits them on a second thread while the file is still being read:
 * reading and the database work in parallel. At most two chunks wait, so memory stays bounded
 * (4 × chunk size observations at the most). A failed commit stops the reader at its next chunk and is
 * rethrown by {@link #finish()}.
 */
final class ChunkWriter implements Consumer<Observation>, AutoCloseable {

    private static final List<Observation> END = List.of();

    private final int chunkSize;
    private final Function<List<Observation>, IngestResult> ingest;
    private final BlockingQueue<List<Observation>> queue = new ArrayBlockingQueue<>(2);
    private final Thread thread;
    private List<Observation> current;
    private volatile RuntimeException failure;
    private long stored;
    private long quarantined;
    private long received;

    ChunkWriter(int chunkSize, Function<List<Observation>, IngestResult> ingest, String name) {
        this.chunkSize = chunkSize;
        this.ingest = ingest;
        this.current = new ArrayList<>(chunkSize);
        this.thread = new Thread(this::run, "legacy-writer-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void accept(Observation o) {
        current.add(o);
        received++;
        if (current.size() >= chunkSize) {
            hand(current);
            current = new ArrayList<>(chunkSize);
        }
    }

    /** Commits the last chunk and waits for all commits; rethrows a commit failure. */
    void finish() {
        if (!current.isEmpty()) {
            hand(current);
            current = new ArrayList<>();
        }
        hand(END);
        join();
        if (failure != null) {
            throw failure;
        }
    }

    long received() {
        return received;
    }

    long stored() {
        return stored;
    }

    long quarantined() {
        return quarantined;
    }

    private void hand(List<Observation> chunk) {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (failure != null || !thread.isAlive()) {
                    throw failure != null ? failure : new IllegalStateException("the writer thread ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        try {
            while (true) {
                List<Observation> chunk = queue.take();
                if (chunk == END) {
                    return;
                }
                IngestResult r = ingest.apply(chunk);
                stored += r.stored();
                quarantined += r.quarantined();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
    }

    /** Stops the writer when the reader failed: nothing more is committed. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            join();
        }
    }
}
