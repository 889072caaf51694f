package de.stadtwerk.hub.publish.energiewetter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.stadtwerk.hub.forecast.AreaLoad;
import de.stadtwerk.hub.forecast.EnergiewetterFixtures;
import de.stadtwerk.hub.forecast.EnergiewetterIssue;
import de.stadtwerk.hub.forecast.EnergiewetterService;
import de.stadtwerk.hub.forecast.EnergiewetterSettings;
import de.stadtwerk.hub.forecast.EnergiewetterSignal;
import de.stadtwerk.hub.forecast.FeedInCalibrator;
import de.stadtwerk.hub.forecast.HourlyMeasurements;
import de.stadtwerk.hub.forecast.SignalHour;
import de.stadtwerk.hub.forecast.SignalLevel;
import de.stadtwerk.hub.forecast.StandardLoadModel;
import de.stadtwerk.hub.forecast.WeatherRun;
import de.stadtwerk.hub.ingest.ObservationJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** JSON, clock face, page and MQTT message of an issue. */
class EnergiewetterRenderingTest {

    static final ZoneId BERLIN = StandardLoadModel.BERLIN;
    static final Pattern SEGMENT = Pattern.compile("<path class=\"segment ([a-z-]+)[^\"]*\" data-hour=\"(\\d+)\"");

    static EnergiewetterIssue issue(String now, WeatherRun run) {
        Clock clock = EnergiewetterFixtures.clockAt(now);
        EnergiewetterSettings settings = EnergiewetterSettings.from(new Properties());
        EnergiewetterService service = new EnergiewetterService(settings,
                new EnergiewetterService.Options("netzgebiet", "Netzgebiet", 72, 100, Map.of(), List.of(), List.of(), BERLIN),
                EnergiewetterFixtures.source(run, List.of()), EnergiewetterFixtures::plants,
                new AreaLoad(StandardLoadModel.forState("nw"), settings.annualKWh(), null, HourlyMeasurements.none(), 28, BERLIN),
                null, f -> { }, clock);
        return service.issue();
    }

    static EnergiewetterIssue sunny(String now) {
        Instant t = Instant.parse(now).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return issue(now, EnergiewetterFixtures.sunnyRun(t, t.plus(Duration.ofHours(72)), 7));
    }

    @Test
    void theApiJsonHasTheHoursTheIssueTheInputsAndTheAttribution() throws Exception {
        EnergiewetterIssue issue = sunny("2026-06-15T09:20:00Z");
        JsonNode json = ObservationJson.MAPPER.readTree(EnergiewetterJson.render(issue, "netzgebiet", 24, BERLIN));
        assertThat(json.path("area").path("id").asText()).isEqualTo("netzgebiet");
        assertThat(json.path("issuedAt").asText()).isEqualTo("2026-06-15T09:20:00Z");
        assertThat(json.path("hours")).hasSize(24);
        JsonNode first = json.path("hours").get(0);
        assertThat(first.path("start").asText()).isEqualTo("2026-06-15T09:00:00Z");
        assertThat(first.path("localStart").asText()).isEqualTo("2026-06-15T11:00+02:00");
        assertThat(first.path("level").asText()).isIn("green", "yellow", "red");
        assertThat(first.path("loadW").asLong()).isPositive();
        assertThat(json.path("inputs").path("weather").path("model").asText()).isEqualTo("DWD MOSMIX_L");
        assertThat(json.path("inputs").path("weather").path("replayed").asBoolean()).isFalse();
        assertThat(json.path("inputs").path("plants").path("wind").get(0).path("id").asText()).isEqualTo("wind-nord");
        assertThat(json.path("inputs").path("load").path("method").asText()).isEqualTo(AreaLoad.METHOD_SLP);
        assertThat(json.path("attribution").findValuesAsText("text"))
                .contains("Datenbasis: Deutscher Wetterdienst", "Marktstammdatenregister der Bundesnetzagentur (www.marktstammdatenregister.de)");
        assertThat(json.path("areas").toString()).contains("netzgebiet", "elberfeld", "42111");
        // an area without MaStR plants does not name the MaStR
        JsonNode nord = ObservationJson.MAPPER.readTree(EnergiewetterJson.render(issue, "nord", 72, BERLIN));
        assertThat(nord.path("attribution").findValuesAsText("provider")).containsExactly("Deutscher Wetterdienst");
        assertThat(nord.path("hours")).hasSize(72);
    }

