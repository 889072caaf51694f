package de.stadtwerk.hub.opendata;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Asset;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.parse.ckan.CkanDataset;
import de.stadtwerk.hub.parse.ckan.CkanResource;
import de.stadtwerk.hub.store.AssetStore;
import de.stadtwerk.hub.store.DatasetCatalogue;
import de.stadtwerk.hub.store.SeriesMetaStore;
import de.stadtwerk.hub.store.StoreDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The V2 open-data tables and their stores, the same on H2 and PostgreSQL. */
abstract class OpenDataStoresContract {

    abstract StoreDatabase db();

    private final Clock clock = Clock.systemUTC();

    @Test
    void assetsAreUpsertedWithRegisterFactsAndAttribution() {
        AssetStore store = new AssetStore(db().dataSource(), db().dialect(), clock);
        Asset a = new Asset("mastr-SEE1", "WEA 1", "wind_turbine", 51.9, 7.6, null, "48157", 3.0e6, Map.of("mastr", "SEE1"));
        store.upsert(List.of(new AssetStore.Entry(a, LocalDate.of(2019, 5, 2), 120.0, "35", "mastr",
                Attribution.MASTR.line(), Attribution.MASTR.licenceId())));
        Asset changed = new Asset("mastr-SEE1", "WEA 1", "wind_turbine", 51.9, 7.6, null, "48157", 3.2e6, Map.of("mastr", "SEE1"));
        store.upsert(List.of(new AssetStore.Entry(changed, LocalDate.of(2019, 5, 2), 120.0, "35", "mastr",
                Attribution.MASTR.line(), Attribution.MASTR.licenceId())));
        assertThat(store.list("wind_turbine")).singleElement().satisfies(e -> {
            assertThat(e.asset()).isEqualTo(changed);
            assertThat(e.commissioningDate()).isEqualTo(LocalDate.of(2019, 5, 2));
            assertThat(e.hubHeightM()).isEqualTo(120.0);
            assertThat(e.licenceId()).isEqualTo("DL-DE-BY-2.0");
        });
    }

    @Test
    void seriesAttributionIsKeptAndReadBack() {
        SeriesMetaStore meta = new SeriesMetaStore(db().dataSource(), db().dialect(), clock);
        meta.record(List.of("dwd-X.temperature", "dwd-X.wind_speed"), Attribution.DWD, "dwd-mosmix");
        meta.record(List.of("dwd-X.temperature"), Attribution.DWD, "dwd-mosmix");
        assertThat(meta.attributionOf("dwd-X.temperature")).contains(Attribution.DWD);
        assertThat(meta.attributionOf("nope")).isEmpty();
    }

    @Test
    void datasetsAreCataloguedPerPortal() {
        DatasetCatalogue catalogue = new DatasetCatalogue(db().dataSource(), db().dialect(), clock);
        CkanDataset d = new CkanDataset("id-1", "ladesaeulen", "Ladesäulen", "Stadt Münster", "dl-by-de/2.0",
                "Datenlizenz Deutschland", Instant.parse("2024-01-02T03:04:05Z"),
                List.of(new CkanResource("r1", "CSV", "CSV", "https://example.org/l.csv")));
        catalogue.upsert("https://portal.example", "energie", List.of(d));
        catalogue.upsert("https://portal.example", "energie", List.of(d));
        assertThat(catalogue.list()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Ladesäulen");
            assertThat(e.modified()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
            assertThat(e.resourcesJson()).contains("https://example.org/l.csv");
        });
    }

    @Test
    void theFetchCacheKeepsValidatorsAndSmallBodies() {
        FetchCache cache = new FetchCache(db().dataSource(), db().dialect(), clock);
        OpenDataRequest r = new OpenDataRequest("smard", "r", "https://example.org/index_hour.json", "x", null, 100,
                false, true, Duration.ofSeconds(1));
        byte[] body = "{\"timestamps\":[]}".getBytes();
        OpenDataAnswer a = new OpenDataAnswer(r, OpenDataAnswer.Status.FRESH, 200, body, null, "application/json",
                "\"e1\"", "Mon, 27 Jun 2022 06:00:00 GMT", FetchCache.sha256(body), clock.instant(), null);
        cache.remember(a, OpenDataGateway.IMPORTED);
        cache.remember(a, OpenDataGateway.IMPORTED);
        assertThat(cache.get(r.url())).hasValueSatisfying(e -> {
            assertThat(e.etag()).isEqualTo("\"e1\"");
            assertThat(e.lastModified()).isEqualTo("Mon, 27 Jun 2022 06:00:00 GMT");
            assertThat(e.body()).isEqualTo(body);
            assertThat(e.sha256()).isEqualTo(a.sha256());
        });
        assertThat(cache.get("https://example.org/other")).isEmpty();
    }
}
