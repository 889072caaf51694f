package de.stadtwerk.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.publish.api.ApiKeys;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partner API's queries and key table (V4) on both databases: H2 and the machine's PostgreSQL. */
class CatalogueQueriesIT {

    @TempDir
    Path dir;

    @Test
    void onH2() {
        try (StoreDatabase db = TestDatabases.h2(dir)) {
            check(db);
        }
    }

    @Test
    void onPostgres() {
        String url = TestDatabases.newPostgresSchema();
        try (StoreDatabase db = TestDatabases.postgres(url)) {
            check(db);
        } finally {
            TestDatabases.dropPostgresSchema(url);
        }
    }

    private static void check(StoreDatabase db) {
        Clock clock = Clock.systemUTC();
        ObservationStore store = new ObservationStore(db.dataSource(), db.dialect(), new QuarantineStore(db.dataSource(), clock),
                clock, 500);
        Instant t0 = Instant.parse("2026-11-19T23:00:00Z");
        List<Observation> values = new ArrayList<>();
        for (String asset : List.of("a-1", "a-2", "b-1")) {
            for (int i = 0; i < 10; i++) {
                Instant t = t0.plusSeconds(900L * i);
                values.add(new Observation(SeriesIds.of(asset, "active_power", null), asset, "active_power", i, "W", t, t,
                        null, "it", t));
            }
        }
        values.add(new Observation("a-1.temperature", "a-1", "temperature", 5, "Cel", t0, t0, null, "it", t0));
        store.write(values, List.of());

        CatalogueQueries q = new CatalogueQueries(db.dataSource());
        assertThat(q.series(null, null, null, 10)).extracting(SeriesInfo::id)
                .containsExactly("a-1.active_power", "a-1.temperature", "a-2.active_power", "b-1.active_power");
        assertThat(q.series("a-1.temperature", null, null, 2)).extracting(SeriesInfo::id)
                .containsExactly("a-2.active_power", "b-1.active_power");
        assertThat(q.series(null, "a-1", "temperature", 10)).extracting(SeriesInfo::unit).containsExactly("Cel");
        assertThat(q.series(null, "x' OR '1'='1", null, 10)).isEmpty();
        assertThat(q.series("a-2.active_power")).get().extracting(SeriesInfo::assetId).isEqualTo("a-2");
        assertThat(q.series("nope")).isEmpty();
        List<StoredValue> v = q.values("b-1.active_power", t0.plusSeconds(900), t0.plusSeconds(900 * 5), 100);
        assertThat(v).extracting(StoredValue::value).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(v.get(0).start()).isEqualTo(t0.plusSeconds(900));
        assertThat(q.values("b-1.active_power", t0, t0.plusSeconds(9000), 3)).hasSize(3);

        ApiKeys keys = new ApiKeys(db.dataSource(), clock, Duration.ofSeconds(10));
        assertThat(keys.hasActiveAdminKey()).isFalse();
        ApiKeys.NewKey admin = keys.create(ApiKeys.ADMIN_PARTNER, "first", true);
        ApiKeys.NewKey partner = keys.create("stadtapp", "app", false);
        assertThat(keys.hasActiveAdminKey()).isTrue();
        assertThat(keys.active(ApiKeys.hash(partner.secret()))).get().extracting(ApiKeys.KeyInfo::partner).isEqualTo("stadtapp");
        assertThat(keys.revoke(partner.info().id())).isTrue();
        assertThat(keys.revoke(partner.info().id())).isFalse();
        assertThat(keys.active(ApiKeys.hash(partner.secret()))).isEmpty();
        assertThat(keys.active(ApiKeys.hash(admin.secret()))).isPresent();
        assertThat(keys.list()).hasSize(2).anySatisfy(k -> assertThat(k.revokedAt()).isNotNull());
    }
}
