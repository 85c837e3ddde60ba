package org.xephang.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo's pages in real Chromium: the devices page speaks plainly and keeps its buttons; no page logs an error. */
class DemoPagesIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path data;

    static DemoCentre centre;
    static String base;
    static ChromeDriver browser;

    @BeforeAll
    static void startTheDemo() throws Exception {
        assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        centre = DemoCentre.start(Path.of("..", "examples", "centre.yaml"), data, "127.0.0.1", 0);
        StringWriter text = new StringWriter();
        centre.describe(new PrintWriter(text, true));
        base = text.toString().lines().findFirst().orElseThrow().replace("listening on ", "");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    @AfterAll
    static void stopTheDemo() {
        if (browser != null) {
            browser.quit();
        }
        if (centre != null) {
            centre.close();
        }
    }

    @Test
    void aKeypadPressSaysInPlainVietnameseWhatHappenedAndTheButtonsStayPut() throws Exception {
        browser.get(base + "/devices/");
        WebElement button = waiting(10)
                .until(driver -> driver.findElements(By.cssSelector("#keypads button")).stream()
                        .filter(b -> b.getText().equals("2"))
                        .findFirst()
                        .orElse(null));
        long refreshes = stateRequests();
        waiting(10).until(driver -> stateRequests() >= refreshes + 2); // the page re-read the devices twice

        button.click(); // the same element: not rebuilt meanwhile (a stale one would throw)

        WebElement message = browser.findElement(By.id("msg"));
        waiting(10).until(driver -> !message.getText().isEmpty());
        assertThat(message.getText())
                .startsWith("Quầy 1: đã bấm 2 — ")
                .contains("chưa có lượt nào chờ đánh giá")
                .doesNotContain("Ignored")
                .doesNotContain("[");
        assertThat(message.getDomAttribute("class")).isEqualTo("info");
        screenshot("devices");
    }

    @Test
    void theDemoPagesLoadWithoutErrorsInTheConsole() {
        for (String page : List.of("/", "/devices/", "/kiosk/", "/board/", "/counter/", "/stats/?site=demo")) {
            browser.get(base + page);
            waiting(10).until(driver -> "complete".equals(browser.executeScript("return document.readyState")));
            waiting(10)
                    .until(driver -> !driver.findElements(By.cssSelector("link[rel=icon]"))
                            .isEmpty());
            assertThat(consoleErrors()).as(page).isEmpty();
        }
    }

    private static long stateRequests() {
        return (Long) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.endsWith('/api/state')).length;");
    }

    private static List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
