package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S2 "expired key": database API keys with an expiry (migration V10), on H2 and PostgreSQL (skipped without it). The
 * hub's clock is a test clock, so "the expiry passes while the key is cached" is a step of the clock, not a sleep:
 * the cache ({@code hub.api.key-cache-ttl}, 10 minutes here) is still fresh when the key is refused.
 */
class ApiKeysExpiryTest {

    private static final Duration CACHE_TTL = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void expiryOnH2() {
        try (TestDatabases.Opened db = TestDatabases.openH2(dir)) {
            expiry(db.db());
        }
    }

    @Test
    void expiryOnPostgresql() {
        try (TestDatabases.Opened db = TestDatabases.openPostgres()) {
            expiry(db.db());
        }
    }

    private static void expiry(StoreDatabase db) {
        ApiUnitsTest.MutableClock clock = new ApiUnitsTest.MutableClock();
        clock.millis.set(Instant.parse("2026-11-28T08:00:00Z").toEpochMilli());
        Instant now = clock.instant();
        ApiKeys keys = new ApiKeys(db.dataSource(), clock, CACHE_TTL);

        ApiKeys.NewKey past = keys.create("stadtapp", "expired yesterday", false, now.minus(Duration.ofDays(1)));
        ApiKeys.NewKey never = keys.create("stadtapp", "no expiry", false, null);
        ApiKeys.NewKey soon = keys.create("stadtapp", "expires in 30 s", false, now.plusSeconds(30));

        assertThat(keys.active(ApiKeys.hash(past.secret()))).as("expired before the first request").isEmpty();
        assertThat(keys.active(ApiKeys.hash(never.secret()))).isPresent();
        assertThat(keys.active(ApiKeys.hash(soon.secret()))).as("valid now").get()
                .extracting(ApiKeys.KeyInfo::expiresAt).isEqualTo(now.plusSeconds(30));

        // the keys are now in the cache (fresh for 10 minutes); the clock passes the expiry by 1 ms, then to it exactly
        clock.millis.addAndGet(29_999);
        assertThat(keys.active(ApiKeys.hash(soon.secret()))).as("1 ms before its expiry").isPresent();
        clock.millis.addAndGet(1);
        assertThat(keys.active(ApiKeys.hash(soon.secret()))).as("at its expiry, with the cache still fresh").isEmpty();
        assertThat(keys.active(ApiKeys.hash(never.secret()))).isPresent();

        // the list shows the expiry of every key, expired ones included
        assertThat(keys.list()).extracting(ApiKeys.KeyInfo::label, ApiKeys.KeyInfo::expiresAt).containsExactlyInAnyOrder(
                tuple("expired yesterday", now.minus(Duration.ofDays(1))),
                tuple("no expiry", null),
                tuple("expires in 30 s", now.plusSeconds(30)));

        // an expired admin key does not count as the admin key: the next start creates a new one
        assertThat(keys.hasActiveAdminKey()).isFalse();
        keys.create(ApiKeys.ADMIN_PARTNER, "admin for a minute", true, clock.instant().plusSeconds(60));
        assertThat(keys.hasActiveAdminKey()).isTrue();
        clock.millis.addAndGet(60_000);
        assertThat(keys.hasActiveAdminKey()).isFalse();
    }
}
