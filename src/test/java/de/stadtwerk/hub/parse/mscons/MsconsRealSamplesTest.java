package de.stadtwerk.hub.parse.mscons;

import static org.assertj.core.api.Assertions.assertThat;

import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.model.Quality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The two real interchanges from vdmitriyev/msconsconverter (MIT), see fixtures/mscons/SOURCES.md. */
class MsconsRealSamplesTest {

    @Test
    void sample01HasAMonthOfQuarterHoursWith69IrregularIntervalsKeptAsSuspect() {
        MsconsResult r = MsconsFixtures.parse("vdmitriyev_MSCONS_TL_SAMPLE01.txt");

        assertThat(r.errors()).isEmpty();
        assertThat(r.summary().messages()).isEqualTo(1);
        assertThat(r.summary().interchangeRef()).isEqualTo("13337815E25");
        List<Observation> obs = r.observations();
        assertThat(obs).hasSize(2976);
        // 69 intervals of positive length other than 15 minutes (…2000→…2016, …0130→…0155, …) and, not counted
        // in SOURCES.md, one reversed interval 2015-12-20 16:45→16:00 local: all 70 kept, all SUSPECT
        List<Observation> irregular = obs.stream().filter(o -> o.end().isAfter(o.start())
                && !Duration.between(o.start(), o.end()).equals(Duration.ofMinutes(15))).toList();
        assertThat(irregular).hasSize(69).allMatch(o -> o.quality() == Quality.SUSPECT);
        List<Observation> reversed = obs.stream().filter(o -> !o.end().isAfter(o.start())).toList();
        assertThat(reversed).singleElement().satisfies(o -> {
            assertThat(o.start()).isEqualTo(Instant.parse("2015-12-20T15:45:00Z"));
            assertThat(o.end()).isEqualTo(Instant.parse("2015-12-20T15:00:00Z"));
            assertThat(o.quality()).isEqualTo(Quality.SUSPECT);
        });
        assertThat(obs.stream().filter(o -> o.quality() == Quality.SUSPECT)).hasSize(70);
        assertThat(obs).allSatisfy(o -> {
            assertThat(o.assetId()).isEqualTo("US0001062600000001000000022345671");
            assertThat(o.quantity()).isEqualTo("energy_import");
            assertThat(o.unit()).isEqualTo("Wh");
            assertThat(o.seriesId()).isEqualTo("US0001062600000001000000022345671.energy_import.1-1:1.10.0");
        });
        // DTM+163:201512010000?+01:303 is 2015-11-30T23:00Z
        assertThat(obs.get(0).start()).isEqualTo(Instant.parse("2015-11-30T23:00:00Z"));
        assertThat(obs.get(obs.size() - 1).end()).isEqualTo(Instant.parse("2015-12-31T23:00:00Z"));
    }

    @Test
    void multiLocSampleHasTwoLocationsWith2972IntervalsEachAcrossSpringDstChange() {
        MsconsResult r = MsconsFixtures.parse("vdmitriyev_MSCONS_TL_Multiple_LOC_SAMPLE.txt");

        assertThat(r.errors()).as("UNT counts are correct").isEmpty();
        assertThat(r.summary().messages()).isEqualTo(2);
        Map<String, List<Observation>> byLoc = r.observations().stream()
                .collect(Collectors.groupingBy(Observation::assetId));
        assertThat(byLoc).containsOnlyKeys("51481308448", "51481308456");
        byLoc.values().forEach(series -> {
            assertThat(series).hasSize(2972);
            assertThat(series.get(0).start()).isEqualTo(Instant.parse("2022-02-28T23:00:00Z"));
            assertThat(series.get(series.size() - 1).end()).isEqualTo(Instant.parse("2022-03-31T22:00:00Z"));
            assertThat(series).allMatch(o -> o.quality() == Quality.MEASURED)
                    .allMatch(o -> o.unit().equals("Wh") && o.quantity().equals("energy"));
            for (int i = 1; i < series.size(); i++) {
                assertThat(series.get(i).start()).isEqualTo(series.get(i - 1).end());
            }
        });
        assertThat(byLoc.get("51481308448").get(0).seriesId()).isEqualTo("51481308448.energy.AUA");
    }

    @Test
    void streamingListenerSeesEveryObservationBeforeTheMessageEnds() throws Exception {
        int[] seen = new int[1];
        int[] ended = new int[1];
        MsconsListener listener = new MsconsListener() {
            @Override
            public void observation(String messageRef, Observation observation) {
                seen[0]++;
            }

            @Override
            public void messageEnded(String messageRef, int observations) {
                ended[0] += observations;
            }
        };
        try (var in = new java.io.InputStreamReader(MsconsFixtures.open("vdmitriyev_MSCONS_TL_Multiple_LOC_SAMPLE.txt"),
                java.nio.charset.StandardCharsets.ISO_8859_1)) {
            MsconsSummary s = new MsconsParser().stream(in, listener);
            assertThat(s.observations()).isEqualTo(2 * 2972);
        }
        assertThat(seen[0]).isEqualTo(2 * 2972);
        assertThat(ended[0]).isEqualTo(2 * 2972);
    }
}
