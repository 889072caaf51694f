package de.stadtwerk.hub.publish.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.support.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsoleSourceTest {

    @Test
    void entriesNameRoutesAndAnInterval() {
        List<ConsoleSource> sources = ConsoleSource.parse("k",
                " meters-mqtt=field-meters-mqtt@PT5M , opendata=opendata-smard-run+opendata-mosmix-run@PT2H,,");
        assertThat(sources).containsExactly(
                new ConsoleSource("meters-mqtt", List.of("field-meters-mqtt"), Duration.ofMinutes(5)),
                new ConsoleSource("opendata", List.of("opendata-smard-run", "opendata-mosmix-run"), Duration.ofHours(2)));
        assertThat(ConsoleSource.parse("k", "")).isEmpty();
        assertThat(ConsoleSource.parse("k", null)).isEmpty();
    }

    @Test
    void mistakesAreReportedWithKeyEntryAndReason() {
        assertThatThrownBy(() -> ConsoleSource.parse("hub.console.sources", "meters@PT5M"))
                .hasMessageContaining("hub.console.sources").hasMessageContaining("'meters@PT5M'")
                .hasMessageContaining("name=route-id");
        assertThatThrownBy(() -> ConsoleSource.parse("k", "a=r@5min"))
                .hasMessageContaining("'5min' is not an ISO-8601 duration");
        assertThatThrownBy(() -> ConsoleSource.parse("k", "a=r@PT0S")).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> ConsoleSource.parse("k", "a=r@PT1M,a=s@PT1M")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ConsoleSource.parse("k", "a b=r@PT1M")).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> ConsoleSource.parse("k", "a=r++s@PT1M")).hasMessageContaining("empty route id");
        assertThatThrownBy(() -> ConsoleSource.parse("k", "a=r@")).hasMessageContaining("must look like");
    }

    @Test
    void theShippedConfigurationNamesRoutesOfTheShippedRouteFiles() throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("config/application.properties"))) {
            p.load(in);
        }
        ConsoleSettings settings = new ConsoleSettings(new HubSettings(k -> Optional.ofNullable(p.getProperty(k))));
        assertThat(settings.sources).extracting(ConsoleSource::name)
                .contains("meters-mqtt", "scada-opcua", "mscons-drop", "csv-drop", "db-poll", "dwd-mosmix", "smard",
                        "open-meteo", "mastr", "ckan");
        StringBuilder routes = new StringBuilder();
        try (var files = Files.walk(Path.of("routes"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".camel.yaml")).toList()) {
                routes.append(Files.readString(f));
            }
        }
        for (ConsoleSource s : settings.sources) {
            for (String id : s.routeIds()) {
                assertThat(routes.toString()).as(s.name() + " names route " + id).contains("id: " + id + "\n");
            }
        }
        assertThat(settings.listLimit).isEqualTo(200);
        assertThat(settings.replayAllLimit).isEqualTo(1000);
    }
}
