package de.stadtwerk.hub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.store.StoreDatabase;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link QuarantineStore#search} on each database: the console's filter. */
abstract class QuarantineSearchContract {

    abstract StoreDatabase open() throws Exception;

    abstract void close(StoreDatabase db);

    StoreDatabase db;
    QuarantineStore store;

    @BeforeEach
    void fill() throws Exception {
        db = open();
        store = new QuarantineStore(db.dataSource(), Clock.systemUTC());
        store.add(List.of(
                new Rejection("{\"assetId\":\"m-1\",\"value\":\"100%\"}", "item 0: field value must be a JSON number",
                        "field-mqtt", "field-meters-mqtt", "direct:field-meters-mqtt-replay"),
                new Rejection("Zählpunkt;Wert\nDE01;12,5x", "line 2: '12,5x' is not a number", "Legacy-CSV",
                        "legacy-csv-drop", null),
                new Rejection("{\"assetId\":\"m_2\"}", "asset 'm_2' is not in the master data", "field-mqtt",
                        "field-meters-mqtt", "direct:field-meters-mqtt-replay")));
    }

    @AfterEach
    void drop() {
        close(db);
    }

    private List<String> sources(String status, String source, String reason, String text) {
        return store.search(status, source, reason, text, 100).stream().map(QuarantinedItem::payload).toList();
    }

    @Test
    void filtersAreCaseInsensitivePartsAndCombine() {
        assertThat(store.search(QuarantinedItem.OPEN, null, null, null, 100)).hasSize(3)
                .extracting(QuarantinedItem::id).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(sources(null, "legacy-csv", null, null)).singleElement().asString().startsWith("Zählpunkt");
        assertThat(sources(null, "FIELD", "master DATA", null)).singleElement().asString().contains("m_2");
        assertThat(sources(null, null, null, "zählpunkt")).hasSize(1);
        assertThat(sources(null, " ", "", null)).as("blank filters are no condition").hasSize(3);
        assertThat(store.search(null, null, null, null, 2)).as("limit").hasSize(2);
    }

    @Test
    void wildcardsInAFilterMatchThemselves() {
        assertThat(sources(null, null, null, "100%")).singleElement().asString().contains("m-1");
        assertThat(sources(null, null, null, "m_")).singleElement().asString().contains("m_2");
        assertThat(sources(null, null, null, "%")).hasSize(1);
        assertThat(sources(null, null, null, "'; DROP TABLE quarantine; --")).isEmpty();
        assertThat(sources(null, null, null, "!")).isEmpty();
        assertThat(store.search(null, null, null, null, 100)).hasSize(3);
    }

    @Test
    void statusSelectsOpenReplayedOrDiscarded() {
        long id = store.search(null, null, null, "m_2", 1).get(0).id();
        store.setStatus(id, QuarantinedItem.DISCARDED);
        assertThat(store.search(QuarantinedItem.OPEN, null, null, null, 100)).hasSize(2);
        assertThat(store.search(QuarantinedItem.DISCARDED, null, null, null, 100)).extracting(QuarantinedItem::id)
                .containsExactly(id);
        assertThat(store.search(null, "field", null, null, 100)).hasSize(2);
    }
}
