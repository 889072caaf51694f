package de.stadtwerk.hub.publish.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import de.stadtwerk.hub.publish.api.ApiKeys;
import de.stadtwerk.hub.publish.export.ExportDeadLetters;
import de.stadtwerk.hub.publish.export.StaFixture;
import de.stadtwerk.hub.publish.export.sensorthings.SensorThingsPush;
import de.stadtwerk.hub.quarantine.QuarantineStore;
import de.stadtwerk.hub.quarantine.QuarantinedItem;
import de.stadtwerk.hub.store.ObservationStore;
import de.stadtwerk.hub.transform.AssetRegistry;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in Debian's headless Chromium, driven by chromedriver (Selenium): the page loads, takes the admin key,
 * lists the routes of the running hub, and a quarantined item (an observation of an asset that was not in the master
 * data) is replayed from the page once the asset is known, and leaves the list; a SensorThings batch of it that the
 * server (WireMock) refused is shown under "Export dead letters" and sent again with its button. Skipped with a message when
 * /usr/bin/chromium or /usr/bin/chromedriver is missing (.ci/run installs both).
 */
@CamelMainTest(propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "camel.server.port={{console-browser-test.port}}", "camel.server.host=127.0.0.1",
            "camel.management.enabled=false",
            "hub.db.url=jdbc:h2:mem:console-browser-test;DB_CLOSE_DELAY=-1",
            "hub.data.dir=target/console-browser-test",
            "hub.api.admin-key-hash={{console-browser-test.admin-hash}}",
            "hub.demo.enabled=false", "hub.embedded.mqtt.port=0", "hub.embedded.mqtt.persistence=in-memory",
            "hub.embedded.opcua.port=0",
            "hub.ingest.require-known-asset=true", "hub.assets.file=target/console-browser-test/assets.csv",
            "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000",
            "hub.export.sensorthings.enabled=true", "hub.export.sensorthings.url={{console-browser-test.sta-url}}",
            "hub.export.sensorthings.quantities=active_power", "hub.export.sensorthings.cron=0 0 0 1 1 ? 2099",
            "hub.export.ckan.cron=0 0 0 1 1 ? 2099",
            "hub.export.retry.max-attempts=2", "hub.export.retry.initial-delay=10", "hub.export.retry.max-delay=20"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserRouteTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ADMIN = "swh_console-browser-test-admin-key-000000000000";
    static final int PORT = ConsoleRouteTest.freePort();
    static final Path DATA = Path.of("target/console-browser-test").toAbsolutePath();
    static final String ASSET = "browser-meter-1";
    static final WireMockServer WM = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        System.setProperty("console-browser-test.port", Integer.toString(PORT));
        System.setProperty("console-browser-test.admin-hash", ApiKeys.hash(ADMIN));
        WM.start();
        StaFixture.serverWithNothing(WM);
        System.setProperty("console-browser-test.sta-url", WM.baseUrl() + "/v1.1");
        try {
            ConsoleRouteTest.deleteTree(DATA);
            Files.createDirectories(DATA);
            Files.copy(Path.of("config/assets.csv"), DATA.resolve("assets.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    AssetRegistry assets;

    @BeanInject
    QuarantineStore quarantine;

    @BeanInject
    ObservationStore store;

    @BeanInject
    ExportDeadLetters deadLetters;

    private WebDriver browser;
    private ChromeDriverService service;

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        WM.stop();
    }

    private WebDriver browser() throws IOException {
        Path profile = Files.createTempDirectory(DATA, "chromium-profile");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(DATA.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1400,2000", "--user-data-dir=" + profile);
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    @Test
    void thePageListsTheRoutesOfTheRunningHubAndAReplayFromTheQuarantineWorks() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "/usr/bin/chromium or /usr/bin/chromedriver is missing: install Debian's chromium and chromium-driver"
                        + " (.ci/run does) to run the browser test of the console");
        IngestResult r = context.createProducerTemplate().requestBodyAndHeader("direct:ingest",
                List.of(Observation.of(ASSET, "active_power", 7.5, "W", Instant.now().truncatedTo(ChronoUnit.SECONDS))),
                "HubSource", "browser-test", IngestResult.class);
        assertThat(r.quarantined()).isEqualTo(1);
        long id = quarantine.search(QuarantinedItem.OPEN, null, null, ASSET, 10).get(0).id();

        WebDriver page = browser();
        page.get("http://127.0.0.1:" + PORT + "/console");
        assertThat(page.getTitle()).contains("console");
        assertThat(page.findElement(By.id("console")).isDisplayed()).as("nothing shown before the key").isFalse();

        page.findElement(By.id("key")).sendKeys("swh_not-the-admin-key-000000000000000000000000");
        page.findElement(By.id("login-button")).click();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(page.findElement(By.id("login-error")).getText()).contains("refused"));

        page.findElement(By.id("key")).sendKeys(ADMIN);
        page.findElement(By.id("login-button")).click();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(page.findElement(By.id("console")).isDisplayed()).isTrue();
            List<String> shown = page.findElements(By.cssSelector("#routes-body tr")).stream()
                    .map(e -> e.getAttribute("data-route-id")).toList();
            assertThat(shown).containsExactlyInAnyOrderElementsOf(context.getRoutes().stream().map(x -> x.getId()).toList());
        });
        WebElement ingestRow = page.findElement(By.cssSelector("#routes-body tr[data-route-id='core-ingest']"));
        assertThat(ingestRow.getText()).contains("Started").contains("routes/core/ingest.camel.yaml");
        assertThat((Boolean) ((JavascriptExecutor) page).executeScript(
                "return sessionStorage.getItem('stadtwerkHubConsoleKey') !== null")).isTrue();

        // the OPC UA simulator's assets are not in the master data either: filter for this test's source
        page.findElement(By.id("q-source")).sendKeys("browser-test");
        page.findElement(By.id("q-apply")).click();
        By row = By.cssSelector("#quarantine-body tr[data-item-id='" + id + "']");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<WebElement> rows = page.findElements(By.cssSelector("#quarantine-body tr"));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getAttribute("data-item-id")).isEqualTo(Long.toString(id));
        });
        assertThat(page.findElement(row).getText()).contains("browser-test").contains(ASSET);
        page.findElement(By.id("view-" + id)).click();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(page.findElement(By.id("q-detail-payload")).getText()).contains("\"assetId\":\"" + ASSET + "\""));

        Path file = DATA.resolve("assets.csv");
        Files.writeString(file, ASSET + ";Browser-Testzähler;meter;51.25;7.15;Elberfeld;42103;;\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(2)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            assets.reloadIfChanged();
            return assets.resolve(ASSET).isPresent();
        });

        page.findElement(By.id("replay-" + id)).click();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(page.findElement(By.id("message")).getText()).contains("Replayed item " + id).contains("REPLAYED");
            assertThat(page.findElements(row)).as("the item left the list of open items").isEmpty();
        });
        assertThat(quarantine.get(id).orElseThrow().status()).isEqualTo(QuarantinedItem.REPLAYED);
        assertThat(store.count(ASSET + ".active_power")).isEqualTo(1);

        // a SensorThings batch of the now stored value, refused by the server, parked; sent again from the page
        StubMapping refuse = WM.stubFor(post(urlEqualTo("/v1.1/CreateObservations")).atPriority(1)
                .willReturn(aResponse().withStatus(400).withBody("{\"code\":400,\"message\":\"Invalid result\"}")));
        SensorThingsPush.RunResult run = context.createProducerTemplate().requestBody("direct:sensorthings-push", null,
                SensorThingsPush.RunResult.class);
        assertThat(run.parked()).isEqualTo(1);
        long parked = deadLetters.parked().get(0).id();
        WM.removeStub(refuse);
        page.findElement(By.id("refresh")).click();
        By exportRow = By.cssSelector("#exports-body tr[data-dead-letter-id='" + parked + "']");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(page.findElement(exportRow).getText()).contains("sensorthings").contains(ASSET + ".active_power")
                    .contains("PARKED").contains("HTTP 400");
            assertThat(page.findElement(By.id("exports-parked")).getText()).isEqualTo("1 parked");
        });
        ((JavascriptExecutor) page).executeScript("document.getElementById('exports').scrollIntoView()");
        Files.copy(((org.openqa.selenium.TakesScreenshot) page).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                DATA.resolve("console-exports.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        page.findElement(By.id("export-replay-" + parked)).click();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(page.findElement(By.id("message")).getText()).contains("Sent dead letter " + parked + " again")
                    .contains("REPLAYED");
            assertThat(page.findElement(exportRow).getText()).contains("REPLAYED");
            assertThat(page.findElements(By.id("export-replay-" + parked))).as("no button once sent").isEmpty();
            assertThat(page.findElement(By.id("exports-parked")).getText()).isEqualTo("none parked");
        });
        assertThat(deadLetters.parked()).isEmpty();
        assertThat(StaFixture.observationsSent(WM).get(ASSET + ".active_power")).hasSize(1);

        Object clockWidth = ((JavascriptExecutor) page).executeScript(
                "const i = document.getElementById('clock'); return i.complete ? i.naturalWidth : -1;");
        assertThat(((Number) clockWidth).intValue()).as("the Energiewetter clock image loaded").isPositive();
        // kept for people who want to see what the test saw (the top of the page: routes and sources)
        ((JavascriptExecutor) page).executeScript("window.scrollTo(0, 0)");
        Files.copy(((org.openqa.selenium.TakesScreenshot) page).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                DATA.resolve("console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
