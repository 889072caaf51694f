package de.stadtwerk.hub.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.model.Forecast;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.parse.Attribution;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.store.AssetStore;
import de.stadtwerk.hub.store.DatasetCatalogue;
import de.stadtwerk.hub.store.ForecastStore;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.store.SeriesMetaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The open-data routes on the embedded defaults (replay mode, shipped recordings, no network): the run at start
 * fills the stores from every source, with attribution; a second run finds every answer unchanged.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {"camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:opendata-replay-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/opendata-replay-test",
            "hub.opendata.startup-delay=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenDataReplayRouteTest {

    private static final Instant MOSMIX_ISSUE = Instant.parse("2023-04-12T09:00:00Z");

    @BeanInject
    CamelContext context;
    @BeanInject
    ForecastStore forecasts;
    @BeanInject
    ObservationStore observations;
    @BeanInject
    AssetStore assets;
    @BeanInject
    SeriesMetaStore meta;
    @BeanInject
    DatasetCatalogue catalogue;
    @BeanInject
    QuarantineStore quarantine;

    private void awaitStartupRun() {
        await().atMost(Duration.ofSeconds(30)).until(() -> catalogue.list().size() == 3
                && assets.list("wind_turbine").size() == 2);
    }

    @Test
    void theRunAtStartImportsMosmixForecastsOfTheStationsWeatherAsset() {
        awaitStartupRun();
        List<Forecast> rad = forecasts.latest("dwd-P0036.global_irradiance", MOSMIX_ISSUE, MOSMIX_ISSUE.plus(Duration.ofDays(11)),
                ForecastStore.NEWEST);
        assertThat(rad).hasSize(247).allSatisfy(f -> {
            assertThat(f.issuedAt()).isEqualTo(MOSMIX_ISSUE);
            assertThat(f.model()).isEqualTo("DWD MOSMIX_L");
            assertThat(f.end()).isEqualTo(f.start().plus(Duration.ofHours(1)));
        });
        assertThat(assets.list("weather_station")).singleElement().satisfies(e -> {
            assertThat(e.asset().id()).isEqualTo("dwd-P0036");
            assertThat(e.asset().lat()).isNotNull();
            assertThat(e.attribution()).startsWith("Datenbasis: Deutscher Wetterdienst");
        });
        assertThat(meta.attributionOf("dwd-P0036.global_irradiance")).contains(Attribution.DWD);
    }

    @Test
    void theRunAtStartImportsSmardObservationsWithAttribution() {
        awaitStartupRun();
        // the two newest weekly files of the index (2022-06-13 and 2022-06-20, 168 hours each) per filter
        List<Observation> pv = observations.find("smard-de.energy.solar", Instant.parse("2022-06-12T22:00:00Z"),
                Instant.parse("2022-06-26T22:00:00Z"));
        assertThat(pv).hasSize(336);
        // 2022-06-20 12:00 local = 10:00 UTC: 19,258.5 MWh of PV in that hour (SMARD, from the 2022 CSV), in Wh
        assertThat(pv).filteredOn(o -> o.start().equals(Instant.parse("2022-06-20T10:00:00Z"))).singleElement()
                .satisfies(o -> assertThat(o.value()).isEqualTo(19_258.5e6));
        assertThat(observations.count("smard-de.energy.grid_load")).isEqualTo(336);
        assertThat(observations.count("smard-de.energy.wind_onshore")).isEqualTo(336);
        assertThat(meta.attributionOf("smard-de.energy.solar")).contains(Attribution.SMARD);
    }

    @Test
    void theRunAtStartImportsOpenMeteoMastrAndCkan() {
        awaitStartupRun();
        assertThat(forecasts.latest("om-muenster.wind_speed.100m", Instant.parse("2024-03-30T00:00:00Z"),
                Instant.parse("2024-04-01T00:00:00Z"), ForecastStore.NEWEST)).isNotEmpty();
        assertThat(meta.attributionOf("om-muenster.temperature")).contains(Attribution.OPEN_METEO);
        List<AssetStore.Entry> wind = assets.list("wind_turbine");
        assertThat(wind).allSatisfy(e -> {
            assertThat(e.asset().ratedPowerW()).isPositive();
            assertThat(e.hubHeightM()).isPositive();
            assertThat(e.asset().postcode()).isEqualTo("48157");
            assertThat(e.attribution()).contains("Marktstammdatenregister");
        });
        // the PV unit of postcode 49074 is not configured
        assertThat(assets.list("pv_plant")).extracting(e -> e.asset().postcode()).doesNotContain("49074").isNotEmpty();
        assertThat(catalogue.list()).allSatisfy(d -> {
            assertThat(d.title()).isNotBlank();
            assertThat(d.portal()).isEqualTo("https://ckan.govdata.de");
        });
    }

    @Test
    void aSecondRunFindsEveryAnswerUnchangedAndWritesNothingNew() {
        awaitStartupRun();
        long before = observations.count("smard-de.energy.solar");
        int quarantined = quarantine.list(null, 100).size();
        var producer = context.createProducerTemplate();
        for (String source : List.of("mosmix", "openmeteo", "smard", "mastr", "ckan")) {
            producer.sendBody("direct:opendata-" + source + "-run", null);
        }
        assertThat(observations.count("smard-de.energy.solar")).isEqualTo(before);
        assertThat(quarantine.list(null, 100)).hasSize(quarantined);
        OpenDataGateway gateway = context.getRegistry().lookupByNameAndType("openData", OpenDataGateway.class);
        assertThat(gateway.status()).containsKeys("dwd-mosmix", "smard", "open-meteo", "mastr", "ckan")
                .allSatisfy((k, v) -> {
                    assertThat(v.available()).isTrue();
                    assertThat(v.lastAnswer()).as(k).isEqualTo(OpenDataAnswer.Status.UNCHANGED);
                });
    }
}
