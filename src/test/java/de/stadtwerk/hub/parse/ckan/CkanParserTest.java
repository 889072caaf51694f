package de.stadtwerk.hub.parse.ckan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.stadtwerk.hub.parse.Fixtures;
import de.stadtwerk.hub.quarantine.BadInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CkanParserTest {

    private final CkanParser parser = new CkanParser();

    @Test
    void realPackageShowWithOrganisation() {
        CkanDataset d = parser.packageShow(Fixtures.open("ckan", "demockan_package_show_17be64bb.json"));

        assertThat(d.id()).isEqualTo("17be64bb-da74-4195-9bb8-565c39846af2");
        assertThat(d.name()).isEqualTo("2016-regione-asia-est-oceania-classi-di-eta");
        assertThat(d.organisation()).isEqualTo("SDB");
        assertThat(d.licenceId()).isEqualTo("cc-by");
        assertThat(d.licenceTitle()).isEqualTo("Creative Commons Attribution");
        assertThat(d.modified()).isEqualTo(Instant.parse("2017-07-05T19:29:07.136124Z"));
        assertThat(d.resources()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("20161231_RASE.csv");
            assertThat(r.format()).isEqualTo("CSV");
            assertThat(r.url()).endsWith("/download/20161231_rase.csv");
        });
    }

    @Test
    void realPackageShowWithoutOrganisation() {
        CkanDataset d = parser.packageShow(Fixtures.open("ckan", "demockan_package_show_62513382.json"));

        assertThat(d.title()).isEqualTo("100 Validated Species of Plants");
        assertThat(d.organisation()).isNull();
        assertThat(d.licenceId()).isEqualTo("other-open");
        assertThat(d.licenceTitle()).isEqualTo("Other (Open)");
    }

    @Test
    void realPackageSearch() {
        CkanSearchResult r = parser.packageSearch(Fixtures.open("ckan", "demockan_package_search.json"));

        assertThat(r.count()).isEqualTo(3);
        assertThat(r.datasets()).extracting(CkanDataset::name).containsExactly(
                "100-validated-species-of-plants",
                "1617in10-regulation-of-sale-of-overseas-properties-20170426-c",
                "2016-regione-asia-est-oceania-classi-di-eta");
        assertThat(r.datasets()).allSatisfy(d -> assertThat(d.resources()).hasSize(1));
        assertThat(r.datasets().get(2).organisation()).isEqualTo("SDB");
    }

    @Test
    void successFalseIsRejectedWithCkansReason() {
        assertThatThrownBy(() -> parser.packageShow(Fixtures.open("ckan", "ckan-package-show-not-found.json")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CKAN package_show answer reports failure (success=false): Not Found Error: Not found");
    }

    @Test
    void htmlPageWithStatus200IsRejected() {
        assertThatThrownBy(() -> parser.packageSearch(Fixtures.open("ckan", "ckan-html-maintenance-page.html")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CKAN package_search answer is not JSON but an HTML page titled"
                        + " 'Wartungsarbeiten – Open-Data-Portal'");
    }

    @Test
    void answerWithoutResultIsRejected() {
        assertThatThrownBy(() -> parser.packageShow(Fixtures.open("ckan", "ckan-package-show-result-missing.json")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CKAN package_show answer has no 'result' field (fields: help, success, data)");
    }

    @Test
    void truncatedAnswerIsRejected() {
        assertThatThrownBy(() -> parser.packageShow(Fixtures.open("ckan", "ckan-package-show-truncated.json")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("CKAN package_show answer is not valid JSON at line");
    }

    @Test
    void jsonThatIsNotAnActionAnswerIsRejected() {
        assertThatThrownBy(() -> parser.packageShow(Fixtures.utf8("{\"id\":\"x\",\"name\":\"y\"}")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CKAN package_show answer is not a CKAN action API answer: no boolean 'success'"
                        + " (fields: id, name)");
    }

    @Test
    void datasetWithoutNameIsRejected() {
        String json = "{\"success\":true,\"result\":{\"count\":1,\"results\":[{\"id\":\"abc\",\"title\":\"T\"}]}}";

        assertThatThrownBy(() -> parser.packageSearch(Fixtures.utf8(json)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CKAN package_search answer result.results[0] has no 'name' field (fields: id, title)");
    }

    @Test
    void emptyBodyIsRejected() {
        assertThatThrownBy(() -> parser.packageShow(Fixtures.utf8("  \n")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("CKAN package_show answer is empty (only white space)");
    }
}
