package de.stadtwerk.hub.publish.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.stadtwerk.hub.ingest.IngestResult;
import de.stadtwerk.hub.model.Observation;
import de.stadtwerk.hub.publish.api.ApiKeys;
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
 * data) is replayed from the page once the asset is known, and leaves the list. Skipped with a message when
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
            "hub.opendata.run-at-start=false", "hub.energiewetter.startup-delay=600000"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserRouteTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ADMIN = "swh_console-browser-test-admin-key-000000000000";
    static final int PORT = ConsoleRouteTest.freePort();
    static final Path DATA = Path.of("target/console-browser-test").toAbsolutePath();
    static final String ASSET = "browser-meter-1";

    static {
        System.setProperty("console-browser-test.port", Integer.toString(PORT));
        System.setProperty("console-browser-test.admin-hash", ApiKeys.hash(ADMIN));
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
    void thePageListsTheRoutesOfTheRunningHubAndAReplayFromTheQuarantineWorks() throws IOException {
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

        Object clockWidth = ((JavascriptExecutor) page).executeScript(
                "const i = document.getElementById('clock'); return i.complete ? i.naturalWidth : -1;");
        assertThat(((Number) clockWidth).intValue()).as("the Energiewetter clock image loaded").isPositive();
        // kept for people who want to see what the test saw (the top of the page: routes and sources)
        ((JavascriptExecutor) page).executeScript("window.scrollTo(0, 0)");
        Files.copy(((org.openqa.selenium.TakesScreenshot) page).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                DATA.resolve("console.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
