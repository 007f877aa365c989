import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard's first page load in headless Chromium, from the browser's navigation timing
 * (PerformanceNavigationTiming): a fresh browser each run (nothing cached), RUNS runs.
 *
 * java -cp SELENIUM_CLASSPATH bench/PageLoad.java URL RUNS
 */
public class PageLoad {
    public static void main(String[] args) {
        int runs = Integer.parseInt(args[1]);
        for (int i = 0; i < runs; i++) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("chromium", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800");
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new java.io.File(System.getProperty("chromedriver", "/usr/bin/chromedriver"))).build(), options);
            try {
                browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
                browser.get(args[0]);
                @SuppressWarnings("unchecked")
                Map<String, Object> timing = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                        "const t = performance.getEntriesByType('navigation')[0];"
                        + "return {ttfb: t.responseStart, dcl: t.domContentLoadedEventEnd, load: t.loadEventEnd};");
                System.out.printf("run %d: first byte %.1f ms, DOMContentLoaded %.1f ms, load %.1f ms%n", i + 1,
                        ((Number) timing.get("ttfb")).doubleValue(), ((Number) timing.get("dcl")).doubleValue(),
                        ((Number) timing.get("load")).doubleValue());
            } finally {
                browser.quit();
            }
        }
    }
}
