package de.stadtwerk.hub.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SFTP drops (routes/legacy/sftp-drop.camel.yaml) against an SFTP server in this JVM (Apache MINA SSHD, free
 * port) whose host key is in a known_hosts file, with strict host key checking as configured by default: a good
 * file is imported once and renamed into done/ on the server, a second copy of the same content is not imported
 * again, a broken file goes to error/ with its reason file beside it, and a server that shows another host key is
 * refused before the hub logs in.
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.enabled=false", "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:legacy-sftp-route-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/legacy-sftp-route-test", "hub.opendata.run-at-start=false",
            "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory", "hub.embedded.opcua.port=0",
            "hub.demo.enabled=false", "hub.energiewetter.startup-delay=600000",
            "hub.legacy.sftp.enabled=true", "hub.legacy.sftp.user=mdm", "hub.legacy.sftp.password=s3cret;pw",
            "hub.legacy.sftp.poll-delay=200", "hub.legacy.sftp.connect-timeout=3000",
            "hub.legacy.files.read-lock-min-age=500", "hub.legacy.files.read-lock-check-interval=200",
            "hub.legacy.files.chunk-size=500"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacySftpDropRouteTest {

    private static final Path BASE = Path.of("target/legacy-sftp-route-test-server").toAbsolutePath();
    private static final Path ROOT = BASE.resolve("home");
    private static final Path MSCONS = ROOT.resolve("mscons");
    private static final Path LASTGANG = ROOT.resolve("csv/lastgang-15min");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    private static final AtomicInteger LOGINS = new AtomicInteger();
    private static SshServer server;
    private static int port;

    static {
        // The server starts before the hub boots, so that its port and key can be handed to it as system properties.
        try {
            deleteTree(Path.of("target/legacy-sftp-route-test"));
            deleteTree(BASE);
            Files.createDirectories(MSCONS);
            Files.createDirectories(LASTGANG);
            server = server(0, BASE.resolve("hostkey.ser"));
            port = server.getPort();
            KeyPair key = server.getKeyPairProvider().loadKeys(null).iterator().next();
            Path knownHosts = BASE.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key.getPublic()) + "\n");
            System.setProperty("hub.legacy.sftp.port", Integer.toString(port));
            System.setProperty("hub.legacy.sftp.known-hosts-file", knownHosts.toString());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeanInject("hubDataSource")
    DataSource db;

    private static SshServer server(int port, Path hostKey) throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> {
            LOGINS.incrementAndGet();
            return "mdm".equals(user) && "s3cret;pw".equals(password);
        });
        s.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                SESSIONS.incrementAndGet();
            }
        });
        s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        s.setFileSystemFactory(new VirtualFileSystemFactory(ROOT));
        s.start();
        return s;
    }

    @AfterAll
    void stop() throws IOException {
        server.stop(true);
        System.clearProperty("hub.legacy.sftp.port");
        System.clearProperty("hub.legacy.sftp.known-hosts-file");
    }

    @Test
    void aGoodFileIsImportedOnceAndRenamedIntoDoneOnTheServer() throws Exception {
        upload("mscons-two-meters-one-gap.edi", MSCONS, "good.edi");
        Path done = awaitOne(MSCONS.resolve("done"), "good-");
        assertThat(done.getFileName().toString()).matches("good-\\d{8}T\\d{9}Z\\.edi");
        assertThat(MSCONS.resolve("good.edi")).doesNotExist();
        long stored = count("SELECT COUNT(*) FROM observation WHERE source = 'legacy-mscons'");
        assertThat(stored).isPositive();
        assertThat(count("SELECT COUNT(*) FROM legacy_imported_file WHERE file_name = 'good.edi'")).isEqualTo(1);

        upload("mscons-two-meters-one-gap.edi", MSCONS, "same-content.edi");
        awaitOne(MSCONS.resolve("done"), "same-content-");
        assertThat(count("SELECT COUNT(*) FROM observation WHERE source = 'legacy-mscons'")).as("imported once").isEqualTo(stored);
        assertThat(count("SELECT COUNT(*) FROM legacy_imported_file WHERE file_name IN ('good.edi', 'same-content.edi')"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM observation_history")).isZero();
    }

    @Test
    void aBrokenFileGoesToErrorWithItsReasonFileOnTheServer() throws Exception {
        upload("mscons-truncated.edi", MSCONS, "cut.edi");
        Path moved = awaitOne(MSCONS.resolve("error"), "cut-");
        Path reason = moved.resolveSibling(moved.getFileName() + ".reason.txt");
        await().atMost(WAIT).until(() -> Files.exists(reason));
        assertThat(Files.readString(reason)).contains("File:     cut.edi").contains("truncated")
                .contains("Nothing of this file was stored");
        assertThat(MSCONS.resolve("cut.edi")).doesNotExist();

        Files.writeString(LASTGANG.resolve(".bad.csv.part"), "Zeitstempel;Zählpunkt;Wert;Einheit;Status\r\n"
                + "01.06.2024 00:15;DE0001;3,5x;kWh;gemessen\r\n", Charset.forName("windows-1252"));
        Files.move(LASTGANG.resolve(".bad.csv.part"), LASTGANG.resolve("bad.csv"));
        Path csv = awaitOne(LASTGANG.resolve("error"), "bad-");
        Path csvReason = csv.resolveSibling(csv.getFileName() + ".reason.txt");
        await().atMost(WAIT).until(() -> Files.exists(csvReason));
        assertThat(Files.readString(csvReason)).contains("lastgang-15min/bad.csv, line 2").contains("'3,5x' is not a number");
        assertThat(count("SELECT COUNT(*) FROM observation WHERE series_id LIKE 'DE0001.%'")).isZero();
    }

    @Test
    void aServerWithAnotherHostKeyIsRefusedBeforeLoginAndTheFileStaysUntilTheKnownServerIsBack() throws Exception {
        server.stop(true);
        server = server(port, BASE.resolve("other-hostkey.ser"));
        int sessions = SESSIONS.get();
        int logins = LOGINS.get();
        upload("mscons-two-meters-one-gap.edi", MSCONS, "spoofed.edi");
        Files.writeString(MSCONS.resolve("spoofed.edi"), "\n", StandardCharsets.ISO_8859_1,
                java.nio.file.StandardOpenOption.APPEND);   // other content than the good file of the other test

        await().atMost(WAIT).until(() -> SESSIONS.get() >= sessions + 3);
        assertThat(LOGINS.get()).as("no password was sent to a server with an unknown key").isEqualTo(logins);
        assertThat(MSCONS.resolve("spoofed.edi")).as("not taken").exists();
        assertThat(count("SELECT COUNT(*) FROM legacy_imported_file WHERE file_name = 'spoofed.edi'")).isZero();

        server.stop(true);
        server = server(port, BASE.resolve("hostkey.ser"));
        awaitOne(MSCONS.resolve("done"), "spoofed-");
        assertThat(LOGINS.get()).isGreaterThan(logins);
        assertThat(count("SELECT COUNT(*) FROM legacy_imported_file WHERE file_name = 'spoofed.edi'")).isEqualTo(1);
    }

    /** Writes a fixture under a hidden name and renames it, as a well-behaved uploader does. */
    private void upload(String fixture, Path dir, String name) throws IOException {
        Path part = dir.resolve("." + name + ".part");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/mscons/" + fixture)) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(part, dir.resolve(name));
    }

    private static Path awaitOne(Path dir, String prefix) {
        Path[] found = new Path[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!Files.isDirectory(dir)) {
                return false;
            }
            try (Stream<Path> files = Files.list(dir)) {
                found[0] = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                        && !p.getFileName().toString().endsWith(".reason.txt")).findFirst().orElse(null);
            }
            return found[0] != null;
        });
        return found[0];
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
