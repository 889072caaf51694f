package de.stadtwerk.hub.parse.mscons;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import de.stadtwerk.hub.store.SeriesIds;
import de.stadtwerk.hub.transform.Decimals;
import de.stadtwerk.hub.transform.Units;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the segments of one MSCONS message (UNH … UNT) and turns its value groups (QTY with DTM 163/164 or
 * DTM 7/9 and STS) into observations. The first error marks the message as failed; the remaining segments are
 * only counted until UNT.
 */
final class MessageParser {

    private final MsconsOptions options;
    private final MsconsListener listener;
    private final String ref;
    private int segments;
    private int delivered;
    private MessageError error;
    private boolean cancellation;
    private String location;
    private MsconsProducts.Product product;
    private ValueGroup group;

    /** A QTY and the DTM/STS segments that follow it. */
    private static final class ValueGroup {
        Segment qty;
        Quality quality;
        double value;
        String unit;
        Instant start;
        Instant end;
        Instant readingAt;
    }

    MessageParser(Segment unh, MsconsOptions options, MsconsListener listener) {
        this.options = options;
        this.listener = listener;
        this.ref = unh.value(0);
        this.segments = 1;
        String type = unh.value(1, 0);
        if (!"MSCONS".equals(type)) {
            fail(unh, "message type is '" + type + "', expected MSCONS");
        }
    }

    String ref() {
        return ref;
    }

    boolean failed() {
        return error != null;
    }

    /** Handles a segment of the message; returns true when it was the UNT that ends it. */
    boolean accept(Segment s) {
        segments++;
        if ("UNT".equals(s.tag())) {
            end(s);
            return true;
        }
        if (error != null) {
            return false;
        }
        try {
            handle(s);
        } catch (IllegalArgumentException e) {
            fail(s, e.getMessage());
        }
        return false;
    }

    /** Ends the message without UNT (UNZ or a new UNH came first). */
    void abort(Segment s) {
        if (error == null) {
            fail(s, "message " + ref + " has no UNT before " + s.tag());
        }
        listener.messageFailed(error, delivered);
    }

    private void handle(Segment s) {
        switch (s.tag()) {
            case "BGM" -> cancellation = "1".equals(s.value(2));
            case "LOC" -> location(s);
            case "LIN" -> {
                flush();
                product = null;
            }
            case "PIA" -> {
                flush();
                product = MsconsProducts.of(s.value(1, 0), s.value(1, 1));
            }
            case "QTY" -> quantity(s);
            case "DTM" -> date(s);
            case "STS" -> status(s);
            case "UNH", "UNB", "UNZ" -> throw new IllegalArgumentException(s.tag() + " inside a message");
            default -> {
                // RFF, NAD, UNS, CCI, MEA, CTA, COM … carry nothing for the observations
            }
        }
    }

    private void location(Segment s) {
        flush();
        if (!"172".equals(s.value(0))) {
            throw new IllegalArgumentException("unsupported LOC qualifier '" + s.value(0) + "', expected 172 (Meldepunkt)");
        }
        String id = s.value(1);
        if (id.isBlank()) {
            throw new IllegalArgumentException("LOC+172 has no location id");
        }
        location = id;
        product = null;
    }

    private void quantity(Segment s) {
        flush();
        if (location == null) {
            throw new IllegalArgumentException("QTY before any LOC+172: the value belongs to no location");
        }
        if (product == null) {
            throw new IllegalArgumentException("QTY without a PIA product (OBIS code) after LIN");
        }
        ValueGroup g = new ValueGroup();
        g.qty = s;
        g.quality = MsconsQuality.ofQtyQualifier(s.value(0, 0));
        g.value = number(s.value(0, 1));
        String unit = s.value(0, 2);
        g.unit = unit.isBlank() ? product.defaultUnit() : unit;
        if (!Units.isKnown(g.unit)) {
            throw new IllegalArgumentException("unknown unit '" + unit + "'");
        }
        group = g;
    }

    private void date(Segment s) {
        String qualifier = s.value(0, 0);
        if (group == null) {
            return;     // message or location period (137, 163, 164, 293 …): not needed for the values
        }
        switch (qualifier) {
            case "163" -> group.start = EdifactDates.parse(s.value(0, 1), s.value(0, 2), options.localZone());
            case "164" -> group.end = EdifactDates.parse(s.value(0, 1), s.value(0, 2), options.localZone());
            case "7", "9" -> {
                Instant at = EdifactDates.parse(s.value(0, 1), s.value(0, 2), options.localZone());
                if (group.readingAt == null || "7".equals(qualifier)) {
                    group.readingAt = at;
                }
            }
            default -> {
                // other dates of a value (e.g. 306) are not used
            }
        }
    }

