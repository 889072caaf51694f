package de.stadtwerk.hub.field.mqtt.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The mapping step of the MQTT ingest for the default payload shape, per message, in one run (alternating rounds,
 * best round of each): the JSON paths read from a Jackson tree (how the hub read them until the sixth session), read
 * in one streaming pass ({@link JsonFields}, how it reads them now), and the whole mapping of the shipped meter-reading
 * shape (JSON paths, time, OBIS code, observation). Usage: {@code bench/mqtt-map.sh [rounds=5] [messages per round=1000000]}.
 */
public final class MqttMappingBench {

    static final List<JsonPointer> PATHS = List.of("/meter", "/ts", "/obis", "/value", "/unit").stream()
            .map(JsonPointer::compile).toList();

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        byte[][] payloads = new byte[1000][];
        String[] topics = new String[payloads.length];
        for (int m = 0; m < payloads.length; m++) {
            String meter = String.format(Locale.ROOT, "m-%05d", m);
            topics[m] = "stadtwerk/meters/" + meter + "/reading";
            payloads[m] = String.format(Locale.ROOT, "{\"meter\":\"%s\",\"ts\":\"2026-11-26T09:15:%02d.%06dZ\","
                    + "\"obis\":\"1-0:1.8.0\",\"value\":%d.%03d,\"unit\":\"Wh\"}", meter, m % 60, m * 997 % 1_000_000,
                    1_000_000 + m * 13, m % 1000).getBytes(StandardCharsets.US_ASCII);
        }
        MqttMappings shapes = MqttMappings.load(Path.of("config/mqtt-mappings.yaml"));
        ObjectReader tree = MqttPayload.JSON.readerFor(JsonNode.class);
        JsonFields fields = JsonFields.of(PATHS);
        Instant received = Instant.parse("2026-11-26T09:15:02Z");
        System.out.printf(Locale.ROOT, "payload %d bytes, 1,000 meters; %d rounds of %,d messages per variant%n",
                payloads[0].length, rounds, perRound);
        double bestTree = Double.MAX_VALUE;
        double bestStream = Double.MAX_VALUE;
        double bestMap = Double.MAX_VALUE;
        long sink = 0;
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                sink += viaTree(tree, payloads[i % payloads.length]);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                sink += viaStream(fields, payloads[i % payloads.length]);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                int m = i % payloads.length;
                sink += shapes.map(new MqttPayload(topics[m], payloads[m], received)).observations().size();
            }
            long t3 = System.nanoTime();
            double tr = (t1 - t0) / (double) perRound;
            double st = (t2 - t1) / (double) perRound;
            double mp = (t3 - t2) / (double) perRound;
            bestTree = Math.min(bestTree, tr);
            bestStream = Math.min(bestStream, st);
            bestMap = Math.min(bestMap, mp);
            System.out.printf(Locale.ROOT, "round %d: tree %.0f ns, streaming %.0f ns, whole mapping %.0f ns per message%n",
                    r, tr, st, mp);
        }
        System.out.printf(Locale.ROOT, "best: JSON paths from a tree %.0f ns, in one streaming pass %.0f ns (%.1f× faster);"
                + " the whole mapping now %.0f ns per message (check %d)%n", bestTree, bestStream, bestTree / bestStream,
                bestMap, sink % 10);
    }

    /** The five paths from a tree, as the hub read them before (readTree, then at() per path). */
    static long viaTree(ObjectReader reader, byte[] payload) {
        try {
            JsonNode json = reader.readTree(payload);
            long n = 0;
            for (JsonPointer p : PATHS) {
                JsonNode v = json.at(p);
                n += v.isNumber() ? (long) v.doubleValue() : v.asText().length();
            }
            return n;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static long viaStream(JsonFields fields, byte[] payload) {
        JsonFields.Values values = fields.read(payload);
        long n = 0;
        for (JsonPointer p : PATHS) {
            JsonFields.Value v = values.get(p);
            n += v.type() == com.fasterxml.jackson.databind.node.JsonNodeType.NUMBER ? (long) v.number() : v.text().length();
        }
        return n;
    }
}
