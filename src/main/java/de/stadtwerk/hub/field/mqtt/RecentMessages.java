package de.stadtwerk.hub.field.mqtt;

import java.util.HashSet;
import java.util.Set;

/**
 * Fingerprints (64-bit FNV-1a of topic and payload) of the last N committed messages, to count redelivered
 * duplicates. Only a metric: the store's upsert is what keeps a value once.
 */
final class RecentMessages {

    private final long[] ring;
    private final Set<Long> set;
    private int next;

    RecentMessages(int capacity) {
        this.ring = new long[Math.max(1, capacity)];
        this.set = new HashSet<>(Math.max(16, capacity * 2));
    }

    synchronized boolean contains(long fingerprint) {
        return set.contains(fingerprint);
    }

    synchronized void add(long fingerprint) {
        long h = fingerprint;
        if (!set.add(h)) {
            return;
        }
        long old = ring[next];
        if (old != 0) {
            set.remove(old);
        }
        ring[next] = h;
        next = (next + 1) % ring.length;
    }

    static long hash(String topic, byte[] payload) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < topic.length(); i++) {
            h = (h ^ topic.charAt(i)) * 0x100000001b3L;
        }
        h = (h ^ 0xff) * 0x100000001b3L;
        for (byte b : payload) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h == 0 ? 1 : h;
    }
}
