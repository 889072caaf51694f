package de.stadtwerk.hub.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The fast reader agrees with {@code OffsetDateTime.parse} on every input, accepted or not. */
class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-26T10:15:00+01:00", "2026-11-26T09:15:00Z", "2026-11-26T09:15:00.1Z", "2026-11-26T09:15:00.123456Z",
            "2026-11-26T09:15:00.123456789Z", "2026-03-29T01:59:59.999+01:00", "2026-10-25T02:30:00+02:00",
            "2024-02-29T00:00:00-05:30", "1970-01-01T00:00:00Z", "2026-11-26T23:59:59+18:00", "2026-11-26T00:00:00-18:00",
            "2026-11-26T10:15+01:00", "2026-11-26T10:15:00+01:00:30", "+12026-11-26T10:15:00Z", "2026-11-26T10:15:00+0100"})
    void acceptsWhatTheJdkAcceptsWithTheSameInstant(String text) {
        assertSame(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-02-29T10:15:00Z", "2026-11-31T10:15:00Z", "2026-13-01T10:15:00Z", "2026-11-26T24:00:00Z",
            "2026-11-26T10:60:00Z", "2026-11-26T10:15:60Z", "2026-11-26T10:15:00", "2026-11-26T10:15:00.Z",
            "2026-11-26T10:15:00.1234567890Z", "2026-11-26T10:15:00+19:00", "2026-11-26T10:15:00z", "2026-11-26 10:15:00Z",
            "2026-11-26T10:15:00+01:60", "２026-11-26T10:15:00Z", "2026-11-26T10:15:00Z ", "", "2026-1-26T10:15:00Z",
            "0000-11-26T10:15:00Z", "2026-11-26T10:15:00+01:0a"})
    void rejectsWhatTheJdkRejects(String text) {
        assertSame(text);
    }

    @Test
    void agreesWithTheJdkOnRandomTimesAndOffsets() {
        Random r = new Random(20261128);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 8_000_000_000L), r.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((r.nextInt(-72, 73)) * 15 * 60);
            String text = OffsetDateTime.ofInstant(t, offset).toString();
            assertEquals(t, IsoInstants.parseOffsetDateTime(text), text);
        }
    }

    private static void assertSame(String text) {
        Instant expected;
        try {
            expected = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            assertThrows(e.getClass(), () -> IsoInstants.parseOffsetDateTime(text), text);
            return;
        }
        assertEquals(expected, IsoInstants.parseOffsetDateTime(text), text);
    }
}
