package de.stadtwerk.hub.publish.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.opendata.SourceUrlGuard;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S9 for the push targets: every request URL is checked against the exports' allow-list before connecting. */
class ExportHttpGuardTest {

    private final SourceUrlGuard guard = new SourceUrlGuard(List.of("frost.example", "*.stadt.example"),
            List.of(8080, 8081), host -> switch (host) {
                case "frost.example" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})};
                case "meta.stadt.example" -> new InetAddress[] {
                        InetAddress.getByAddress(host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})};
                default -> throw new java.net.UnknownHostException(host);
            }, ExportSettings.ALLOWED_HOSTS);
    private final ExportHttp http = new ExportHttp(Duration.ofMillis(200), Duration.ofMillis(200), "test", guard);

    @Test
    void aHostOffTheAllowListIsRefusedBeforeConnectingAndNamesTheKey() {
        assertThatThrownBy(() -> http.send(http.request(URI.create("http://evil.example/v1.1/Things")).GET().build(),
                "GET Things"))
                .isInstanceOf(ExportRejectedException.class)
                .hasMessageContaining("GET Things")
                .hasMessageContaining("evil.example")
                .hasMessageContaining("hub.export.allowed-hosts");
    }

    @Test
    void anAllowedNameThatResolvesToALinkLocalAddressIsRefused() {
        assertThatThrownBy(() -> http.send(http.request(URI.create("http://meta.stadt.example/latest")).GET().build(),
                "GET link"))
                .isInstanceOf(ExportRejectedException.class)
                .hasMessageContaining("link-local");
    }

    @Test
    void anAllowedHostPassesTheGuardAndFailsOnlyAtTheConnection() {
        // 10.0.0.7 is not reachable here: the failure is the connection's (target unavailable), not the guard's.
        assertThatThrownBy(() -> http.send(http.request(URI.create("http://frost.example:9/v1.1")).GET().build(),
                "GET root"))
                .isInstanceOf(ExportTargetUnavailableException.class);
        assertThat(guard.allowedHosts()).contains("frost.example");
    }
}
