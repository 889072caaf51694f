package de.stadtwerk.hub.publish.feed;

import de.stadtwerk.hub.store.StoreUnavailableException;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a feed run, called by {@code routes/publish/feeds.camel.yaml}: {@link #begin} (the period and a
 * log entry), {@link #write} (the file, into a work folder), {@link #mail} (an e-mail with the file attached),
 * then {@link #delivered} or {@link #failed}, and {@link #cleanUp}. The route delivers the file in between.
 */
public class FeedRunner {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRunner.class);

    private final FeedCatalogue catalogue;
    private final FeedExporter exporter;
    private final FeedDeliveryLog log;
    private final Path dataDir;
    private final Path workDir;
    private final ZoneId zone;

    public FeedRunner(FeedCatalogue catalogue, FeedExporter exporter, FeedDeliveryLog log, Path dataDir, Path workDir,
                      ZoneId zone) {
        this.catalogue = catalogue;
        this.exporter = exporter;
        this.log = log;
        this.dataDir = dataDir;
        this.workDir = workDir;
        this.zone = zone;
    }

    /**
     * Starts a run: the feed of header {@link FeedHeaders#FEED_ID}; its period from the headers
     * {@link FeedHeaders#PERIOD_FROM}/{@link FeedHeaders#PERIOD_TO} when set (resend), else the feed's window at now.
     * Creates the log entry (or reopens {@link FeedHeaders#DELIVERY_ID}) and sets the destination headers.
     */
    public void begin(Exchange exchange) {
        Message in = exchange.getMessage();
        FeedDefinition feed = catalogue.get(in.getHeader(FeedHeaders.FEED_ID, String.class));
        String from = in.getHeader(FeedHeaders.PERIOD_FROM, String.class);
        String to = in.getHeader(FeedHeaders.PERIOD_TO, String.class);
        FeedPeriod period = from != null && to != null
                ? new FeedPeriod(Instant.parse(from), Instant.parse(to), zone)
                : feed.query().window().period(exporter.now(), zone);
        Long id = in.getHeader(FeedHeaders.DELIVERY_ID, Long.class);
        String destination = feed.destination().toString();
        if (id == null) {
            id = log.start(feed.id(), period, destination);
        } else {
            log.restart(id, destination);
        }
        in.setHeader(FeedHeaders.DELIVERY_ID, id);
        in.setHeader(FeedHeaders.PERIOD_FROM, period.from().toString());
        in.setHeader(FeedHeaders.PERIOD_TO, period.to().toString());
        FeedDestination d = feed.destination();
        in.setHeader(FeedHeaders.DESTINATION_KIND, d.kind().name());
        in.setHeader(FeedHeaders.TARGET, d.kind() == FeedDestination.Kind.FILE ? d.folder(dataDir).toString() : d.target());
        in.setHeader(Exchange.FILE_NAME, feed.fileName(period, exporter.now()));
        LOG.info("Feed {} for {} to {} (delivery {})", feed.id(), period, destination, id);
    }

    /** Writes the file into the work folder; the body becomes the file. A store outage is retried by the route. */
    public void write(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        FeedDefinition feed = catalogue.get(in.getHeader(FeedHeaders.FEED_ID, String.class));
        FeedPeriod period = period(in);
        long id = in.getHeader(FeedHeaders.DELIVERY_ID, Long.class);
        String name = in.getHeader(Exchange.FILE_NAME, String.class);
        Files.createDirectories(workDir);
        Path file = workDir.resolve(id + "-" + name);
        in.setHeader(FeedHeaders.WORK_FILE, file.toString());
        long rows;
        try (OutputStream out = Files.newOutputStream(file)) {
            rows = exporter.export(feed, period, out);
        } catch (StoreUnavailableException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        log.written(id, name, rows);
        in.setHeader(FeedHeaders.ROWS, rows);
        in.setBody(file.toFile());
        // redeliveries of the export are not delivery attempts
        in.removeHeader(Exchange.REDELIVERY_COUNTER);
        in.removeHeader(Exchange.REDELIVERED);
        in.removeHeader(Exchange.REDELIVERY_MAX_COUNTER);
    }

    /** Turns the message into an e-mail: recipients, subject, a short text and the file as attachment. */
    public void mail(Exchange exchange) {
        Message in = exchange.getMessage();
        FeedDefinition feed = catalogue.get(in.getHeader(FeedHeaders.FEED_ID, String.class));
        FeedPeriod period = period(in);
        Path file = Path.of(in.getHeader(FeedHeaders.WORK_FILE, String.class));
        String name = in.getHeader(Exchange.FILE_NAME, String.class);
        in.setHeader("To", in.getHeader(FeedHeaders.TARGET, String.class));
        in.setHeader("Subject", feed.subject(period, exporter.now()));
        in.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=UTF-8");
        in.setBody("Guten Tag,\r\n\r\nanbei der Feed \"" + feed.id() + "\""
                + (feed.description().isBlank() ? "" : " (" + feed.description() + ")")
                + "\r\nZeitraum: " + period.localFrom().toLocalDateTime() + " bis "
                + period.to().atZone(zone).toLocalDateTime() + " (" + zone.getId() + ")"
                + "\r\nZeilen: " + in.getHeader(FeedHeaders.ROWS) + "\r\nDatei: " + name
                + "\r\n\r\nDiese E-Mail wurde automatisch vom Stadtwerk Hub versandt.\r\n");
        FileDataSource source = new FileDataSource(file.toFile()) {
            @Override
            public String getContentType() {
                return feed.format().contentType();
            }

            @Override
            public String getName() {
                return name;
            }
        };
        exchange.getMessage(AttachmentMessage.class).addAttachment(name, new DataHandler(source));
    }

    /** The delivery went through. */
    public void delivered(Exchange exchange) {
        Message in = exchange.getMessage();
        long id = in.getHeader(FeedHeaders.DELIVERY_ID, Long.class);
        log.delivered(id, attempts(in));
        LOG.info("Feed {} delivered (delivery {}, {} rows)", in.getHeader(FeedHeaders.FEED_ID), id,
                in.getHeader(FeedHeaders.ROWS));
    }

    /** The run failed for good (after the redeliveries): FAILED in the log with the cause. */
    public void failed(Exchange exchange) {
        Message in = exchange.getMessage();
        Long id = in.getHeader(FeedHeaders.DELIVERY_ID, Long.class);
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String cause = describe(e);
        if (id == null) {
            LOG.error("Feed {} could not start: {}", in.getHeader(FeedHeaders.FEED_ID), cause);
            return;
        }
        int attempts = attempts(in);
        log.failed(id, attempts, cause);
        LOG.error("Feed {} FAILED after {} attempt(s) (delivery {}): {}", in.getHeader(FeedHeaders.FEED_ID), attempts,
                id, cause);
    }

    /** Deletes the work file. */
    public void cleanUp(Exchange exchange) throws IOException {
        String file = exchange.getMessage().getHeader(FeedHeaders.WORK_FILE, String.class);
        if (file != null) {
            Files.deleteIfExists(Path.of(file));
        }
    }

    private FeedPeriod period(Message in) {
        return new FeedPeriod(Instant.parse(in.getHeader(FeedHeaders.PERIOD_FROM, String.class)),
                Instant.parse(in.getHeader(FeedHeaders.PERIOD_TO, String.class)), zone);
    }

    private static int attempts(Message in) {
        Integer redeliveries = in.getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        return 1 + (redeliveries == null ? 0 : redeliveries);
    }

    /** The exception and its causes, one line, without secrets the URI might carry. */
    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        int depth = 0;
        while (t != null && depth++ < 4) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            t = t.getCause() == t ? null : t.getCause();
        }
        return sb.toString().replaceAll("(?i)(password=)[^&\\s]*", "$1xxxxxx").replaceAll("RAW\\([^)]*\\)", "xxxxxx");
    }
}
