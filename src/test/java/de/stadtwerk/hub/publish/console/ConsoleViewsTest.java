package de.stadtwerk.hub.publish.console;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.publish.export.DeadLetter;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.feed.FeedDelivery;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleViewsTest {

    static final Instant T = Instant.parse("2026-11-28T06:00:00Z");

    @Test
    void aQuarantineItemInAListShowsAPreviewAndTheItemViewThePayload() {
        String payload = "x".repeat(ConsoleViews.PREVIEW + 50);
        QuarantinedItem item = new QuarantinedItem(7, T, "legacy-csv", "legacy-csv-drop", "line 3: bad number", payload,
                "direct:ingest", QuarantinedItem.OPEN, 2);
        Map<String, Object> row = ConsoleViews.quarantined(item, false);
        assertThat(row).containsEntry("id", 7L).containsEntry("receivedAt", "2026-11-28T06:00:00Z")
                .containsEntry("replayable", true).containsEntry("payloadLength", ConsoleViews.PREVIEW + 50)
                .doesNotContainKey("payload");
        assertThat((String) row.get("preview")).hasSize(ConsoleViews.PREVIEW + 1).endsWith("…");
        assertThat(ConsoleViews.quarantined(item, true)).containsEntry("payload", payload).doesNotContainKey("preview");

        QuarantinedItem noEndpoint = new QuarantinedItem(8, T, "s", "r", "why", null, null, QuarantinedItem.OPEN, 1);
        assertThat(ConsoleViews.quarantined(noEndpoint, false)).containsEntry("replayable", false)
                .containsEntry("preview", null).containsEntry("payloadLength", 0);
        QuarantinedItem done = new QuarantinedItem(9, T, "s", "r", "why", "p", "direct:ingest", QuarantinedItem.REPLAYED, 1);
        assertThat(ConsoleViews.quarantined(done, false)).as("only OPEN items are replayed").containsEntry("replayable", false);
    }

    @Test
    void anExportDeadLetterShowsItsFieldsWithoutThePayloadAndWhenItWasSentAgain() {
        DeadLetter parked = new DeadLetter(5, "sensorthings", "m-1.active_power", "{\"series\":\"m-1\"}", 3,
                "HTTP 503", 5, DeadLetter.PARKED, 1, T, T.plusSeconds(60));
        assertThat(ConsoleViews.deadLetter(parked)).containsEntry("id", 5L).containsEntry("target", "sensorthings")
                .containsEntry("item", "m-1.active_power").containsEntry("items", 3).containsEntry("cause", "HTTP 503")
                .containsEntry("attempts", 5).containsEntry("replays", 1).containsEntry("parkedAt", "2026-11-28T06:00:00Z")
                .containsEntry("replayedAt", null).containsEntry("canReplay", true).doesNotContainKey("payload");
        DeadLetter sent = new DeadLetter(5, "ckan", "d", "{}", 1, "x", 5, DeadLetter.REPLAYED, 2, T, T.plusSeconds(60));
        assertThat(ConsoleViews.deadLetter(sent)).containsEntry("replayedAt", "2026-11-28T06:01:00Z")
                .containsEntry("canReplay", false);
        DeadLetter superseded = new DeadLetter(6, "ckan", "d", "{}", 1, "x", 5, DeadLetter.SUPERSEDED, 0, T,
                T.plusSeconds(60));
        assertThat(ConsoleViews.deadLetter(superseded)).as("a later run sent it, not a replay")
                .containsEntry("replayedAt", null).containsEntry("canReplay", false);
        assertThat(ConsoleViews.replayResult(new ExportDeadLetters.ReplayResult(2, 1, 3, java.util.List.of("7: down"))))
                .containsEntry("replayed", 2).containsEntry("failed", 1).containsEntry("waiting", 3)
                .containsEntry("errors", java.util.List.of("7: down"));
    }

    @Test
    void aDeliveryShowsFeedPeriodRowsDestinationAndOutcome() {
        FeedDelivery d = new FeedDelivery(3, "verbrauch", T, T.plusSeconds(86400), "v.csv", 96L, "file:feeds/x",
                FeedDelivery.FAILED, 3, 0, "connection refused", T, T.plusSeconds(5));
        assertThat(ConsoleViews.delivery(d)).containsEntry("feed", "verbrauch").containsEntry("periodFrom", "2026-11-28T06:00:00Z")
                .containsEntry("periodTo", "2026-11-29T06:00:00Z").containsEntry("rows", 96L)
                .containsEntry("destination", "file:feeds/x").containsEntry("outcome", "FAILED")
                .containsEntry("error", "connection refused").containsEntry("canResend", true);
        FeedDelivery running = new FeedDelivery(4, "v", T, T, null, null, "file:x", FeedDelivery.RUNNING, 0, 0, null, T, T);
        assertThat(ConsoleViews.delivery(running)).containsEntry("canResend", false).containsEntry("rows", null);
    }

    @Test
    void aRouteCombinesItsInfoWithItsCounters() {
        RouteStatistics stats = new RouteStatistics(Clock.systemUTC());
        stats.begin("core-ingest");
        stats.done("core-ingest", 1_500_000, false);
        Map<String, Object> m = ConsoleViews.route(new ConsoleViews.RouteInfo("core-ingest", "The pipeline",
                "file:routes/core/ingest.camel.yaml", "Started", false, 1234, null), stats.of("core-ingest"));
        assertThat(m).containsEntry("id", "core-ingest").containsEntry("state", "Started")
                .containsEntry("source", "file:routes/core/ingest.camel.yaml").containsEntry("exchangesTotal", 1L)
                .containsEntry("exchangesFailed", 0L).containsEntry("meanMillis", 1.5).containsEntry("lastFailure", null);
        assertThat((String) m.get("lastActivity")).isNotBlank();
    }

    @Test
    void pathParametersAndQueryParametersAreReadStrictly() {
        assertThat(ConsoleOperation.REPLAY.pathParam("/console/api/quarantine/42/replay")).isEqualTo("42");
        assertThat(ConsoleOperation.STATIC.pathParam("/console/static/console.js")).isEqualTo("console.js");
        assertThat(ConsoleOperation.ROUTES.pathParam("/console/api/routes")).isNull();
        ConsoleRequest r = new ConsoleRequest(ConsoleOperation.QUARANTINE, "/console/api/quarantine",
                "source=legacy%20csv&limit=5&text=");
        assertThat(r.param("source")).isEqualTo("legacy csv");
        assertThat(r.param("text")).isNull();
        assertThat(r.limit(200)).isEqualTo(5);
        assertThat(new ConsoleRequest(ConsoleOperation.QUARANTINE, "/console/api/quarantine", null).limit(200)).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConsoleRequest(ConsoleOperation.ROUTES,
                "/console/api/routes", "x=1")).hasMessageContaining("this operation takes none");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConsoleRequest(ConsoleOperation.QUARANTINE,
                "/console/api/quarantine", "text=%zz")).hasMessageContaining("percent-encoding");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConsoleRequest(ConsoleOperation.REPLAY,
                "/console/api/quarantine/1e3/replay", null).id("quarantined item")).hasMessageContaining("no quarantined item");
        assertThat(ConsoleOperation.ofRouteId("console-api-feed-resend")).contains(ConsoleOperation.RESEND);
    }
}
