package de.stadtwerk.hub.opendata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import de.stadtwerk.hub.store.StoreDatabase;
import de.stadtwerk.hub.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The polite HTTP client against WireMock: waits, limits, gzip, downloads to a file, validators. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliteHttpClientTest {

    private final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());
    private final List<Duration> waits = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private StoreDatabase db;
    private FetchCache cache;
    private PoliteHttpClient client;
    @TempDir
    Path tmp;

    @BeforeAll
    void start() throws Exception {
        wm.start();
        db = TestDatabases.h2(Files.createTempDirectory("polite-client"));
        cache = new FetchCache(db.dataSource(), db.dialect(), clock);
    }

    @AfterAll
    void stop() {
        wm.stop();
        client.close();
        db.close();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
        waits.clear();
        client = new PoliteHttpClient(new PoliteHttpClient.Policy("StadtwerkHub/test", Duration.ofSeconds(2),
                Duration.ofMillis(2500), 3, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60),
                tmp.resolve("downloads")), new SourceUrlGuard(List.of("127.0.0.1"), List.of()), cache, clock, waits::add);
    }

    private OpenDataRequest request(String path, long maxBytes, boolean toFile) {
        return new OpenDataRequest("test", "test-route", "http://127.0.0.1:" + wm.port() + path, "x", null, maxBytes,
                toFile, false, Duration.ofSeconds(5));
    }

    @Test
    void backsOffExponentiallyOn5xxAndGivesUpWithTheLastProblem() {
        wm.stubFor(get("/down").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> client.fetch(request("/down", 1000, false)))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("HTTP 502")
                .hasMessageContaining("3 attempt(s)");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        wm.verify(3, getRequestedFor(urlPathEqualTo("/down")));
    }

    @Test
    void aRetryAfterLongerThanTheCapGivesUpAtOnceAndAnHttpDateIsUnderstood() {
        wm.stubFor(get("/busy").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        assertThatThrownBy(() -> client.fetch(request("/busy", 1000, false)))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("asks to wait 3600 s");
        assertThat(waits).isEmpty();
        assertThat(client.retryAfter("Fri, 27 Nov 2026 10:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
        assertThat(client.retryAfter("soon")).isNull();
    }

    @Test
    void timeoutsAndBrokenConnectionsAreRetried() {
        wm.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withFixedDelay(6000).withBody("late")));
        wm.stubFor(get("/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(() -> client.fetch(request("/slow", 1000, false)))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("HttpTimeoutException");
        assertThatThrownBy(() -> client.fetch(request("/reset", 1000, false)))
                .isInstanceOf(PortalUnavailableException.class).hasMessageContaining("3 attempt(s)");
        wm.verify(3, getRequestedFor(urlPathEqualTo("/reset")));
    }

    @Test
    void anAnswerAboveTheSizeLimitIsRejectedAndA404IsNotRetried() {
        wm.stubFor(get("/big").willReturn(aResponse().withStatus(200).withBody(new byte[5000])));
        wm.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
        OpenDataAnswer big = client.fetch(request("/big", 1000, false));
        assertThat(big.status()).isEqualTo(OpenDataAnswer.Status.REJECTED);
        assertThat(big.detail()).contains("larger than 1000 bytes");
        assertThat(client.fetch(request("/gone", 1000, false)).status()).isEqualTo(OpenDataAnswer.Status.NOT_FOUND);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/gone")));
    }

    @Test
    void gzipIsDecodedAndLargeAnswersGoToAFile() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write("{\"timestamps\":[1]}".getBytes(StandardCharsets.UTF_8));
        }
        wm.stubFor(get("/gz").willReturn(aResponse().withStatus(200).withHeader("Content-Encoding", "gzip")
                .withBody(zipped.toByteArray())));
        OpenDataAnswer a = client.fetch(request("/gz", 1000, true));
        assertThat(a.isFresh()).isTrue();
        assertThat(a.bodyFile()).exists();
        assertThat(Files.readString(a.bodyFile())).isEqualTo("{\"timestamps\":[1]}");
    }

    @Test
    void anIdenticalBodyWithoutValidatorsCountsAsUnchanged() {
        wm.stubFor(get("/same").willReturn(aResponse().withStatus(200).withBody("[1,2,3]")));
        OpenDataAnswer first = client.fetch(request("/same", 1000, false));
        assertThat(first.isFresh()).isTrue();
        cache.remember(first, OpenDataGateway.IMPORTED);
        OpenDataAnswer second = client.fetch(request("/same", 1000, false));
        assertThat(second.status()).isEqualTo(OpenDataAnswer.Status.UNCHANGED);
        assertThat(second.isHasBody()).isTrue();
    }
}
