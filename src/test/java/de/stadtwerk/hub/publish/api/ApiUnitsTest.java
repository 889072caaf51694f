package de.stadtwerk.hub.publish.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rate limiter, query parsing, time ranges, numbers in CSV and the configuration files' error messages. */
class ApiUnitsTest {

    @TempDir
    Path dir;

    static final class MutableClock extends Clock {
        final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void theTokenBucketAllowsTheBurstThenRefillsAtTheRate() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("k", 60, 5)).isZero();
        }
        assertThat(limiter.acquire("k", 60, 5)).isEqualTo(1);
        assertThat(limiter.acquire("other", 60, 5)).as("buckets are per key").isZero();
        clock.millis.addAndGet(1000);
        assertThat(limiter.acquire("k", 60, 5)).isZero();
        assertThat(limiter.acquire("k", 6, 5)).as("6 per minute: next token in 10 s").isEqualTo(10);
    }

    @Test
    void queryParametersAreDecodedOnceAndUnknownOnesRefused() {
        assertThat(ApiRequest.parseQuery("from=2026-11-20T00%3A00%3A00%2B01%3A00&tz=Europe%2FBerlin", ApiOperation.OBSERVATIONS))
                .containsEntry("from", "2026-11-20T00:00:00+01:00").containsEntry("tz", "Europe/Berlin");
        assertThatThrownBy(() -> ApiRequest.parseQuery("form=1", ApiOperation.OBSERVATIONS))
                .hasMessageContaining("unknown query parameter 'form'").hasMessageContaining("allowed: from, to");
        assertThatThrownBy(() -> ApiRequest.parseQuery("from=%E0%A4%A", ApiOperation.OBSERVATIONS))
                .hasMessageContaining("percent-encoding");
        assertThatThrownBy(() -> ApiRequest.parseQuery("to=1&to=2", ApiOperation.OBSERVATIONS)).hasMessageContaining("more than once");
    }

    @Test
    void timesNeedAnOffsetOrAreLocalDates() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(TimeRange.instant("2026-03-29", "from", berlin)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(TimeRange.instant("2026-03-29T03:00:00+02:00", "from", berlin)).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(TimeRange.instant("2026-03-29T03:00:00 02:00", "from", berlin)).as("unencoded +")
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThatThrownBy(() -> TimeRange.instant("2026-03-29T02:30:00", "from", berlin)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("with offset");
        assertThatThrownBy(() -> TimeRange.instant("0001-01-01T00:00:00Z", "to", berlin)).hasMessageContaining("between 1900 and 2200");
    }

    @Test
    void numbersHaveNoExponentAndNoBinaryNoise() {
        assertThat(Output.number(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Output.number(1e10)).isEqualTo("10000000000");
        assertThat(Output.number(2.50)).isEqualTo("2.5");
        assertThat(Output.cell(-1234.5, true)).isEqualTo("-1234,5");
        assertThat(Output.number(-0.0)).isEqualTo("0");
    }

    @Test
    void configurationErrorsNameFileEntryAndKey() throws Exception {
        Path datasets = dir.resolve("datasets.yaml");
        Files.writeString(datasets, "datasets:\n  - id: a\n    title: A\n    licence: CC-BY-4.0\n    attribution: x\n    kindz: [pv]\n");
        assertThatThrownBy(() -> ApiDirectory.readDatasets(datasets)).hasMessageContaining("datasets[0]")
                .hasMessageContaining("unknown key 'kindz'");
        Path partners = dir.resolve("partners.yaml");
        Files.writeString(partners, "partners:\n  - id: p\n    keys:\n      - sha256: swh_plainkey\n");
        assertThatThrownBy(() -> ApiDirectory.readPartners(partners, Set.of())).hasMessageContaining("partners[0], keys[0]")
                .hasMessageContaining("never the key itself");
        Files.writeString(partners, "partners:\n  - id: p\n    grants:\n      datasets: [nope]\n");
        assertThatThrownBy(() -> ApiDirectory.readPartners(partners, Set.of("a"))).hasMessageContaining("dataset 'nope' is not in the catalogue");
    }

    @Test
    void theShippedConfigurationLoads() {
        var datasets = ApiDirectory.readDatasets(Path.of("config/datasets.yaml"));
        assertThat(datasets).containsKeys("weather", "renewable-generation");
        assertThat(ApiDirectory.readPartners(Path.of("config/partners.yaml"), datasets.keySet())).isEmpty();
        assertThat(ApiDirectory.readPartners(Path.of("src/test/resources/api/partners.yaml"), datasets.keySet()))
                .containsKeys("stadtapp", "wasserwerk", "tiny");
    }

    @Test
    void keysAreRandomAndStoredAsSha256() {
        String a = ApiKeys.newSecret();
        assertThat(a).startsWith("swh_").hasSize(47).isNotEqualTo(ApiKeys.newSecret());
        assertThat(ApiKeys.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
