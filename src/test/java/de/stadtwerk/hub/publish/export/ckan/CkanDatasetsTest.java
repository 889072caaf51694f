package de.stadtwerk.hub.publish.export.ckan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import de.stadtwerk.hub.publish.feed.FeedCatalogue;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CKAN dataset file: the shipped one, GovData extras, and broken entries left out with a clear reason. */
class CkanDatasetsTest {

    private static CkanDatasets parse(String yaml) throws Exception {
        return CkanDatasets.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), "ckan.yaml", "f1"::equals);
    }

    private static final String GOOD = """
              - name: good-one
                title: Gut
                owner-org: stadtwerk
                license-id: cc-by/4.0
                political-geocoding-uri: https://www.dcat-ap.de/def/politicalGeocoding/municipalityKey/05124000
                extras: {dcat_type: "http://example/type"}
                resources: [{feed: f1}]
            """;

    @Test
    void theShippedFileReadsCleanlyAgainstTheShippedFeeds() {
        FeedCatalogue feeds = FeedCatalogue.load(Path.of("config/feeds.yaml"));
        CkanDatasets d = CkanDatasets.load(Path.of("config/ckan-datasets.yaml"), id -> feeds.find(id).isPresent());
        assertThat(d.errors()).isEmpty();
        assertThat(d.all()).isNotEmpty().allSatisfy(ds -> {
            assertThat(ds.licenseId()).isNotBlank();
            assertThat(ds.extras()).containsKeys("publisher_name", "contact_email", "contributorID");
        });
    }

    @Test
    void listsBecomeJsonExtrasAndFreeExtrasAreKept() throws Exception {
        CkanDataset d = parse("datasets:\n" + GOOD).all().get(0);
        assertThat(d.extras()).containsEntry("politicalGeocodingURI",
                "[\"https://www.dcat-ap.de/def/politicalGeocoding/municipalityKey/05124000\"]")
                .containsEntry("dcat_type", "http://example/type");
        assertThat(d.resources()).singleElement().satisfies(r -> assertThat(r.name()).isEqualTo("f1"));
    }

    @Test
    void brokenEntriesAreLeftOutWithWhereAndWhyAndTheOthersStay() throws Exception {
        CkanDatasets d = parse("""
                datasets:
                  - name: Bad Name
                    title: x
                    owner-org: o
                    license-id: cc-by/4.0
                    resources: [{feed: f1}]
                  - name: no-licence
                    title: x
                    owner-org: o
                    resources: [{feed: f1}]
                  - name: unknown-feed
                    title: x
                    owner-org: o
                    license-id: cc-by/4.0
                    resources: [{feed: nope}]
                  - name: bad-date
                    title: x
                    owner-org: o
                    license-id: cc-by/4.0
                    temporal: {start: 01.01.2024}
                    resources: [{feed: f1}]
                  - name: bad-spatial
                    title: x
                    owner-org: o
                    license-id: cc-by/4.0
                    spatial: Wuppertal
                    resources: [{feed: f1}]
                """ + GOOD + GOOD);
        assertThat(d.all()).extracting(CkanDataset::name).containsExactly("good-one");
        assertThat(d.errors()).hasSize(6);
        assertThat(d.errors().get(0)).startsWith("ckan.yaml: dataset #1 (Bad Name)").contains("a-z, 0-9");
        assertThat(d.errors().get(1)).contains("#2 (no-licence)").contains("'license-id' is missing");
        assertThat(d.errors().get(2)).contains("resource feed 'nope' is not a feed");
        assertThat(d.errors().get(3)).contains("temporal.start '01.01.2024' is not an ISO date");
        assertThat(d.errors().get(4)).contains("spatial must be a GeoJSON geometry");
        assertThat(d.errors().get(5)).contains("#7 (good-one)").contains("appears twice");
    }
}
