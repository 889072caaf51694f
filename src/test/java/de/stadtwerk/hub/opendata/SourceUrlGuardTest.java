package de.stadtwerk.hub.opendata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * S9 (SSRF): source URLs and redirect hops are checked against the host allow-list before any connection; link-local
 * addresses and the hub's own ports are refused whatever the list says. Loopback only: the "foreign" names resolve
 * through a test resolver, and a listening socket standing in for the management port counts connection attempts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceUrlGuardTest {

    private static final Map<String, String> DNS = Map.of(
            "opendata.dwd.de", "127.0.0.1",
            "metadata.internal", "169.254.169.254",
            "v6-link-local.internal", "fe80::1",
            "zero.internal", "0.0.0.0",
            "127.0.0.1", "127.0.0.1",
            "169.254.169.254", "169.254.169.254");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(ip)};
    }

    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private ServerSocket management;
    private StoreDatabase db;
    @TempDir
    Path tmp;

    @BeforeAll
    void start() throws Exception {
        wm.start();
        // stands in for the management port; nothing accepts, so any connection made waits in its backlog
        management = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        db = TestDatabases.h2(Files.createTempDirectory("url-guard"));
    }

    @AfterAll
    void stop() throws Exception {
        wm.stop();
        management.close();
        db.close();
    }

    private SourceUrlGuard guard(String... hosts) {
        return new SourceUrlGuard(List.of(hosts), List.of(management.getLocalPort()), SourceUrlGuardTest::resolve);
    }

    private static String refusal(SourceUrlGuard g, String url) {
        try {
            g.check(url);
            return null;
        } catch (SourceUrlRefusedException e) {
            return e.getMessage();
        }
    }

    @Test
    void onlyAllowListedHostsOverHttpOrHttps() {
        SourceUrlGuard g = guard("opendata.dwd.de", "*.smard.test", "127.0.0.1");
        assertThatCode(() -> g.check("https://opendata.dwd.de/weather/x.kmz")).doesNotThrowAnyException();
        assertThatCode(() -> g.check("https://OpenData.DWD.de./weather/x.kmz")).doesNotThrowAnyException();
        assertThat(refusal(g, "https://evil.example/x")).contains("host 'evil.example' is not on the allow-list")
                .contains("hub.opendata.allowed-hosts");
        assertThat(refusal(g, "https://opendata.dwd.de.evil.example/x")).contains("not on the allow-list");
        assertThat(refusal(g, "https://opendata.dwd.de@evil.example/x")).contains("'evil.example'");
        assertThat(refusal(g, "https://smard.test/x")).as("*.domain means sub-domains only").contains("not on the allow-list");
        assertThat(refusal(g, "file:///etc/passwd")).contains("only http and https");
        assertThat(refusal(g, "ftp://opendata.dwd.de/x")).contains("only http and https");
        assertThat(refusal(g, "gopher://127.0.0.1:25/x")).contains("only http and https");
        assertThat(refusal(g, "http:///x")).contains("names no host");
        assertThat(refusal(g, "http://exa mple/")).contains("not a valid URL");
    }

    @Test
    void linkLocalUnspecifiedAndTheHubsOwnPortsAreRefusedEvenWhenAllowListed() {
        SourceUrlGuard g = guard("metadata.internal", "169.254.169.254", "v6-link-local.internal", "zero.internal",
                "127.0.0.1");
        assertThat(refusal(g, "http://169.254.169.254/latest/meta-data/")).contains("link-local address 169.254.169.254");
        assertThat(refusal(g, "http://metadata.internal/computeMetadata/v1/")).contains("link-local");
        assertThat(refusal(g, "http://v6-link-local.internal/")).contains("link-local");
        assertThat(refusal(g, "http://zero.internal:8080/")).contains("unspecified");
        assertThat(refusal(g, "http://127.0.0.1:" + management.getLocalPort() + "/observe/health"))
                .contains("one of the hub's own ports");
        assertThatCode(() -> g.check("http://127.0.0.1:" + wm.port() + "/data")).doesNotThrowAnyException();
        assertThat(refusal(guard("nowhere.test"), "http://nowhere.test/")).contains("cannot be resolved");
    }

    @Test
    void theDefaultAllowListIsTheHostsOfTheConfiguredUrls() {
        assertThat(SourceUrlGuard.hostsOf(List.of(
                "https://opendata.dwd.de/weather/{station}/kml/MOSMIX_L_LATEST_{station}.kmz",
                "https://www.smard.de/app/chart_data", "", "https://download.marktstammdatenregister.de/G_{date}.zip")))
                .containsExactly("opendata.dwd.de", "www.smard.de", "download.marktstammdatenregister.de");
    }

    @Test
    void theClientRefusesBeforeConnectingAndChecksEveryRedirectHop() throws Exception {
        int mgmt = management.getLocalPort();
        wm.stubFor(get("/ok").willReturn(aResponse().withStatus(200).withBody("fine")));
        wm.stubFor(get("/hop").willReturn(aResponse().withStatus(302).withHeader("Location", "/ok")));
        wm.stubFor(get("/to-management").willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + mgmt + "/observe/health")));
        wm.stubFor(get("/to-metadata").willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam")));
        wm.stubFor(get("/to-foreign").willReturn(aResponse().withStatus(301)
                .withHeader("Location", "http://localhost:" + wm.port() + "/ok")));
        wm.stubFor(get("/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));

        FetchCache cache = new FetchCache(db.dataSource(), db.dialect(), Clock.systemUTC());
        try (PoliteHttpClient client = new PoliteHttpClient(new PoliteHttpClient.Policy("StadtwerkHub/test",
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(1), tmp), guard("127.0.0.1", "169.254.169.254"), cache, Clock.systemUTC(), d -> { })) {
            String base = "http://127.0.0.1:" + wm.port();
            assertThat(new String(client.fetch(request(base + "/hop")).bodyBytes())).isEqualTo("fine");

            assertThatThrownBy(() -> client.fetch(request("http://127.0.0.1:" + mgmt + "/observe/metrics")))
                    .isInstanceOf(SourceUrlRefusedException.class).hasMessageContaining("before connecting")
                    .hasMessageContaining("hub's own ports");
            assertThatThrownBy(() -> client.fetch(request(base + "/to-management")))
                    .isInstanceOf(SourceUrlRefusedException.class).hasMessageContaining("hub's own ports");
            assertThatThrownBy(() -> client.fetch(request(base + "/to-metadata")))
                    .isInstanceOf(SourceUrlRefusedException.class).hasMessageContaining("link-local");
            assertThatThrownBy(() -> client.fetch(request(base + "/to-foreign")))
                    .isInstanceOf(SourceUrlRefusedException.class).hasMessageContaining("'localhost' is not on the allow-list");
            assertThatThrownBy(() -> client.fetch(request("http://169.254.169.254/latest/meta-data/")))
                    .isInstanceOf(SourceUrlRefusedException.class);
            assertThatThrownBy(() -> client.fetch(request(base + "/loop")))
                    .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("more than 5 redirects");
            // each refusal is final: no retry of a refused URL
            wm.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/to-management")));
        }
        management.setSoTimeout(500);
        assertThatThrownBy(management::accept).as("no connection was ever made to the hub's own port")
                .isInstanceOf(SocketTimeoutException.class);
    }

    private static OpenDataRequest request(String url) {
        return new OpenDataRequest("test", "test-route", url, "x", null, 10_000, false, false, Duration.ofSeconds(5));
    }
}
