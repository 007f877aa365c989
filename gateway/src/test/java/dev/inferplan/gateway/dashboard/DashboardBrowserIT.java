package dev.inferplan.gateway.dashboard;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver; .ci/run installs them)
 * against the suite as processes: real catalog, pricing and recommender behind the gateway. The
 * recommend page asks the real recommender, over a small catalog and price book made by the test (two
 * versions with published evidence on an L4 pool, two L4 offers of which one is over the budget asked).
 * Each page is photographed at 1280×800 and 390×844 under {@code target/screenshots/}, and no page may
 * log a console error.
 */
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("inferplan.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("inferplan.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String H2 = ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final List<ServiceProcess> processes = new ArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServiceProcess gateway;
    private static long versionInReview;
    private WebDriver browser;

    @BeforeAll
    static void startTheSuite() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "headless Chromium and chromedriver are needed (apt-get install chromium chromium-driver; .ci/run does)");
        ServiceProcess catalog = start("catalog-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:catalog" + H2,
                "catalog.seed.enabled", "false", "catalog.artifacts.file-roots", "/models", "catalog.gates.tier3-approvals", "1"));
        ServiceProcess pricing = start("pricing-service", ServiceProcess.config("DB_URL", "jdbc:h2:mem:pricing" + H2,
                "pricing.seed.enabled", "false"));
        ServiceProcess recommender = start("recommender-service", ServiceProcess.config(
                "catalog.grpc.uri", catalog.baseUri().toString(),
                "pricing.grpc.uri", pricing.baseUri().toString(),
                "DB_URL", "jdbc:h2:mem:recommender" + H2,
                // every request checks whether the catalog or the book changed: the test's data is seen at once
                "recommender.snapshot.check-interval", "PT0S"));
        gateway = start("gateway", ServiceProcess.config(
                "inferplan.services.catalog", catalog.baseUri().toString(),
                "inferplan.services.pricing", pricing.baseUri().toString(),
                "inferplan.services.recommender", recommender.baseUri().toString(),
                "inferplan.services.runner", "http://127.0.0.1:9"));
        versionInReview = versionWaitingForReview();
        versionsToRecommend();
        Files.createDirectories(SCREENSHOTS);
    }

    private static ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess process = ServiceProcess.start(module, config);
        processes.add(process);
        return process;
    }

    @AfterAll
    static void stopTheSuite() {
        processes.reversed().forEach(ServiceProcess::close);
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aTeamMemberRecommendsAndSeesThePlansAndThePlot() {
        signIn("tina", "team");
        browser.get(gateway.baseUri() + "/#/recommend");
        WebElement form = await(By.cssSelector("form[aria-label='Recommendation request']"));
        fill("budget", "800");
        fill("providers", "lab");
        fill("statuses", "PROPOSED");
        new Select(browser.findElement(By.name("evidence"))).selectByValue("WITH_PUBLISHED");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        // fp32 and int8 on the L4 node within the budget: 1 replica each (200 and 400 qps at the SLO against a
        // peak of 60 at 70 %), $0.95 × 730 = $693.50 a month
        WebElement plans = await(By.cssSelector("#results table tbody tr"));
        assertTrue(plans.getText().contains("browser-recommend"), plans.getText());
        List<WebElement> rows = browser.findElements(By.xpath("//h2[.='Plans']/following-sibling::div//tbody/tr"));
        assertEquals(2, rows.size());
        rows.forEach(row -> assertTrue(row.getText().contains("l4-small") && row.getText().contains("693.50"), row.getText()));
        // the L4 node over the budget ($1.40 × 730 = $1,022.00) is rejected for both versions: plotted apart
        WebElement chart = browser.findElement(By.id("frontier-chart"));
        assertEquals("2", chart.getAttribute("data-rejected-points"), "both over-budget candidates plotted as rejected");
        assertTrue(Integer.parseInt(chart.getAttribute("data-points")) >= 6, "2 plans, the frontier and 2 rejected");
        assertTrue(chart.findElements(By.tagName("canvas")).size() > 0, "the plot is drawn");
        assertTrue(browser.findElement(By.id("results")).getText().contains("monthly $1022.00 > budget $800.00"),
                "rejections grouped: " + browser.findElement(By.id("results")).getText());

        // sorting by quality puts the int8 plan (55.1) before fp32 (56.3)
        browser.findElement(By.xpath("//th/button[.='Quality']")).click();
        assertTrue(browser.findElement(By.cssSelector("#results table tbody tr")).getText().contains("int8"));

        browser.findElement(By.id("save-report")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("report-status"), "Saved as report "));
        photograph("recommend");
        assertNoConsoleErrors();
    }

    private void fill(String name, String value) {
        WebElement input = browser.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    @Test
    void aReviewerOpensTheQueueReadsTheCardAndApproves() {
        signIn("rita", "reviewer");
        browser.get(gateway.baseUri() + "/#/catalog");
        WebElement queueRow = await(By.xpath("//div[@id='review-queue']//tbody/tr[td[1]='" + versionInReview + "']"));
        queueRow.click();
        WebElement card = await(By.id("model-card"));
        assertTrue(card.getText().contains("browser-it"), card.getText());
        WebElement detail = browser.findElement(By.id("version-detail"));
        assertTrue(detail.getText().contains("recommender report 7"), "the attached estimate is shown: " + detail.getText());
        assertTrue(detail.getText().contains("valid"), "the evidence with its validity");
        photograph("catalog-review");

        browser.findElement(By.name("reason")).sendKeys("Measured, priced from report 7, within budget.");
        browser.findElement(By.id("approve")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("review-status"), "APPROVED"));
        JsonObject version = get("/api/catalog/versions/" + versionInReview, "viewer");
        assertEquals("APPROVED", version.getString("status"));
        photograph("catalog");
        assertNoConsoleErrors();
    }

    @Test
    void anAdminImportsASmallPriceListAndWatchesItFinish() throws IOException {
        signIn("ada", "admin");
        browser.get(gateway.baseUri() + "/#/pricing");
        await(By.cssSelector("form[aria-label='Import a price list']"));
        Path list = Files.writeString(Path.of("target", "browser-price-list.csv"), """
                region,instance_type,vcpus,memory_gib,accelerator,accelerator_count,purchase_option,price,currency,unit
                dc-1,gpu-node-1,16,64,L4,1,ON_DEMAND,0.95,USD,hour
                dc-1,gpu-node-2,32,128,L4,2,ON_DEMAND,1.80,USD,hour
                dc-1,cpu-node,8,32,,,ON_DEMAND,0.40,USD,hour
                """);
        browser.findElement(By.name("file")).sendKeys(list.toAbsolutePath().toString());
        browser.findElement(By.name("provider")).sendKeys("onprem");
        new Select(browser.findElement(By.name("format"))).selectByValue("suite-csv");
        browser.findElement(By.cssSelector("form[aria-label='Import a price list'] button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("import-status"), "SUCCEEDED"));
        assertEquals("100", browser.findElement(By.id("import-progress")).getAttribute("value"));
        assertTrue(browser.findElement(By.id("import-status")).getText().contains("3 offers"),
                browser.findElement(By.id("import-status")).getText());
        // the new version is listed, and the offers reload shows them in the chart
        browser.navigate().refresh();
        await(By.xpath("//div[@id='versions']//tbody/tr"));
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                // its 2 offers with accelerators, and the 2 of the provider "lab" the recommend page uses
                ExpectedConditions.attributeToBe(By.id("price-chart"), "data-points", "4"));
        photograph("pricing");
        assertNoConsoleErrors();
    }

    @Test
    void theBenchmarksPageAndSwaggerUiLoadWithoutErrors() {
        signIn("vera", "viewer");
        browser.get(gateway.baseUri() + "/#/benchmarks");
        await(By.xpath("//div[@id='pools']//tbody/tr"));
        browser.findElement(By.name("modelVersion")).sendKeys(Long.toString(versionInReview));
        browser.findElement(By.cssSelector("form[aria-label='Results of a model version'] button")).click();
        await(By.xpath("//section//table//tr[contains(@class,'invalid')]"));
        assertEquals("2", browser.findElement(By.id("curves-chart")).getAttribute("data-points"));
        photograph("benchmarks");
        assertNoConsoleErrors();

        browser.get(gateway.baseUri() + "/docs/");
        await(By.cssSelector(".swagger-ui .opblock"));
        photograph("docs");
        assertNoConsoleErrors();
    }

    private void signIn(String user, String role) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.get(gateway.baseUri() + "/");
        WebElement token = await(By.name("token"));
        token.sendKeys(TestTokens.token(user, role));
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        await(By.id("logout"));
    }

    private WebElement await(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void photograph(String page) {
        try {
            for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
                browser.manage().window().setSize(size);
                Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, SCREENSHOTS.resolve(page + "-" + size.width + "x" + size.height + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            browser.manage().window().setSize(new Dimension(1280, 800));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "console errors on " + browser.getCurrentUrl());
    }

    /** A version IN_REVIEW with a published result (one valid point, one invalid) and a cost estimate. */
    private static long versionWaitingForReview() throws Exception {
        long family = post("/api/catalog/families", "team", """
                {"name": "browser-it", "task": "text-embedding", "owner": "search-team", "license": "Apache-2.0",
                 "description": "The browser test's family."}""").getJsonNumber("id").longValue();
        long version = post("/api/catalog/families/" + family + "/versions", "team", """
                {"label": "int8", "artifact": {"uri": "file:/models/browser-it.onnx", "sha256": "%s", "format": "onnx"}}"""
                .formatted("ab".repeat(32))).getJsonNumber("id").longValue();
        send("PUT", "/api/benchmarks/pools/published/l4-browser", "admin", """
                {"instanceTypes": ["aws/g6.xlarge"], "accelerator": "nvidia-l4", "acceleratorCount": 1}""");
        for (String point : List.of("\"concurrency\": 1, \"throughputPerS\": 400.0, \"valid\": true, \"invalidReason\": null",
                "\"concurrency\": 4, \"throughputPerS\": 900.0, \"valid\": false, \"invalidReason\": \"p99 unstable across windows\"")) {
            // published evidence is recorded by the committee, with its citation (issue 13 §5)
            post("/api/benchmarks/results", "reviewer", """
                    {"modelVersionId": %d, "pool": "published/l4-browser", "scenario": "OFFLINE", "batchSize": 8, %s,
                     "latencyMs": {"p50": 8.0, "p90": 10.0, "p95": 11.0, "p99": 14.0, "max": 20.0},
                     "queries": 4000, "durationSeconds": 60, "executionProvider": "CUDA",
                     "provenance": {"kind": "PUBLISHED", "source": "vendor sheet"},
                     "citation": {"url": "https://example.com/l4-sheet"}}""".formatted(version, point));
        }
        JsonObject estimate = post("/api/catalog/versions/" + version + "/cost-estimates", "team", """
                {"pool": "published/l4-browser", "purchaseOption": "ON_DEMAND", "costPer1kUsd": "0.0021",
                 "monthlyUsd": "693.50", "assumptions": "steady 20 qps", "source": "recommender report 7"}""");
        // a hand-typed estimate passes the cost gate once a reviewer accepts it with a reason (issue 12)
        post("/api/catalog/versions/" + version + "/cost-estimates/" + estimate.getJsonNumber("id").longValue()
                + "/acceptance", "reviewer", """
                {"reason": "checked against the vendor sheet for this test"}""");
        post("/api/catalog/versions/" + version + "/reviews", "team", """
                {"action": "SUBMIT", "reason": "ready"}""");
        return version;
    }

    /**
     * What the recommend page asks about: two versions of a text-embedding family (mteb_avg 56.3 and 55.1,
     * PROPOSED) with published OFFLINE evidence on an L4 pool (fp32 200/s at p95 30 ms, int8 400/s at p95
     * 20 ms, batch 8), and the provider "lab" with two one-L4 nodes, $0.95 and $1.40 an hour.
     */
    private static void versionsToRecommend() throws Exception {
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUri() + "/api/pricing/imports?format=suite-csv&provider=lab&mode=strict&wait=true"))
                .header("Authorization", TestTokens.bearer("admin")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        region,instance_type,vcpus,memory_gib,accelerator,accelerator_count,purchase_option,price,currency,unit
                        lab-1,l4-small,8,32,L4,1,ON_DEMAND,0.95,USD,hour
                        lab-1,l4-large,16,64,L4,1,ON_DEMAND,1.40,USD,hour
                        """)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, imported.statusCode(), imported.body());
        long family = post("/api/catalog/families", "team", """
                {"name": "browser-recommend", "task": "text-embedding", "owner": "search-team", "license": "Apache-2.0",
                 "description": "The browser test's versions to recommend."}""").getJsonNumber("id").longValue();
        send("PUT", "/api/benchmarks/pools/published/l4-recommend", "admin", """
                {"instanceTypes": ["aws/g6.xlarge"], "accelerator": "nvidia-l4", "acceleratorCount": 1}""");
        for (String[] version : List.of(new String[] {"fp32", "56.3", "200.0", "30.0"}, new String[] {"int8", "55.1", "400.0", "20.0"})) {
            long id = post("/api/catalog/families/" + family + "/versions", "team", """
                    {"label": "%s", "artifact": {"uri": "file:/models/browser-recommend-%s.onnx", "sha256": "%s", "format": "onnx"}}"""
                    .formatted(version[0], version[0], "cd".repeat(32))).getJsonNumber("id").longValue();
            post("/api/catalog/versions/" + id + "/metrics", "team", """
                    {"name": "mteb_avg", "value": %s, "dataset": "MTEB(eng, v1)", "split": "test", "higherIsBetter": true,
                     "provenance": {"kind": "PUBLISHED", "source": "the browser test's statement"}}""".formatted(version[1]));
            post("/api/benchmarks/results", "reviewer", """
                    {"modelVersionId": %d, "pool": "published/l4-recommend", "scenario": "OFFLINE", "batchSize": 8,
                     "concurrency": 1, "throughputPerS": %s, "valid": true, "invalidReason": null,
                     "latencyMs": {"p50": 10.0, "p90": 15.0, "p95": %s, "p99": 40.0, "max": 50.0},
                     "queries": 4000, "durationSeconds": 60, "executionProvider": "CUDA",
                     "provenance": {"kind": "PUBLISHED", "source": "vendor sheet"},
                     "citation": {"url": "https://example.com/l4-sheet"}}""".formatted(id, version[2], version[3]));
        }
    }

    private static JsonObject post(String path, String role, String body) throws Exception {
        return send("POST", path, role, body);
    }

    private static JsonObject send(String method, String path, String role, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                .header("Authorization", TestTokens.bearer(role)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, () -> method + " " + path + ": " + response.statusCode() + " " + response.body());
        return response.body().isBlank() ? JsonObject.EMPTY_JSON_OBJECT
                : Json.createReader(new StringReader(response.body())).readValue() instanceof JsonObject o ? o : JsonObject.EMPTY_JSON_OBJECT;
    }

    private static JsonObject get(String path, String role) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUri() + path))
                    .header("Authorization", TestTokens.bearer(role)).build(), HttpResponse.BodyHandlers.ofString());
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
