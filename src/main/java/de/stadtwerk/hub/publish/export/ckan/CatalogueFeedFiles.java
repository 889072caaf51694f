package de.stadtwerk.hub.publish.export.ckan;

import de.stadtwerk.hub.publish.feed.FeedCatalogue;
import de.stadtwerk.hub.publish.feed.FeedDefinition;
import de.stadtwerk.hub.publish.feed.FeedExporter;
import de.stadtwerk.hub.publish.feed.FeedFormat;
import de.stadtwerk.hub.publish.feed.FeedPeriod;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Feed files from the feeds of {@code config/feeds.yaml}: the same export (query, window, format, file name) as the
 * scheduled delivery, written into the feed work folder.
 */
public class CatalogueFeedFiles implements FeedFiles {

    private final FeedCatalogue catalogue;
    private final FeedExporter exporter;
    private final Path workDir;
    private final ZoneId zone;

    public CatalogueFeedFiles(FeedCatalogue catalogue, FeedExporter exporter, Path workDir, ZoneId zone) {
        this.catalogue = catalogue;
        this.exporter = exporter;
        this.workDir = workDir;
        this.zone = zone;
    }

    public boolean exists(String feedId) {
        return catalogue.find(feedId).isPresent();
    }

    @Override
    public FeedFile write(String feedId) throws IOException {
        FeedDefinition feed = catalogue.get(feedId);
        Instant now = exporter.now();
        FeedPeriod period = feed.query().window().period(now, zone);
        String name = feed.fileName(period, now);
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, "ckan-", "-" + name);
        long rows;
        try (OutputStream out = Files.newOutputStream(file)) {
            rows = exporter.export(feed, period, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        String format = feed.format() == FeedFormat.CSV_DE ? "CSV" : feed.format().code().toUpperCase();
        return new FeedFile(file, name, feed.format().contentType(), format, rows);
    }
}
