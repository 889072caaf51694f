package de.stadtwerk.hub.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.store.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S4 across two processes: two hubs from the jar on one PostgreSQL schema, one partner key with a quota of
 * {@value #QUOTA} requests per minute, {@value #REQUESTS} requests alternating between the two business ports within
 * one window. With {@code hub.api.rate-limit.store=database} exactly the quota passes in total (the rest 429 with
 * Retry-After); with {@code memory} each instance counts alone and the key gets the quota from each — the reason for
 * the setting in a cluster (docs/cluster.md).
 */
class RateLimitTwoInstancesIT {

    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final int QUOTA = 20;
    private static final int REQUESTS = 3 * QUOTA;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private String schemaUrl;
    private String key;

    @AfterEach
    void dropSchema() {
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    /** Answers per instance: [200s, 429s], and the Retry-After values of the 429s. */
    private record Outcome(int[] a, int[] b, List<Long> retryAfter, int other, double seconds) {
        int passed() {
            return a[0] + b[0];
        }

        int refused() {
            return a[1] + b[1];
        }
    }

    @Test
    void withTheDatabaseStoreBothInstancesTogetherPassTheQuotaOnce() throws Exception {
        Outcome o = run("database");
        System.out.printf(Locale.ROOT, "[rate-limit] store=database: %d requests alternating over 2 instances in %.2f s:"
                + " 200 hub-a %d + hub-b %d = %d (quota %d), 429 %d, Retry-After %s..%s s%n", REQUESTS, o.seconds(),
                o.a()[0], o.b()[0], o.passed(), QUOTA, o.refused(), o.retryAfter().stream().min(Long::compare).orElse(-1L),
                o.retryAfter().stream().max(Long::compare).orElse(-1L));
        assertThat(o.other()).as("answers other than 200/429").isZero();
        assertThat(o.passed()).as("200s of both instances together").isEqualTo(QUOTA);
        assertThat(o.a()[0]).as("the first %d requests pass, alternating", QUOTA).isEqualTo(QUOTA / 2);
        assertThat(o.refused()).isEqualTo(REQUESTS - QUOTA);
        assertThat(o.retryAfter()).hasSize(REQUESTS - QUOTA).allSatisfy(s -> assertThat(s).isBetween(1L, 60L));
        assertThat(count("SELECT SUM(hits) FROM api_rate_limit WHERE rate_key NOT LIKE 'auth-failed%'"))
                .as("one shared count in the database").isEqualTo(REQUESTS);
    }

    @Test
    void withTheMemoryStoreEachInstanceCountsAlone() throws Exception {
        Outcome o = run("memory");
        System.out.printf(Locale.ROOT, "[rate-limit] store=memory: %d requests alternating over 2 instances in %.2f s:"
                + " 200 hub-a %d + hub-b %d = %d (quota %d), 429 %d%n", REQUESTS, o.seconds(), o.a()[0], o.b()[0],
                o.passed(), QUOTA, o.refused());
        assertThat(o.other()).isZero();
        // each instance lets the key have the whole quota (a bucket refills QUOTA per minute: at most one more token
        // during the few seconds of the test)
        assertThat(o.a()[0]).isBetween(QUOTA, QUOTA + 1);
        assertThat(o.b()[0]).isBetween(QUOTA, QUOTA + 1);
        assertThat(o.passed()).as("twice the quota behind two instances").isGreaterThanOrEqualTo(2 * QUOTA);
        assertThat(o.retryAfter()).allSatisfy(s -> assertThat(s).isBetween(1L, 60L));
        assertThat(count("SELECT COUNT(*) FROM api_rate_limit")).as("nothing counted in the database").isZero();
    }

    private Outcome run(String store) throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        key = "swh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        Path partners = dir.resolve("partners.yaml");
        Files.writeString(partners, """
                partners:
                  - id: ratetest
                    name: Rate-limit test
                    rateLimitPerMinute: %d
                    keys:
                      - sha256: %s
                        label: it
                """.formatted(QUOTA, sha));
        try (HubProcess a = hub("hub-a", store, partners); HubProcess b = hub("hub-b", store, partners)) {
            await().atMost(BOOT).until(() -> a.body("/observe/health/ready").startsWith("{\"status\":\"UP\"")
                    && b.body("/observe/health/ready").startsWith("{\"status\":\"UP\""));
            // all requests in one fixed window of one minute: start early in a minute (not a wait for a result)
            await().atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofMillis(200))
                    .until(() -> System.currentTimeMillis() % 60_000 < 20_000);
            long minute = System.currentTimeMillis() / 60_000;
            int[] ca = new int[2];
            int[] cb = new int[2];
            List<Long> retryAfter = new ArrayList<>();
            int other = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                HubProcess hub = i % 2 == 0 ? a : b;
                int[] counts = i % 2 == 0 ? ca : cb;
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port
                        + "/api/v1/datasets")).header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    counts[0]++;
                } else if (r.statusCode() == 429) {
                    counts[1]++;
                    retryAfter.add(Long.parseLong(r.headers().firstValue("Retry-After").orElse("-1")));
                } else {
                    other++;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(System.currentTimeMillis() / 60_000).as("all requests in one window").isEqualTo(minute);
            return new Outcome(ca, cb, retryAfter, other, seconds);
        }
    }

    private HubProcess hub(String name, String store, Path partners) {
        Map<String, String> props = new HashMap<>();
        props.put("hub.db.url", schemaUrl);
        props.put("hub.db.user", TestDatabases.PG_USER);
        props.put("hub.data.dir", dir.resolve(name + "-data").toString());
        props.put("hub.api.partners-file", partners.toString());
        props.put("hub.api.rate-limit.store", store);
        props.put("hub.api.rate-limit.window", "PT1M");
        props.put("hub.opendata.run-at-start", "false");
        props.put("hub.demo.enabled", "false");
        props.put("hub.mqtt.client-id", "rate-it-" + name + "-" + Long.toHexString(System.nanoTime()));
        props.put("hub.energiewetter.mqtt.enabled", "false");
        return new HubProcess(dir.resolve(name)).start(props, Map.of());
    }

    private long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(schemaUrl, TestDatabases.PG_USER, "");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
