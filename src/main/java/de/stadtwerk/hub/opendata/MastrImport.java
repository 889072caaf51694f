package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.parse.mastr.MastrParser;
import de.stadtwerk.hub.parse.mastr.MastrUnit;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.AssetStore;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marktstammdatenregister (bean {@code mastrImport}): the public export (Gesamtdatenexport, a zip of several GB)
 * is downloaded to a file and streamed; the PV and wind units ({@code EinheitenSolar*.xml},
 * {@code EinheitenWind*.xml}) of the configured postcodes become assets with rated power, location,
 * commissioning date and hub height ({@link AssetStore}), which feed the Energiewetter forecast. A bare XML file
 * is read as well. With no postcode configured the import is off (the whole register is not wanted).
 */
public class MastrImport {

    private static final Logger LOG = LoggerFactory.getLogger(MastrImport.class);
    /** Lineage of MaStR assets. */
    public static final String SOURCE = "mastr";
    static final String ROUTE = "opendata-mastr-run";
    private static final Pattern UNIT_FILES = Pattern.compile("(?i)(.*/)?Einheiten(Solar|Wind)(_\\d+)?\\.xml");
    private static final int BATCH = 500;

    private final OpenDataGateway gateway;
    private final AssetStore assets;
    private final Set<String> postcodes;
    private final String urlTemplate;
    private final long maxBytes;
    private final Duration downloadTimeout;
    private final Clock clock;

    public MastrImport(OpenDataGateway gateway, AssetStore assets, Set<String> postcodes, String urlTemplate,
                       long maxBytes, Duration downloadTimeout, Clock clock) {
        this.gateway = gateway;
        this.assets = assets;
        this.postcodes = Set.copyOf(postcodes);
        this.urlTemplate = urlTemplate;
        this.maxBytes = maxBytes;
        this.downloadTimeout = downloadTimeout;
        this.clock = clock;
    }

    /** The export download (to a file), or nothing when no postcode is configured. */
    public List<OpenDataRequest> requests() {
        if (postcodes.isEmpty()) {
            LOG.info("MaStR import is off: no postcode in {}", OpenDataSettings.MASTR_POSTCODES);
            return List.of();
        }
        String date = LocalDate.now(clock.withZone(ZoneId.of("Europe/Berlin"))).format(DateTimeFormatter.BASIC_ISO_DATE);
        return List.of(new OpenDataRequest(SOURCE, ROUTE, urlTemplate.replace("{date}", date),
                "mastr/Gesamtdatenexport.zip", postcodes, maxBytes, true, false, downloadTimeout));
    }

    /** Streams the export and upserts the units of the configured postcodes; returns how many. */
    public long importAnswer(OpenDataAnswer answer) {
        List<AssetStore.Entry> batch = new ArrayList<>(BATCH);
        long[] stored = {0};
        long read = 0;
        MastrParser parser = new MastrParser(postcodes);
        try (InputStream body = new BufferedInputStream(answer.openBody())) {
            body.mark(4);
            byte[] magic = body.readNBytes(2);
            body.reset();
            if (magic.length == 2 && magic[0] == 'P' && magic[1] == 'K') {
                ZipInputStream zip = new ZipInputStream(body);
                int files = 0;
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    if (!e.isDirectory() && UNIT_FILES.matcher(e.getName()).matches()) {
                        files++;
                        read += parser.stream(new NonClosing(zip), e.getName(), u -> add(u, batch, stored));
                    }
                }
                if (files == 0) {
                    throw new BadInputException("the MaStR export holds no EinheitenSolar*.xml or EinheitenWind*.xml");
                }
            } else {
                String url = answer.request().url();
                read += parser.stream(body, url.substring(url.lastIndexOf('/') + 1), u -> add(u, batch, stored));
            }
        } catch (BadInputException e) {
            flush(batch, stored);
            gateway.reject(answer, e.getMessage());
            return stored[0];
        } catch (IOException e) {
            throw new UncheckedIOException("MaStR export " + answer.request().url() + " cannot be read: " + e.getMessage(), e);
        }
        flush(batch, stored);
        LOG.info("MaStR: {} units read, {} PV/wind units of postcodes {} stored", read, stored[0], postcodes);
        gateway.imported(answer);
        return stored[0];
    }

    private void add(MastrUnit u, List<AssetStore.Entry> batch, long[] stored) {
        batch.add(new AssetStore.Entry(u.asset(), u.commissioningDate(), u.hubHeightM(), u.operatingStatus(), SOURCE,
                Attribution.MASTR.line(), Attribution.MASTR.licenceId()));
        if (batch.size() >= BATCH) {
            flush(batch, stored);
        }
    }

    private void flush(List<AssetStore.Entry> batch, long[] stored) {
        stored[0] += assets.upsert(batch);
        batch.clear();
    }

    /** Keeps the parser from closing the zip stream after one entry. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip stream goes on with the next entry
        }
    }

    @Override
    public String toString() {
        return "MastrImport" + postcodes.stream().sorted().toList().toString().toLowerCase(Locale.ROOT);
    }
}
