package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Spreads observations over several {@link ChunkWriter}s by series, so that chunks are committed on several
 * connections at once while every series keeps its order (a value that appears twice in a file: the later one
 * wins, as with one writer). Memory: about 4 chunks per writer.
 */
final class PartitionedWriter implements Consumer<Observation>, AutoCloseable {

    private final List<ChunkWriter> writers = new ArrayList<>();

    /** Writer {@code i} commits its chunks with {@code ingest.apply(i)} (e.g. each on its own transaction). */
    PartitionedWriter(int writers, int chunkSize, IntFunction<Function<List<Observation>, IngestResult>> ingest, String name) {
        for (int i = 0; i < writers; i++) {
            this.writers.add(new ChunkWriter(chunkSize, ingest.apply(i), name + "-" + i));
        }
    }

    @Override
    public void accept(Observation o) {
        String key = o.seriesId() != null ? o.seriesId() : o.assetId();
        int i = writers.size() == 1 || key == null ? 0 : Math.floorMod(key.hashCode(), writers.size());
        writers.get(i).accept(o);
    }

    /** Commits what is left on every writer and waits; rethrows the first failure. */
    void finish() {
        RuntimeException first = null;
        for (ChunkWriter w : writers) {
            try {
                w.finish();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    long received() {
        return writers.stream().mapToLong(ChunkWriter::received).sum();
    }

    long stored() {
        return writers.stream().mapToLong(ChunkWriter::stored).sum();
    }

    long quarantined() {
        return writers.stream().mapToLong(ChunkWriter::quarantined).sum();
    }

    @Override
    public void close() {
        writers.forEach(ChunkWriter::close);
    }
}