    @Test
    void theClockFaceHas24SegmentsColouredByLevelWithTheCurrentHourMarked() {
        EnergiewetterIssue issue = sunny("2026-06-15T09:20:00Z");
        String svg = ClockFace.svg(issue.signals().get("netzgebiet"), Instant.parse("2026-06-15T09:20:00Z"), BERLIN, true);
        Matcher m = SEGMENT.matcher(svg);
        List<String> classes = new ArrayList<>();
        while (m.find()) {
            classes.add(m.group(1));
        }
        assertThat(classes).hasSize(24).allMatch(c -> c.matches("level-(green|yellow|red)"));
        assertThat(svg).contains("data-hour=\"11\" data-level=").containsOnlyOnce(" current");
        assertThat(svg).matches("(?s).*class=\"segment [a-z-]+ current[^\"]*\" data-hour=\"11\".*");
        assertThat(svg).startsWith("<?xml").contains("xmlns=\"http://www.w3.org/2000/svg\"");
    }

    @Test
    void withoutSignalTheClockFaceIsGrey() {
        String svg = ClockFace.svg(null, Instant.parse("2026-06-15T09:20:00Z"), BERLIN, false);
        assertThat(SEGMENT.matcher(svg).results().map(r -> r.group(1))).hasSize(24).allMatch("level-none"::equals);
    }

    @Test
    void onTheNightClocksGoForwardOneSegmentHasNoHour() {
        // 2026-03-29: 02:00 local does not exist; the next 24 hours from 2026-03-28T23:00Z (00:00 local) have 23 local hours + 1 of the next day
        Instant now = Instant.parse("2026-03-28T23:00:00Z");
        EnergiewetterIssue issue = issue("2026-03-28T23:00:00Z", EnergiewetterFixtures.sunnyRun(now, now.plus(Duration.ofHours(72)), 7));
        Map<Integer, SignalHour> hours = ClockFace.nextDay(issue.signals().get("netzgebiet"), now, BERLIN);
        assertThat(hours).hasSize(23).doesNotContainKey(2);
        // on the night they go back, 02:00 local occurs twice; the first counts
        Instant back = Instant.parse("2026-10-24T22:00:00Z");
        EnergiewetterIssue autumn = issue("2026-10-24T22:00:00Z", EnergiewetterFixtures.sunnyRun(back, back.plus(Duration.ofHours(72)), 7));
        Map<Integer, SignalHour> autumnHours = ClockFace.nextDay(autumn.signals().get("netzgebiet"), back, BERLIN);
        assertThat(autumnHours).hasSize(24);
        assertThat(autumnHours.get(2).start()).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
    }

    @Test
    void theMqttMessageIsOneCompactLineWithALevelPerHour() {
        EnergiewetterIssue issue = sunny("2026-06-15T09:20:00Z");
        EnergiewetterSignal signal = issue.signals().get("netzgebiet");
        String msg = ClockMessage.of(signal, issue.issuedAt(), issue.from(), 72, BERLIN);
        String[] parts = msg.split(";");
        assertThat(parts).hasSize(5);
        assertThat(parts[0]).isEqualTo("EW1");
        assertThat(Long.parseLong(parts[1])).isEqualTo(Instant.parse("2026-06-15T09:20:00Z").getEpochSecond());
        assertThat(Long.parseLong(parts[2])).isEqualTo(Instant.parse("2026-06-15T09:00:00Z").getEpochSecond());
        assertThat(parts[3]).isEqualTo("120");
        assertThat(parts[4]).hasSize(72).matches("[GYRgyr]{72}");
        for (int i = 0; i < 72; i++) {
            SignalHour h = signal.hours().get(i);
            char c = h.level().name().charAt(0);
            assertThat(parts[4].charAt(i)).isEqualTo(h.bestWindow() ? Character.toLowerCase(c) : c);
        }
        assertThat(parts[4].chars().filter(Character::isLowerCase).count()).as("best windows of 3 h").isGreaterThanOrEqualTo(6);
        // hours without forecast are '-'
        String gap = ClockMessage.of(null, issue.issuedAt(), issue.from(), 24, BERLIN);
        assertThat(gap).endsWith(";" + "-".repeat(24));
    }