    private void status(Segment s) {
        if (group == null) {
            throw new IllegalArgumentException("STS without a preceding QTY");
        }
        group.quality = MsconsQuality.worst(group.quality, MsconsQuality.ofStatusCategory(s.value(0, 0)));
    }

    private void flush() {
        ValueGroup g = group;
        if (g == null) {
            return;
        }
        group = null;
        Instant start;
        Instant end;
        Quality quality = g.quality;
        if (g.start != null || g.end != null) {
            if (g.start == null || g.end == null) {
                throw new IllegalArgumentException("value '" + g.qty.text() + "' has DTM+" + (g.start == null ? "164" : "163")
                        + " but not DTM+" + (g.start == null ? "163" : "164"));
            }
            start = g.start;
            end = g.end;
            Duration expected = options.expectedInterval();
            // irregular, empty or even reversed intervals occur in real files: kept, but never trusted
            if (!end.isAfter(start) || expected != null && !Duration.between(start, end).equals(expected)) {
                quality = MsconsQuality.worst(quality, Quality.SUSPECT);
            }
        } else if (g.readingAt != null) {
            start = g.readingAt;
            end = g.readingAt;
        } else {
            throw new IllegalArgumentException("value '" + g.qty.text() + "' has neither DTM+163/164 nor DTM+7/9");
        }
        if (cancellation) {
            quality = Quality.INVALID;
        }
        String canonical = product.quantity().canonicalUnit();
        double value = Decimals.tidy(Units.convert(g.value, g.unit, canonical));
        String quantity = product.quantity().code();
        Observation o = new Observation(seriesId(location, quantity, product.qualifier()), location, quantity,
                value, canonical, start, end, quality, options.source(), options.receivedAt());
        delivered++;
        listener.observation(ref, o);
    }

    private String lastSeriesLocation;
    private String lastSeriesQuantity;
    private String lastSeriesQualifier;
    private String lastSeriesId;

    /**
     * The series id, one String instance per series while it repeats (thousands of values in a row): its hash code
     * is then computed once for the maps that follow (writer partitioning, de-duplication, series registry).
     */
    private String seriesId(String location, String quantity, String qualifier) {
        if (!location.equals(lastSeriesLocation) || !quantity.equals(lastSeriesQuantity)
                || !java.util.Objects.equals(qualifier, lastSeriesQualifier)) {
            lastSeriesLocation = location;
            lastSeriesQuantity = quantity;
            lastSeriesQualifier = qualifier;
            lastSeriesId = SeriesIds.of(location, quantity, qualifier);
        }
        return lastSeriesId;
    }

    private void end(Segment unt) {
        if (error == null) {
            try {
                flush();
                String count = unt.value(0);
                if (!count.equals(Integer.toString(segments))) {
                    throw new IllegalArgumentException("UNT says " + count + " segments, the message has " + segments);
                }
                if (!ref.equals(unt.value(1))) {
                    throw new IllegalArgumentException("UNT reference '" + unt.value(1) + "' does not match UNH reference '" + ref + "'");
                }
            } catch (IllegalArgumentException e) {
                fail(unt, e.getMessage());
            }
        }
        if (error != null) {
            listener.messageFailed(error, delivered);
        } else {
            listener.messageEnded(ref, delivered);
        }
    }

    private void fail(Segment s, String reason) {
        error = new MessageError(ref, segments, s.number(), s.shortText(), reason);
    }

    /** {@code -?\\d+([.,]\\d+)?} or {@code -?[.,]\\d+}, checked by hand (this runs for every value of a file). */
    static double number(String text) {
        String t = text.trim();
        int n = t.length();
        int i = n > 0 && t.charAt(0) == '-' ? 1 : 0;
        int before = 0;
        int after = 0;
        boolean separator = false;
        boolean ok = i < n;
        for (; i < n && ok; i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                if (separator) {
                    after++;
                } else {
                    before++;
                }
            } else if ((c == ',' || c == '.') && !separator) {
                separator = true;
            } else {
                ok = false;
            }
        }
        if (!ok || separator && after == 0 || !separator && before == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a number (digits with one decimal comma or point)");
        }
        return Decimals.parse(t.replace(',', '.'));
    }
}
