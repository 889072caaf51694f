package de.stadtwerk.hub.field.mqtt;

/**
 * Fingerprints (64-bit FNV-1a of topic and payload) of the last N committed messages, to count redelivered
 * duplicates. Only a metric: the store's upsert is what keeps a value once. Fingerprints are added per committed
 * batch ({@link #addAll}); one that is already there is a duplicate.
 *
 * <p>Asked for every message, so it is a primitive set: open addressing with linear probing in a table of at least
 * twice the window, and deletion by shifting the following entries back (no tombstones, so probes stay short
 * however long the hub runs). A {@code HashSet<Long>} of 100,000 boxed entries took ~10 % of the ingest thread's
 * time, Eclipse Collections' {@code LongHashSet} about as much under constant removal.
 */
final class RecentMessages {

    private static final long EMPTY = 0; // hash() never returns 0
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private final long[] ring;
    private final long[] table;
    private final int mask;
    private final int shift;
    private int next;

    RecentMessages(int capacity) {
        this.ring = new long[Math.max(1, capacity)];
        int size = Integer.highestOneBit(Math.max(16, ring.length * 2 - 1)) << 1;
        this.table = new long[size];
        this.mask = size - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(size);
    }

    synchronized boolean contains(long fingerprint) {
        for (int i = slot(fingerprint); table[i] != EMPTY; i = (i + 1) & mask) {
            if (table[i] == fingerprint) {
                return true;
            }
        }
        return false;
    }

    synchronized void add(long fingerprint) {
        int i = slot(fingerprint);
        for (; table[i] != EMPTY; i = (i + 1) & mask) {
            if (table[i] == fingerprint) {
                return;
            }
        }
        table[i] = fingerprint;
        long old = ring[next];
        if (old != EMPTY) {
            remove(old);
        }
        ring[next] = fingerprint;
        next = (next + 1) % ring.length;
    }

    private void remove(long fingerprint) {
        int i = slot(fingerprint);
        while (table[i] != fingerprint) {
            if (table[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        // shift back every following entry of the run that may sit at or before the freed slot
        int gap = i;
        for (int j = (gap + 1) & mask; table[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(table[j]);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                table[gap] = table[j];
                gap = j;
            }
        }
        table[gap] = EMPTY;
    }

    private int slot(long fingerprint) {
        return (int) ((fingerprint * 0x9E3779B97F4A7C15L) >>> shift); // Fibonacci hashing: the top bits
    }

    /**
     * Adds the fingerprints of one committed batch under one lock; returns how many of them were already there
     * (committed before, or earlier in the same batch): the duplicates.
     */
    synchronized int addAll(long[] fingerprints, int count) {
        int known = 0;
        for (int k = 0; k < count; k++) {
            if (contains(fingerprints[k])) {
                known++;
            } else {
                add(fingerprints[k]);
            }
        }
        return known;
    }

    /**
     * A 64-bit fingerprint of topic and payload, eight payload bytes per step (xor, multiply by an odd constant,
     * xor-shift: each step a bijection, so payloads that differ in one word never collide). Byte-at-a-time
     * FNV-1a took ~100 ns for a 140-byte reading.
     */
    static long hash(String topic, byte[] payload) {
        long h = 0xcbf29ce484222325L ^ ((long) topic.hashCode() << 32) ^ topic.length();
        int n = payload.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            h = mix(h ^ (long) LONGS.get(payload, i));
        }
        long tail = 0;
        for (int shift = 0; i < n; i++, shift += 8) {
            tail |= (payload[i] & 0xffL) << shift;
        }
        h = mix(h ^ tail ^ ((long) n << 56));
        h ^= h >>> 33; // MurmurHash3's finaliser
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == EMPTY ? 1 : h;
    }

    private static long mix(long h) {
        h *= 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