    @Test
    void thePageIsGermanWithTheClockTheThreeDaysAndTheBestHours() {
        EnergiewetterIssue issue = sunny("2026-06-15T09:20:00Z");
        String html = EnergiewetterPage.render(issue, "netzgebiet", Instant.parse("2026-06-15T09:20:00Z"), BERLIN);
        assertThat(html).contains("<html lang=\"de\">", "name=\"viewport\"", "Heute", "Morgen", "Übermorgen",
                "Beste Stunden:", "Datenbasis: Deutscher Wetterdienst", "Stand: 15.6.2026, 11:20 Uhr");
        assertThat(SEGMENT.matcher(html).results().count()).isEqualTo(24);
        assertThat(html).doesNotContain("Noch keine Wettervorhersage").doesNotContain("id=\"replayed\"");
    }

    @Test
    void withoutWeatherThePageSaysSo() {
        EnergiewetterIssue issue = issue("2026-06-15T09:20:00Z", WeatherRun.none("dwd-10315"));
        String html = EnergiewetterPage.render(issue, "netzgebiet", Instant.parse("2026-06-15T09:20:00Z"), BERLIN);
        assertThat(html).contains("Noch keine Wettervorhersage");
        assertThat(html).doesNotContain("Beste Stunden:");
    }

    @Test
    void namesAreEscapedInThePage() {
        assertThat(Levels.escape("<script>\"&'")).isEqualTo("&lt;script&gt;&quot;&amp;&#39;");
    }

    @Test
    void queryParametersAreValidated() {
        assertThat(EnergiewetterPublication.hours(null)).isEqualTo(72);
        assertThat(EnergiewetterPublication.hours("24")).isEqualTo(24);
        assertThat(EnergiewetterPublication.hours("0")).isNull();
        assertThat(EnergiewetterPublication.hours("73")).isNull();
        assertThat(EnergiewetterPublication.hours("abc")).isNull();
        assertThat(EnergiewetterPublication.hours("1e2")).isNull();
        assertThat(EnergiewetterPublication.query("hours=12&area=Elberfeld&hours=3&x"))
                .containsEntry("hours", "12").containsEntry("area", "Elberfeld").containsEntry("x", "");
        assertThat(EnergiewetterPublication.query("area=%E2%82%AC%zz")).containsEntry("area", "%E2%82%AC%zz");
        EnergiewetterIssue issue = sunny("2026-06-15T09:20:00Z");
        assertThat(EnergiewetterPublication.area(issue, null)).isEqualTo("netzgebiet");
        assertThat(EnergiewetterPublication.area(issue, "Elberfeld")).isEqualTo("elberfeld");
        assertThat(EnergiewetterPublication.area(issue, "atlantis")).isNull();
        assertThat(EnergiewetterPublication.area(issue, "'; DROP TABLE x")).isNull();
    }

    @Test
    void settingsSharesAreParsedWithTheirKeyInErrors() {
        assertThat(EnergiewetterConfig.shares("elberfeld:0.35, 42103:0.1")).containsEntry("elberfeld", 0.35)
                .containsEntry("42103", 0.1);
        assertThat(EnergiewetterConfig.shares("")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnergiewetterConfig.shares("elberfeld:1.5"))
                .hasMessageContaining(EnergiewetterConfig.AREA_SHARES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnergiewetterConfig.shares("elberfeld"))
                .hasMessageContaining("AREA:SHARE");
    }

    static SignalLevel unused() {
        return SignalLevel.GREEN;
    }

    static FeedInCalibrator.Correction none() {
        return FeedInCalibrator.Correction.none();
    }
}
