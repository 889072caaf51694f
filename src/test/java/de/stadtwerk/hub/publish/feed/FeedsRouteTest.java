package de.stadtwerk.hub.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The feed routes with the real route files: schedules from the template, delivery to a folder, by e-mail
 * (GreenMail) and by SFTP (Apache MINA SSHD), both in this JVM on free ports; a failed delivery is redelivered,
 * marked FAILED with its cause, and sent again.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:feeds-route-test;DB_CLOSE_DELAY=-1", "hub.data.dir=target/feeds-route-test",
            "hub.feeds.file=src/test/resources/feeds/route-test-feeds.yaml",
            "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000",
            "hub.retry.max-attempts=2", "hub.retry.initial-delay=20", "hub.retry.max-delay=100",
            "hub.feeds.sftp.user=feeds", "hub.feeds.sftp.password=s3cret;pw", "hub.feeds.sftp.strict-host-key-checking=no",
            "hub.feeds.sftp.connect-timeout=2000", "hub.feeds.mail.connect-timeout=2000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedsRouteTest {

    private static final Path SFTP_ROOT = Path.of("target/feeds-route-test-sftp").toAbsolutePath();
    private static final Path DATA = Path.of("target/feeds-route-test").toAbsolutePath();
    private static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static SshServer sftp;
    private static int sftpPort;

    static {
        // The servers start before the hub boots, so that their ports can be handed to it as system properties.
        try {
            deleteTree(SFTP_ROOT);
            deleteTree(DATA);
            Files.createDirectories(SFTP_ROOT);
            MAIL.start();
            System.setProperty("hub.feeds.mail.port", Integer.toString(MAIL.getSmtp().getPort()));
            sftp = sftpServer(0);
            sftpPort = sftp.getPort();
            System.setProperty("hub.feeds.sftp.port", Integer.toString(sftpPort));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    FeedDeliveries deliveries;

    @BeanInject
    FeedCatalogue catalogue;

    private static SshServer sftpServer(int port) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(SFTP_ROOT.resolveSibling("feeds-sftp-hostkey.ser")));
        server.setPasswordAuthenticator((user, password, session) -> "feeds".equals(user) && "s3cret;pw".equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(SFTP_ROOT));
        server.start();
        return server;
    }

    private boolean stored;

    /** Stores the test data once (the hub is injected after @BeforeAll). */
    private synchronized void storeData() {
        if (stored) {
            return;
        }
        stored = true;
        Instant dayBefore = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Observation> obs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Instant t = dayBefore.plus(Duration.ofMinutes(15L * i));
            obs.add(Observation.interval("ft-1", "energy_import", 1.25 + i, "kWh", t, t.plusSeconds(900)));
            obs.add(Observation.interval("ft-2", "energy_import", 2.5, "kWh", t, t.plusSeconds(900)));
        }
        IngestResult r = context.createProducerTemplate().requestBody("direct:ingest", obs, IngestResult.class);
        assertThat(r.stored()).isEqualTo(8);
    }

    @AfterAll
    void stopServers() throws IOException {
        MAIL.stop();
        sftp.stop(true);
        System.clearProperty("hub.feeds.mail.port");
        System.clearProperty("hub.feeds.sftp.port");
    }

    @Test
    void everyEnabledFeedGetsAScheduleRouteAndABrokenOneIsReported() {
        storeData();
        assertThat(context.getRouteController().getRouteStatus("publish-feed-t-cron")).isEqualTo(ServiceStatus.Started);
        assertThat(context.getRoute("publish-feed-t-file")).as("disabled feed").isNull();
        assertThat(catalogue.find("t-broken")).isEmpty();
        assertThat(catalogue.errors()).singleElement().asString().contains("t-broken").contains("the-day-before");
        await().atMost(Duration.ofSeconds(15)).until(() -> deliveries.ofFeed("t-cron", 5).stream()
                .anyMatch(d -> d.outcome().equals(FeedDelivery.DELIVERED) && d.rows() == 4));
        FeedDelivery d = deliveries.ofFeed("t-cron", 5).stream()
                .filter(x -> x.outcome().equals(FeedDelivery.DELIVERED) && x.rows() == 4).findFirst().orElseThrow();
        assertThat(DATA.resolve("feeds/cron").resolve(d.fileName())).exists();
    }

    @Test
    void aFeedIsDeliveredIntoAFolder() throws IOException {
        storeData();
        FeedDelivery d = deliveries.runNow("t-file");
        assertThat(d.outcome()).isEqualTo(FeedDelivery.DELIVERED);
        assertThat(d.rows()).isEqualTo(8);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.destination()).isEqualTo("file:feeds/controlling");
        assertThat(d.periodTo()).isAfter(d.periodFrom());
        Path file = DATA.resolve("feeds/controlling").resolve(d.fileName());
        assertThat(d.fileName()).matches("verbrauch-\\d{4}-\\d{2}-\\d{2}\\.csv");
        String csv = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF# Feed: t-file");
        assertThat(csv).contains("ft-1.energy_import;ft-1;energy_import;Wh;").contains(";1250;MEASURED\r\n")
                .contains(";2250;MEASURED\r\n");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".part-"));
        }
        try (Stream<Path> s = Files.list(DATA.resolve("feeds-work"))) {
            assertThat(s).as("work files are removed").isEmpty();
        }
    }

    @Test
    void aFeedIsMailedWithTheFileAttached() throws Exception {
        storeData();
        int before = MAIL.getReceivedMessages().length;
        FeedDelivery d = deliveries.runNow("t-mail");
        assertThat(d.outcome()).as(String.valueOf(d.error())).isEqualTo(FeedDelivery.DELIVERED);
        assertThat(MAIL.waitForIncomingEmail(5000, before + 2)).isTrue();
        MimeMessage m = MAIL.getReceivedMessages()[before];
        assertThat(m.getSubject()).startsWith("Verbrauch ab ");
        assertThat(java.util.Collections.list(m.getAllHeaderLines())).as("no internal headers in the e-mail")
                .noneMatch(h -> h.startsWith("Hub") || h.startsWith("Camel"));
        assertThat(m.getFrom()[0].toString()).isEqualTo("stadtwerk-hub@stadtwerk.example");
        assertThat(m.getAllRecipients()).extracting(Object::toString)
                .containsExactlyInAnyOrder("controlling@stadtwerk.example", "klima@stadt.example");
        Multipart parts = (Multipart) m.getContent();
        Part attachment = null;
        for (int i = 0; i < parts.getCount(); i++) {
            if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
                attachment = parts.getBodyPart(i);
            }
        }
        assertThat(attachment).isNotNull();
        assertThat(attachment.getFileName()).isEqualTo(d.fileName()).endsWith(".xlsx");
        try (InputStream in = attachment.getInputStream(); ReadableWorkbook wb = new ReadableWorkbook(in)) {
            List<Row> rows = wb.findSheet("Daten").orElseThrow().read();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(1).getCellAsString(0)).contains("ft-1.energy_import");
            assertThat(rows.get(1).getCellAsNumber(7).orElseThrow().doubleValue()).isEqualTo(1250 + 2250 + 3250 + 4250);
            assertThat(rows.get(1).getCellAsNumber(8).orElseThrow().intValue()).isEqualTo(4);
        }
    }

    @Test
    void aFeedGoesBySftpAndAFailedDeliveryIsRetriedMarkedFailedAndSentAgain() throws Exception {
        storeData();
        FeedDelivery ok = deliveries.runNow("t-sftp");
        assertThat(ok.outcome()).as(String.valueOf(ok.error())).isEqualTo(FeedDelivery.DELIVERED);
        JsonNode json = new ObjectMapper().readTree(SFTP_ROOT.resolve("upload/verbrauch").resolve(ok.fileName()).toFile());
        assertThat(json.get("feed").asText()).isEqualTo("t-sftp");
        assertThat(json.get("rows")).hasSize(4);
        assertThat(json.get("rows").get(0).get("value").asDouble()).isEqualTo(1250.0);

        sftp.stop(true);
        FeedDelivery failed;
        try {
            failed = deliveries.runNow("t-sftp");
        } finally {
            sftp = sftpServer(sftpPort);
        }
        assertThat(failed.outcome()).isEqualTo(FeedDelivery.FAILED);
        assertThat(failed.attempts()).as("first attempt and hub.retry.max-attempts=2 redeliveries").isEqualTo(3);
        assertThat(failed.error()).containsIgnoringCase("connect").doesNotContain("s3cret");
        assertThat(failed.rows()).isEqualTo(4);
        assertThat(deliveries.failed(10)).extracting(FeedDelivery::id).contains(failed.id());
        Files.deleteIfExists(SFTP_ROOT.resolve("upload/verbrauch").resolve(failed.fileName()));

        FeedDelivery resent = deliveries.resend(failed.id());
        assertThat(resent.outcome()).as(String.valueOf(resent.error())).isEqualTo(FeedDelivery.DELIVERED);
        assertThat(resent.id()).isEqualTo(failed.id());
        assertThat(resent.periodFrom()).isEqualTo(failed.periodFrom());
        assertThat(resent.periodTo()).isEqualTo(failed.periodTo());
        assertThat(resent.attempts()).isEqualTo(4);
        assertThat(resent.resends()).isEqualTo(1);
        assertThat(resent.error()).isNull();
        assertThat(SFTP_ROOT.resolve("upload/verbrauch").resolve(failed.fileName())).exists();
        assertThat(deliveries.failed(10)).extracting(FeedDelivery::id).doesNotContain(failed.id());
    }

    @Test
    void unknownFeedsAndDeliveriesAreRefused() {
        assertThatThrownBy(() -> deliveries.runNow("nope")).hasMessageContaining("no feed with id 'nope'");
        assertThatThrownBy(() -> deliveries.resend(987654)).hasMessageContaining("no feed delivery with id 987654");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
