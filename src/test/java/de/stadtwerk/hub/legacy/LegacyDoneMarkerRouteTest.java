package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With hub.legacy.files.done-file-name set, a dropped file waits for its done marker, however old it is. */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:legacy-marker-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/legacy-marker-route-test",
            "hub.legacy.files.poll-delay=100", "hub.legacy.files.read-lock-min-age=0",
            "hub.legacy.files.read-lock-check-interval=100", "hub.legacy.files.done-file-name=${file:name}.done"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyDoneMarkerRouteTest {

    static final Path INBOX = Path.of("target/legacy-marker-route-test/inbox/mscons");

    static {
        LegacyFileDropRouteTest.deleteTree(Path.of("target/legacy-marker-route-test"));
    }

    @Test
    void aFileIsReadOnlyAfterItsDoneMarkerAppears() throws Exception {
        Files.createDirectories(INBOX);
        Files.writeString(INBOX.resolve("marked.edi"), LegacyFileDropRouteTest.interchange("DE000MARK", "1"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(INBOX.resolve("marked.edi")) && !Files.exists(INBOX.resolve("done/marked.edi")));
        Files.writeString(INBOX.resolve("marked.edi.done"), "");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(INBOX.resolve("done/marked.edi")));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(INBOX.resolve("marked.edi.done")));
        assertThat(INBOX.resolve("error")).doesNotExist();
    }
}
