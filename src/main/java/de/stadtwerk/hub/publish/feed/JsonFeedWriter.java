package de.stadtwerk.hub.publish.feed;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.stadtwerk.hub.store.ObservationStream.SeriesInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.time.zone.ZoneRules;

/**
 * JSON, written with Jackson's streaming generator: {@code {"feed":…, "period":{…}, "attribution":[…],
 * "series":[{id, assetId, quantity, unit}], "rows":[{"series", "start", "end", "startLocal", "value",
 * "quality" | "count"}]}}. Times are UTC ({@code start}, {@code end}) plus the local start with its offset
 * ({@code startLocal}: {@code 2024-10-27T02:00+02:00} and {@code 2024-10-27T02:00+01:00} on a 25-hour day).
 */
final class JsonFeedWriter implements FeedWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;
    private final StringBuilder text = new StringBuilder(32);
    private ZoneRules rules;

    JsonFeedWriter(OutputStream out) {
        try {
            this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void begin(FeedHeader h) throws IOException {
        rules = h.period().zone().getRules();
        json.writeStartObject();
        json.writeStringField("feed", h.feedId());
        json.writeStringField("description", h.description());
        json.writeObjectFieldStart("period");
        json.writeStringField("from", h.period().from().toString());
        json.writeStringField("to", h.period().to().toString());
        json.writeStringField("zone", h.period().zone().getId());
        json.writeNumberField("hours", h.period().hours());
        json.writeEndObject();
        json.writeStringField("generatedAt", h.generatedAt().toString());
        json.writeStringField("values", h.source());
        if (h.aggregated()) {
            json.writeStringField("aggregation", h.aggregation());
        }
        json.writeArrayFieldStart("attribution");
        for (String a : h.attribution()) {
            json.writeString(a);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("series");
        for (SeriesInfo s : h.series()) {
            json.writeStartObject();
            json.writeStringField("id", s.id());
            json.writeStringField("assetId", s.assetId());
            json.writeStringField("quantity", s.quantity());
            json.writeStringField("unit", s.unit());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("rows");
    }

    @Override
    public void row(FeedRow r) throws IOException {
        json.writeStartObject();
        json.writeStringField("series", r.seriesId());
        json.writeStringField("start", r.start().toString());
        json.writeStringField("end", r.end().toString());
        text.setLength(0);
        TimeText.offset(text, r.start(), rules);
        json.writeStringField("startLocal", text.toString());
        json.writeNumberField("value", r.value());
        if (r.count() >= 0) {
            json.writeNumberField("count", r.count());
        } else if (r.quality() != null) {
            json.writeStringField("quality", r.quality());
        }
        json.writeEndObject();
    }

    @Override
    public void finish() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }
}
