package de.stadtwerk.hub.opendata;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.parse.smard.SmardFilter;
import de.stadtwerk.hub.parse.smard.SmardParser;
import de.stadtwerk.hub.parse.smard.SmardRequest;
import de.stadtwerk.hub.parse.smard.SmardResolution;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.SeriesMetaStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SMARD chart data (bean {@code smardImport}): for each configured filter and region, the index of weekly files
 * at the configured resolution, then the newest {@code chunks} files, parsed into observations for
 * {@code direct:ingest}; the series get the SMARD attribution.
 */
public class SmardImport {

    /** Lineage of SMARD observations. */
    public static final String SOURCE = SmardParser.DEFAULT_SOURCE;
    static final String ROUTE = "opendata-smard-run";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SmardImport.class);

    /** One weekly file of a series. */
    public record Chunk(SmardRequest request, Instant timestamp) {
    }

    private final OpenDataGateway gateway;
    private final SeriesMetaStore meta;
    private final SmardParser parser = new SmardParser(SOURCE);
    private final List<SmardRequest> series;
    private final String baseUrl;
    private final int chunks;
    private final long maxBytes;
    private final Duration bodyTimeout;
    private final Clock clock;

    public SmardImport(OpenDataGateway gateway, SeriesMetaStore meta, List<Integer> filters, List<String> regions,
                       String resolution, int chunks, String baseUrl, long maxBytes, Duration bodyTimeout, Clock clock) {
        this.gateway = gateway;
        this.meta = meta;
        SmardResolution res = SmardResolution.ofCode(resolution);
        List<SmardRequest> list = new ArrayList<>();
        for (int f : filters) {
            for (String region : regions) {
                list.add(new SmardRequest(SmardFilter.of(f), region, res));
            }
        }
        this.series = List.copyOf(list);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.chunks = chunks;
        this.maxBytes = maxBytes;
        this.bodyTimeout = bodyTimeout;
        this.clock = clock;
    }

    /** The index requests, one per filter and region; their bodies are kept so that a 304 still lists the files. */
    public List<OpenDataRequest> indexRequests() {
        return series.stream().map(r -> new OpenDataRequest(SOURCE, ROUTE, baseUrl + "/" + r.indexPath(),
                "smard/" + r.indexPath(), r, maxBytes, false, true, bodyTimeout)).toList();
    }

    /** The requests of the newest weekly files listed in an index answer; a malformed index is quarantined. */
    public List<OpenDataRequest> seriesRequests(OpenDataAnswer index) {
        if (!index.isHasBody()) {
            return List.of();
        }
        SmardRequest r = index.request().subject(SmardRequest.class);
        List<Instant> timestamps;
        try (InputStream in = index.openBody()) {
            timestamps = parser.parseIndex(in, r);
        } catch (BadInputException e) {
            gateway.reject(index, e.getMessage());
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway.imported(index);
        gateway.remember(index);
        List<Instant> newest = timestamps.stream().sorted().skip(Math.max(0, timestamps.size() - chunks)).toList();
        return newest.stream().map(ts -> new OpenDataRequest(SOURCE, ROUTE, baseUrl + "/" + r.path(ts.toEpochMilli()),
                "smard/" + r.path(ts.toEpochMilli()), new Chunk(r, ts), maxBytes, false, false, bodyTimeout)).toList();
    }

    /** The observations of a weekly file, for {@code direct:ingest}; a malformed file is quarantined (empty list). */
    public List<Observation> observations(OpenDataAnswer answer) {
        Chunk chunk = answer.request().subject(Chunk.class);
        List<Observation> out;
        try (InputStream in = answer.openBody()) {
            out = parser.parseSeries(in, chunk.request(), chunk.timestamp(), clock.instant());
        } catch (BadInputException e) {
            gateway.reject(answer, e.getMessage());
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        meta.record(out.stream().map(Observation::seriesId).collect(Collectors.toSet()), Attribution.SMARD, SOURCE);
        gateway.imported(answer);
        LOG.info("SMARD {}: {} values from {}", chunk.request().path(chunk.timestamp().toEpochMilli()), out.size(),
                gateway.mode());
        return out;
    }
}
