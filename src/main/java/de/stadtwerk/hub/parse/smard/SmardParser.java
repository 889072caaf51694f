package de.stadtwerk.hub.parse.smard;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.parse.internal.JsonInput;
import de.stadtwerk.hub.quarantine.BadInputException;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.Units;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses SMARD chart data (Bundesnetzagentur, smard.de):
 * <ul>
 *   <li>the index {@code index_<resolution>.json}: {@code {"timestamps":[epoch_ms, …]}}, the starts of the weekly
 *       files that exist;</li>
 *   <li>a series file: {@code {"meta_data":{"version":1,"created":epoch_ms},"series":[[epoch_ms, value|null], …]}}.
 *       Each pair is the interval starting at {@code epoch_ms} with the length of the resolution.</li>
 * </ul>
 * Mapping: asset {@code smard-<region>}, quantity from the {@link SmardFilter} (energy for generation and load:
 * MWh per interval → Wh), qualifier the filter's name, e.g. series {@code smard-de.energy.solar}. Values are
 * interval values ({@code start} = timestamp, {@code end} = start + resolution), quality MEASURED (realised
 * values as published). {@code null} values (not yet published, e.g. the rest of the current week) are skipped.
 */
public final class SmardParser {

    /** Default lineage written into {@link Observation#source()}. */
    public static final String DEFAULT_SOURCE = "smard";

    private final String source;

    public SmardParser(String source) {
        this.source = source;
    }

    public SmardParser() {
        this(DEFAULT_SOURCE);
    }

    /** The file starts listed in an index, in the order given. */
    public List<Instant> parseIndex(InputStream in, SmardRequest request) {
        String what = "SMARD index " + request.indexPath();
        JsonNode root = object(JsonInput.read(in, what), what);
        JsonNode ts = JsonInput.require(root, "timestamps", what);
        if (!ts.isArray()) {
            throw new BadInputException(what + ": 'timestamps' is " + ts.getNodeType() + ", expected an array");
        }
        List<Instant> out = new ArrayList<>(ts.size());
        for (int i = 0; i < ts.size(); i++) {
            JsonNode t = ts.get(i);
            if (!t.isIntegralNumber()) {
                throw new BadInputException(what + ": timestamps[" + i + "] is '" + t + "', expected epoch milliseconds");
            }
            out.add(Instant.ofEpochMilli(t.asLong()));
        }
        return out;
    }

    /**
     * The observations of one series file.
     *
     * @param request    what was asked for (filter, region, resolution)
     * @param timestamp  the file's timestamp (from the index), for error messages; may be null
     * @param receivedAt when the hub received the file
     */
    public List<Observation> parseSeries(InputStream in, SmardRequest request, Instant timestamp, Instant receivedAt) {
        String what = "SMARD series " + (timestamp == null
                ? request.filter().id() + "/" + request.region() + " (" + request.resolution().code() + ")"
                : request.path(timestamp.toEpochMilli()));
        JsonNode root = object(JsonInput.read(in, what), what);
        JsonNode series = JsonInput.require(root, "series", what);
        if (!series.isArray()) {
            throw new BadInputException(what + ": 'series' is " + series.getNodeType() + ", expected an array of"
                    + " [epoch_ms, value] pairs");
        }
        SmardFilter filter = request.filter();
        String assetId = request.assetId();
        String quantity = filter.quantity().code();
        String unit = filter.quantity().canonicalUnit();
        String seriesId = SeriesIds.of(assetId, quantity, filter.qualifier());
        List<Observation> out = new ArrayList<>(series.size());
        Instant previous = null;
        for (int i = 0; i < series.size(); i++) {
            JsonNode pair = series.get(i);
            if (!pair.isArray() || pair.size() != 2) {
                throw new BadInputException(what + ": series[" + i + "] is '" + abbreviate(pair)
                        + "', expected [epoch_ms, value|null]");
            }
            JsonNode t = pair.get(0);
            JsonNode v = pair.get(1);
            if (!t.isIntegralNumber()) {
                throw new BadInputException(what + ": series[" + i + "][0] is '" + t + "', expected epoch milliseconds");
            }
            Instant start = Instant.ofEpochMilli(t.asLong());
            if (previous != null && !start.isAfter(previous)) {
                throw new BadInputException(what + ": series[" + i + "] at " + start + " is not after the previous"
                        + " entry " + previous);
            }
            previous = start;
            if (v.isNull()) {
                continue;
            }
            if (!v.isNumber()) {
                throw new BadInputException(what + ": series[" + i + "][1] at " + start + " is '" + v
                        + "', expected a number or null");
            }
            double value = Units.convert(v.asDouble(), filter.unit(), unit);
            out.add(new Observation(seriesId, assetId, quantity, value, unit, start,
                    request.resolution().endOf(start), Quality.MEASURED, source, receivedAt));
        }
        return out;
    }

    private static JsonNode object(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new BadInputException(what + " is a JSON " + node.getNodeType() + ", expected an object");
        }
        return node;
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
