package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database rate limit: two limiters on one database (two hub instances) share one quota per key and window,
 * exactly, also when they count at the same time; on PostgreSQL (skipped without it) and H2.
 */
class DatabaseRateLimiterTest {

    @TempDir
    Path dir;

    private String schemaUrl;
    private StoreDatabase db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (schemaUrl != null) {
            TestDatabases.dropPostgresSchema(schemaUrl);
        }
    }

    @Test
    void twoInstancesOnPostgresqlShareTheQuota() throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        db = TestDatabases.postgres(schemaUrl);
        sharedQuota(db);
    }

    @Test
    void twoInstancesOnH2ShareTheQuota() throws Exception {
        db = TestDatabases.h2(dir);
        sharedQuota(db);
    }

    @Test
    void concurrentRequestsOnTwoInstancesPassExactlyTheLimit() throws Exception {
        schemaUrl = TestDatabases.newPostgresSchema();
        db = TestDatabases.postgres(schemaUrl);
        ApiUnitsTest.MutableClock clock = new ApiUnitsTest.MutableClock();
        clock.millis.set(Duration.ofDays(20_000).toMillis() + 1_000);
        RateLimiter a = new DatabaseRateLimiter(db.dataSource(), clock, Duration.ofMinutes(1));
        RateLimiter b = new DatabaseRateLimiter(db.dataSource(), clock, Duration.ofMinutes(1));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RateLimiter l = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> l.acquire("partner:stadtbus", 120, 10)));
            }
            int passed = 0;
            for (Future<Long> f : results) {
                if (f.get(60, TimeUnit.SECONDS) == 0) {
                    passed++;
                }
            }
            assertThat(passed).as("120 per minute across both instances").isEqualTo(120);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutTheDatabaseEachInstanceFallsBackToItsOwnBucket() {
        db = TestDatabases.h2(dir);
        ApiUnitsTest.MutableClock clock = new ApiUnitsTest.MutableClock();
        RateLimiter limiter = new DatabaseRateLimiter(db.dataSource(), clock, Duration.ofMinutes(1));
        db.close();
        db = null;
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("k", 60, 5)).as("the in-memory bucket's burst").isZero();
        }
        assertThat(limiter.acquire("k", 60, 5)).isEqualTo(1);
    }

    @Test
    void theStoreIsChosenByConfiguration() {
        assertThat(settings(java.util.Map.of()).rateInDatabase).as("memory by default").isFalse();
        ApiSettings db = settings(java.util.Map.of("hub.api.rate-limit.store", "database",
                "hub.api.rate-limit.window", "PT10S"));
        assertThat(db.rateInDatabase).isTrue();
        assertThat(db.rateWindow).isEqualTo(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("hub.api.rate-limit.store",
                "redis"))).hasMessageContaining("hub.api.rate-limit.store must be memory or database, was 'redis'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(java.util.Map.of("hub.api.rate-limit.window",
                "PT0.5S"))).hasMessageContaining("hub.api.rate-limit.window must be at least PT1S");
    }

    private static ApiSettings settings(java.util.Map<String, String> values) {
        return new ApiSettings(new de.stadtwerk.hub.support.HubSettings(k -> java.util.Optional.ofNullable(values.get(k))));
    }

    @Test
    void aLongKeyIsStoredByItsHash() {
        String key = "anonymous:" + "f".repeat(400);
        assertThat(DatabaseRateLimiter.storedKey(key)).startsWith("sha256:").hasSize(7 + 64);
        assertThat(DatabaseRateLimiter.storedKey("partner:a")).isEqualTo("partner:a");
    }

    private static void sharedQuota(StoreDatabase db) {
        ApiUnitsTest.MutableClock clock = new ApiUnitsTest.MutableClock();
        // the start of a one-minute window
        clock.millis.set(Duration.ofDays(20_000).toMillis());
        RateLimiter a = new DatabaseRateLimiter(db.dataSource(), clock, Duration.ofMinutes(1));
        RateLimiter b = new DatabaseRateLimiter(db.dataSource(), clock, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(a.acquire("partner:x", 6, 100)).isZero();
            assertThat(b.acquire("partner:x", 6, 100)).isZero();
        }
        clock.millis.addAndGet(15_000);
        assertThat(a.acquire("partner:x", 6, 100)).as("6 per minute used up by both; the window ends in 45 s")
                .isEqualTo(45);
        assertThat(b.acquire("partner:x", 6, 100)).isEqualTo(45);
        assertThat(b.acquire("partner:y", 6, 100)).as("counts are per key").isZero();
        clock.millis.addAndGet(45_000);
        assertThat(b.acquire("partner:x", 6, 100)).as("a new window").isZero();
        // windows older than the previous one are deleted
        clock.millis.addAndGet(180_000);
        assertThat(a.acquire("partner:z", 6, 100)).isZero();
        assertThat(rows(db)).isEqualTo(1);
    }

    private static long rows(StoreDatabase db) {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM api_rate_limit")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
