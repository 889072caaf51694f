package de.stadtwerk.hub.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FeedCatalogueTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static FeedCatalogue parse(String yaml) throws Exception {
        return FeedCatalogue.parse(YAML.readTree(yaml), "test.yaml");
    }

    @Test
    void theShippedExampleFeedsLoad() {
        FeedCatalogue c = FeedCatalogue.load(Path.of("config/feeds.yaml"));
        assertThat(c.errors()).isEmpty();
        assertThat(c.all()).extracting(FeedDefinition::id)
                .contains("verbrauch-elberfeld", "pv-einspeisung-woche", "energiewetter-presse");
        FeedDefinition f = c.get("verbrauch-elberfeld");
        assertThat(f.destination().kind()).isEqualTo(FeedDestination.Kind.FILE);
        assertThat(f.destination().folder(Path.of("/var/lib/hub"))).isEqualTo(Path.of("/var/lib/hub/feeds/controlling"));
        assertThat(f.query().aggregated()).isTrue();
        assertThat(c.get("pv-einspeisung-woche").enabled()).isFalse();
        assertThat(c.get("energiewetter-presse").query().source()).isEqualTo(FeedQuery.FORECASTS);
    }

    @Test
    void fileNamesAndSubjectsComeFromThePeriodInLocalTime() {
        FeedDefinition f = FeedCatalogue.load(Path.of("config/feeds.yaml")).get("pv-einspeisung-woche");
        FeedPeriod week = f.query().window().period(Instant.parse("2024-04-03T04:00:00Z"), ZoneId.of("Europe/Berlin"));
        assertThat(f.fileName(week, Instant.parse("2024-04-03T04:00:00Z")))
                .isEqualTo("pv-einspeisung-2024-03-25-bis-2024-03-31.xlsx");
        assertThat(f.subject(week, Instant.EPOCH)).isEqualTo("PV-Einspeisung 25.03. bis 31.03.2024");
        assertThat(f.destination().target()).isEqualTo("klimaschutz@stadt.example");
    }

    @Test
    void brokenEntriesAreReportedWithTheirPositionAndTheOthersLoad() throws Exception {
        FeedCatalogue c = parse("""
                feeds:
                  - id: good
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: csv-de
                    destination: "file:x"
                  - id: Bad_Id
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: csv-de
                    destination: "file:x"
                  - id: bad-format
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: pdf
                    destination: "file:x"
                  - id: bad-destination
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: json
                    destination: "ftp://host/x"
                  - id: bad-mail
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: json
                    destination: "mail:controlling"
                  - id: sftp-with-host
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: json
                    destination: "sftp://user@host/x"
                  - id: bad-cron
                    cron: "0 6 * *"
                    query: {series: [a.b], window: yesterday}
                    format: json
                    destination: "file:x"
                  - id: no-selection
                    cron: "0 0 6 * * ?"
                    query: {window: yesterday}
                    format: json
                    destination: "file:x"
                  - id: half-aggregation
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday, resolution: 1d}
                    format: json
                    destination: "file:x"
                  - id: unknown-key
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: json
                    destination: "file:x"
                    colour: blue
                  - id: bad-name
                    cron: "0 0 6 * * ?"
                    query: {series: [a.b], window: yesterday}
                    format: json
                    file-name: "../{date:yyyy-MM-dd}.json"
                    destination: "file:x"
                  - id: good
                    cron: "0 0 7 * * ?"
                    query: {series: [a.b], window: today}
                    format: json
                    destination: "file:y"
                """);
        assertThat(c.all()).extracting(FeedDefinition::id).containsExactly("good");
        assertThat(c.get("good").fileName()).isEqualTo("good-{date:yyyy-MM-dd}.csv");
        assertThat(c.errors()).hasSize(11);
        assertThat(String.join("\n", c.errors()))
                .contains("feed #2 (Bad_Id): feed id 'Bad_Id': must be kebab-case")
                .contains("feed #3 (bad-format): unknown format 'pdf'")
                .contains("feed #4 (bad-destination): destination 'ftp://host/x'")
                .contains("'controlling' is not an e-mail address")
                .contains("give only the remote directory")
                .contains("is not a Quartz cron")
                .contains("query selects nothing")
                .contains("resolution and aggregation go together")
                .contains("feed #10 (unknown-key)")
                .contains("must not contain /")
                .contains("feed #12 (good): the id is used twice");
    }

    @Test
    void aMissingFileMeansNoFeeds() {
        FeedCatalogue c = FeedCatalogue.load(Path.of("target/no-such-feeds.yaml"));
        assertThat(c.all()).isEmpty();
        assertThat(c.errors()).isEmpty();
    }
}
