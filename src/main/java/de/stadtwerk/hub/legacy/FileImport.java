package de.stadtwerk.hub.legacy;

import de.stadtwerk.hub.ingest.IngestPipeline;
import de.stadtwerk.hub.legacy.FileImportResult.Outcome;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.Rejection;
import java.io.BufferedInputStream;
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
 *   <li>check pass: a full read without storing anything. A file that cannot be read as a whole (truncated,
 *       wrong separators, a bad CSV cell …) is REJECTED here, before a single value is stored;</li>
 *   <li>import pass: the observations go to the ingest pipeline in chunks (one transaction each, committed on a
 *       second thread while the file is read); broken MSCONS messages go to the quarantine with segment and
 *       reason;</li>
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

    public FileImport(IngestPipeline pipeline, QuarantineStore quarantine, ImportedFiles imported, Clock clock, int chunkSize) {
        this(pipeline, quarantine, imported, clock, chunkSize, 1);
    }

    /**
     * @param chunkSize observations per transaction
     * @param writers   transactions committed in parallel (observations are spread by series)
     */
    public FileImport(IngestPipeline pipeline, QuarantineStore quarantine, ImportedFiles imported, Clock clock, int chunkSize,
                      int writers) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException(LegacySettings.CHUNK_SIZE + " must be at least 1, was " + chunkSize);
        }
        this.pipeline = pipeline;
        this.quarantine = quarantine;
        this.imported = imported;
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.writers = Math.max(1, writers);
    }

    /**
     * Imports {@code file}.
     *
     * @param name    the file's name in its drop, for messages and the record
     * @param routeId the calling route, for lineage and the quarantine
     */
    public FileImportResult importFile(Path file, String name, FileFormat format, String source, String routeId) {
        String hash = sha256(file);
        Optional<ImportedFiles.Entry> earlier = imported.find(hash);
        if (earlier.isPresent()) {
            ImportedFiles.Entry e = earlier.get();
            String reason = "same content as " + e.fileName() + " (drop " + e.dropName() + "), imported at " + e.importedAt()
                    + ": not imported again";
            LOG.info("Skipped {}: {}", name, reason);
            return new FileImportResult(name, Outcome.DUPLICATE, hash, 0, 0, 0, reason);
        }
        try {
            check(file, name, format);
        } catch (BadInputException e) {
            LOG.warn("Rejected {} in drop {}: {}", name, format.dropName(), e.getMessage());
            return new FileImportResult(name, Outcome.REJECTED, hash, 0, 0, 0, e.getMessage());
        }
        List<Rejection> skipped;
        PartitionedWriter writer = new PartitionedWriter(writers, chunkSize, chunk -> pipeline.ingest(chunk, source, routeId, null),
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
        imported.record(new ImportedFiles.Entry(hash, format.dropName(), name, size(file), writer.received(), clock.instant()));
        FileImportResult result = new FileImportResult(name, Outcome.IMPORTED, hash, writer.received(), writer.stored(),
                writer.quarantined() + rejections.size(), null);
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
