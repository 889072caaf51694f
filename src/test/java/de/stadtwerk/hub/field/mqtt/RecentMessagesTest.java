package de.stadtwerk.hub.field.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The duplicate window: the last N fingerprints, oldest forgotten first. */
class RecentMessagesTest {

    @Test
    void remembersTheLastNAndForgetsTheOldest() {
        RecentMessages recent = new RecentMessages(3);
        recent.add(1);
        recent.add(2);
        recent.add(3);
        recent.add(2); // already there: does not push anything out
        assertTrue(recent.contains(1));
        recent.add(4); // the window is full: 1 goes
        assertFalse(recent.contains(1));
        assertTrue(recent.contains(2));
        assertTrue(recent.contains(3));
        assertTrue(recent.contains(4));
        for (long i = 10; i < 100_010; i++) {
            recent.add(i);
        }
        assertFalse(recent.contains(4));
        assertTrue(recent.contains(100_009));
        assertTrue(recent.contains(100_007));
        assertFalse(recent.contains(100_006));
    }

    @Test
    void behavesLikeASetOfTheLastNUnderHeavyCollisionsAndRemoval() {
        java.util.Random random = new java.util.Random(42);
        for (int capacity : new int[] {1, 7, 50, 1000}) {
            RecentMessages recent = new RecentMessages(capacity);
            java.util.ArrayDeque<Long> order = new java.util.ArrayDeque<>();
            java.util.Set<Long> model = new java.util.HashSet<>();
            for (int step = 0; step < 200_000; step++) {
                long f = 1 + random.nextInt(capacity * 3); // many repeats, many collisions, constant eviction
                if (random.nextBoolean()) {
                    assertEquals(model.contains(f), recent.contains(f), "capacity " + capacity + ", step " + step);
                } else if (model.add(f)) {
                    recent.add(f);
                    order.addLast(f);
                    if (order.size() > capacity) {
                        model.remove(order.removeFirst());
                    }
                } else {
                    recent.add(f);
                }
            }
            for (long f = 1; f <= capacity * 3L; f++) {
                assertEquals(model.contains(f), recent.contains(f), "capacity " + capacity + ", fingerprint " + f);
            }
        }
    }

    @Test
    void aBatchCountsWhatWasCommittedBeforeAndRepeatsWithinItselfAsDuplicates() {
        RecentMessages recent = new RecentMessages(100);
        assertEquals(0, recent.addAll(new long[] {11, 12, 13}, 3));
        assertEquals(2, recent.addAll(new long[] {12, 14, 14, 99}, 3)); // 12 committed before, 14 twice; 99 not in count
        assertTrue(recent.contains(14));
        assertFalse(recent.contains(99));
    }

    @Test
    void theFingerprintTellsTopicAndPayloadApart() {
        byte[] a = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] b = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);
        assertNotEquals(RecentMessages.hash("t/1", a), RecentMessages.hash("t/1", b));
        assertNotEquals(RecentMessages.hash("t/1", a), RecentMessages.hash("t/2", a));
        assertTrue(RecentMessages.hash("t/1", a) == RecentMessages.hash("t/1", a.clone()));
        // payloads that differ in one byte, anywhere, and in length only
        byte[] reading = "{\"meter\":\"m-00042\",\"ts\":\"2026-11-26T09:15:00.123456Z\",\"value\":1.250}"
                .getBytes(StandardCharsets.UTF_8);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < reading.length; i++) {
            for (int d = 1; d < 256; d += 37) {
                byte[] changed = reading.clone();
                changed[i] = (byte) (changed[i] + d);
                assertTrue(seen.add(RecentMessages.hash("t/1", changed)), "collision at byte " + i);
            }
        }
        assertNotEquals(RecentMessages.hash("t/1", new byte[] {0}), RecentMessages.hash("t/1", new byte[] {0, 0}));
    }
}
