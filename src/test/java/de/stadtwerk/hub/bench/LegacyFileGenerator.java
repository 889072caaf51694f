package de.stadtwerk.hub.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes large legacy files for benchmarks and tests, line by line (never in memory): an MSCONS interchange with
 * one message per location and a lastgang-15min CSV, each {@code locations × days × 96} quarter-hour values.
 */
public final class LegacyFileGenerator {

    private static final DateTimeFormatter DTM = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm")
            .withZone(ZoneId.of("Europe/Berlin"));

    private LegacyFileGenerator() {
    }

    /** Location id number {@code i}, 33 characters like a German Zählpunkt. */
    public static String location(int i) {
        return String.format("DE0000000000000000000000%09d", i);
    }

    /** Value of location {@code loc} in quarter-hour {@code q}, in kWh with three decimals. */
    static String value(int loc, int q, char decimal) {
        int milli = (loc * 7 + q * 13) % 5000 + 1;
        return (milli / 1000) + String.valueOf(decimal) + String.format("%03d", milli % 1000);
    }

    /** An MSCONS interchange (UTC offsets, DTM 303) starting at {@code from}. Returns the number of values. */
    public static long mscons(Path file, int locations, int days, Instant from) throws IOException {
        int perLoc = days * 96;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1), 1 << 16)) {
            w.write("UNB+UNOC:3+9900000000001:500+9900000000002:500+240101:0000+BENCH++TL'\n");
            for (int l = 0; l < locations; l++) {
                int ref = l + 1;
                w.write("UNH+" + ref + "+MSCONS:D:04B:UN:2.4c'\nBGM+7+DOC" + ref + "+9'\nDTM+137:202401010000?+00:303'\n"
                        + "NAD+MS+9900000000001::293'\nNAD+MR+9900000000002::293'\nUNS+D'\nNAD+DP'\nLOC+172+"
                        + location(l) + "'\nLIN+1'\nPIA+5+1-1?:1.29.0:SRW'\n");
                Instant t = from;
                for (int q = 0; q < perLoc; q++) {
                    Instant e = t.plusSeconds(900);
                    w.write("QTY+220:" + value(l, q, ',') + ":KWH'\nDTM+163:" + DTM.format(t) + "?+00:303'\nDTM+164:"
                            + DTM.format(e) + "?+00:303'\n");
                    t = e;
                }
                w.write("UNT+" + (11 + 3 * perLoc) + "+" + ref + "'\n");
            }
            w.write("UNZ+" + locations + "+BENCH'\n");
        }
        return (long) locations * perLoc;
    }

    /** A lastgang-15min CSV (Windows-1252, end-labelled local times) starting at {@code from}. */
    public static long csv(Path file, int locations, int days, Instant from) throws IOException {
        int perLoc = days * 96;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, Charset.forName("windows-1252")), 1 << 16)) {
            w.write("Zeitstempel;Zählpunkt;Wert;Einheit;Status\r\n");
            for (int l = 0; l < locations; l++) {
                String loc = location(l);
                Instant t = from;
                for (int q = 0; q < perLoc; q++) {
                    t = t.plusSeconds(900);
                    w.write(CSV_TIME.format(t) + ";" + loc + ";" + value(l, q, ',') + ";kWh;gemessen\r\n");
                }
            }
        }
        return (long) locations * perLoc;
    }
}
