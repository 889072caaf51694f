package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.legacy.FileImportResult.Outcome;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.Rejection;
import de.stadtwerk.hub.store.BulkWrite;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one dropped file, streaming, in bounded memory, exactly once per content:
 *
 * <ol>
 *   <li>SHA-256 of the content: content already imported is a DUPLICATE and is not read further;</li>
 *   <li>the import itself, in one of two ways ({@link Mode}):
 *     <ul>
 *       <li>{@code ONE_PASS} (default on PostgreSQL): the file is read once; its observations go to the ingest
 *           pipeline in chunks, on {@code writers} connections that each keep <em>one</em> transaction open for
 *           the whole file. A file that turns out unreadable (truncated, wrong separators, a bad CSV cell …) is
 *           REJECTED and every transaction rolled back, so nothing of it is stored; otherwise all are committed
 *           at the end. The content is hashed again while it is read: a file that changed meanwhile is rolled
 *           back too. A value the database refuses (SQLSTATE 22/23) rolls back and falls back to CHECK_FIRST,
 *           where such a value goes to the quarantine alone;</li>
 *       <li>{@code CHECK_FIRST} (default on H2, whose transactions are held in the JVM's memory): a check pass
 *           reads the whole file without storing anything and rejects an unreadable file; then an import pass
 *           commits chunk by chunk (one transaction each), on a second thread while the file is read.</li>
 *     </ul>
 *     Broken MSCONS messages go to the quarantine with segment and reason either way;</li>
 *   <li>only after the last chunk is committed the content hash is recorded ({@link ImportedFiles}); the route
 *       moves the file to {@code done/} after that.</li>
 * </ol>
 *
 * An import interrupted by a crash or a store outage leaves no record, so the file is imported again; the
 * store's upsert on (series, start, end) makes that repeat change nothing. A changed file has a new hash and is
 * imported again: its values replace the old ones, and the store keeps the old ones in its history.
 */
public class FileImport {

    private static final Logger LOG = LoggerFactory.getLogger(FileImport.class);

    private final IngestPipeline pipeline;
    private final QuarantineStore quarantine;
    private final ImportedFiles imported;
    private final Clock clock;
    private final int chunkSize;
    private final int writers;
    private final Mode mode;
    /**
     * One ONE_PASS import at a time: it holds {@code writers} pooled connections for the whole file, and four drops
     * importing at once would otherwise take eight, leaving the rest of the hub (MQTT ingest, API) without one.
     */
    private final java.util.concurrent.Semaphore onePassSlot = new java.util.concurrent.Semaphore(1, true);

    /** How a file is checked and committed; see the class description. */
    public enum Mode {
        /** ONE_PASS on PostgreSQL, CHECK_FIRST on other stores. */
        AUTO,
        /** Read once; one transaction per writer for the whole file, committed at the end. */
        ONE_PASS,
        /** A check pass without storing, then an import pass committed chunk by chunk. */
        CHECK_FIRST;

        /** {@code auto}, {@code one-pass} or {@code check-first} (case-insensitive). */
        public static Mode of(String text) {
            for (Mode m : values()) {
                if (m.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException(LegacySettings.IMPORT_MODE + ": '" + text
                    + "' must be auto, one-pass or check-first");
        }
    }

    public FileImport(IngestPipeline pipeline, QuarantineStore quarantine, ImportedFiles imported, Clock clock, int chunkSize) {
        this(pipeline, quarantine, imported, clock, chunkSize, 1);
    }

    public FileImport(IngestPipeline pipeline, QuarantineStore quarantine, ImportedFiles imported, Clock clock, int chunkSize,
                      int writers) {
        this(pipeline, quarantine, imported, clock, chunkSize, writers, Mode.AUTO);
    }

    /**
     * @param chunkSize observations per transaction
     * @param writers   transactions committed in parallel (observations are spread by series)
     */
    public FileImport(IngestPipeline pipeline, QuarantineStore quarantine, ImportedFiles imported, Clock clock, int chunkSize,
                      int writers, Mode mode) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException(LegacySettings.CHUNK_SIZE + " must be at least 1, was " + chunkSize);
        }
        this.pipeline = pipeline;
        this.quarantine = quarantine;
        this.imported = imported;
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.writers = Math.max(1, writers);
        this.mode = mode;
    }

    /** The mode used for the next file: AUTO resolved by the store. */
    public Mode effectiveMode() {
        return mode != Mode.AUTO ? mode : pipeline.storeIsPostgres() ? Mode.ONE_PASS : Mode.CHECK_FIRST;
    }

    /**
     * Imports {@code file}.
     *
     * @param name    the file's name in its drop, for messages and the record
     * @param routeId the calling route, for lineage and the quarantine
     */
    public FileImportResult importFile(Path file, String name, FileFormat format, String source, String routeId) {
        String hash = sha256(file);
        Optional<FileImportResult> duplicate = duplicate(hash, name);
        if (duplicate.isPresent()) {
            return duplicate.get();
        }
        if (effectiveMode() == Mode.ONE_PASS) {
            try {
                onePassSlot.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for another file's import to finish", e);
            }
            try {
                // the same content may have come through another drop while this one waited
                duplicate = duplicate(hash, name);
                return duplicate.isPresent() ? duplicate.get() : importOnePass(file, name, format, source, routeId, hash);
            } catch (BulkWrite.DataRefusedException e) {
                LOG.warn("{}: {}; nothing was committed, importing it again chunk by chunk so that only the refused"
                        + " values go to the quarantine", name, e.getMessage());
            } finally {
                onePassSlot.release();
            }
        }
        return importCheckFirst(file, name, format, source, routeId, hash);
    }

    private Optional<FileImportResult> duplicate(String hash, String name) {
        Optional<ImportedFiles.Entry> earlier = imported.find(hash);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        ImportedFiles.Entry e = earlier.get();
        String reason = "same content as " + e.fileName() + " (drop " + e.dropName() + "), imported at " + e.importedAt()
                + ": not imported again";
        LOG.info("Skipped {}: {}", name, reason);
        return Optional.of(new FileImportResult(name, Outcome.DUPLICATE, hash, 0, 0, 0, reason));
    }

    private FileImportResult importCheckFirst(Path file, String name, FileFormat format, String source, String routeId,
                                              String hash) {
        try {
            check(file, name, format);
        } catch (BadInputException e) {
            LOG.warn("Rejected {} in drop {}: {}", name, format.dropName(), e.getMessage());
            return new FileImportResult(name, Outcome.REJECTED, hash, 0, 0, 0, e.getMessage());
        }
        List<Rejection> skipped;
        PartitionedWriter writer = new PartitionedWriter(writers, chunkSize, i -> chunk -> pipeline.ingest(chunk, source, routeId, null),
                format.dropName().replace('/', '-'));
        try (writer; InputStream in = open(file)) {
            skipped = format.read(in, name, writer);
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (BadInputException e) {
            // the file changed between the two passes (it was validated): import it again later
            throw new UncheckedIOException(new IOException(name + " changed while it was imported: " + e.getMessage(), e));
        }
        List<Rejection> rejections = skipped.stream().map(r -> new Rejection(r.payload(), name + ": " + r.reason(),
                source, routeId, null)).toList();
        quarantine.add(rejections);
        return recorded(file, name, format, hash, writer, rejections.size());
    }

    /** Reads the file once into one open transaction per writer; commits them all only when the file was good. */
    private FileImportResult importOnePass(Path file, String name, FileFormat format, String source, String routeId,
                                           String hash) {
        List<BulkWrite> bulks = new ArrayList<>(writers);
        try {
            for (int i = 0; i < writers; i++) {
                bulks.add(pipeline.beginBulk());
            }
            PartitionedWriter writer = new PartitionedWriter(writers, chunkSize,
                    i -> chunk -> pipeline.ingestInto(bulks.get(i), chunk, source, routeId), format.dropName().replace('/', '-'));
            MessageDigest digest = newDigest();
            List<Rejection> skipped;
            try (writer; InputStream in = new DigestInputStream(open(file), digest)) {
                // the readers close what they read; the rest (if any) must still pass through the digest
                skipped = format.read(new FilterInputStream(in) {
                    @Override
                    public void close() {
                        // closed by the outer try
                    }
                }, name, writer);
                in.transferTo(OutputStream.nullOutputStream());
                writer.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
            } catch (BadInputException e) {
                LOG.warn("Rejected {} in drop {}: {} (nothing of it was committed)", name, format.dropName(), e.getMessage());
                return new FileImportResult(name, Outcome.REJECTED, hash, 0, 0, 0, e.getMessage());
            }
            if (!hash.equals(HexFormat.of().formatHex(digest.digest()))) {
                throw new UncheckedIOException(new IOException(name + " changed while it was imported: nothing was"
                        + " committed, it is imported again at the next poll"));
            }
            List<Rejection> rejections = skipped.stream().map(r -> new Rejection(r.payload(), name + ": " + r.reason(),
                    source, routeId, null)).toList();
            bulks.get(0).quarantine(rejections);
            for (BulkWrite b : bulks) {
                b.commit();
            }
            return recorded(file, name, format, hash, writer, rejections.size());
        } finally {
            bulks.forEach(BulkWrite::close);
        }
    }

    private FileImportResult recorded(Path file, String name, FileFormat format, String hash, PartitionedWriter writer,
                                      int rejections) {
        imported.record(new ImportedFiles.Entry(hash, format.dropName(), name, size(file), writer.received(), clock.instant()));
        FileImportResult result = new FileImportResult(name, Outcome.IMPORTED, hash, writer.received(), writer.stored(),
                writer.quarantined() + rejections, null);
        LOG.info("Imported {} ({}): {} values, {} stored, {} quarantined", name, format.dropName(), result.values(),
                result.stored(), result.quarantined());
        return result;
    }

    /** The check pass: a full read that stores nothing. */
    private static void check(Path file, String name, FileFormat format) {
        try (InputStream in = open(file)) {
            format.read(in, name, o -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        MessageDigest digest = newDigest();
        try (InputStream in = new DigestInputStream(open(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static InputStream open(Path file) throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
