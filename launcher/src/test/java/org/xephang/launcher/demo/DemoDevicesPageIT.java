package org.xephang.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.xephang.testkit.Browser;

/**
 * Issue 14's "unplugging a simulated kiosk printer shows it OFFLINE on the supervisor's page and in {@code /metrics}",
 * in real Chromium against the whole demo: "Rút cáp" on the demo's devices page, the kiosk agent reports its printer,
 * the supervisor's live view turns the row red without a reload.
 */
class DemoDevicesPageIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "centre.yaml");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path data;

    @Test
    void unpluggingTheKioskPrinterShowsItOfflineOnTheSupervisorsPageAndInTheMetrics() throws Exception {
        ChromeDriver browser = Browser.open(1366, 900);
        try (DemoCentre centre = DemoCentre.start(EXAMPLE, data, "127.0.0.1", 0)) {
            String base = baseUrl(centre);
            browser.get(base + "/supervisor/?site=demo");
            browser.findElement(By.id("username")).sendKeys("supervisor");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("#sign-in button")).click();
            String printerRow = "#devices tr[data-device='kiosk1/printer']";
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.attributeToBe(By.cssSelector(printerRow), "data-state", "ONLINE"));
            String supervisorTab = browser.getWindowHandle();

            browser.switchTo().newWindow(WindowType.TAB);
            browser.get(base + "/devices/");
            Browser.waiting(browser, 10)
                    .until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-printer=OFFLINE]")));
            // "Rút cáp"; clicked by script, as the page may redraw its buttons between finding and clicking
            browser.executeScript("document.querySelector('button[data-printer=OFFLINE]').click()");
            browser.switchTo().window(supervisorTab);

            // the rows are redrawn as heartbeats arrive: each check finds the row afresh
            Browser.waiting(browser, 20)
                    .until(ExpectedConditions.and(
                            ExpectedConditions.attributeToBe(By.cssSelector(printerRow), "class", "offline"),
                            ExpectedConditions.textToBePresentInElementLocated(
                                    By.cssSelector(printerRow), "mất kết nối"),
                            ExpectedConditions.textToBePresentInElementLocated(
                                    By.id("alerts"), "Thiết bị kiosk1/printer: mất kết nối")));
            assertThat(get(base + "/metrics"))
                    .contains("xephang_device_up{device=\"kiosk1/printer\",kind=\"printer\",site=\"demo\"} 0.0")
                    .contains("xephang_device_state{device=\"kiosk1/printer\",site=\"demo\",state=\"OFFLINE\"} 1.0")
                    .contains("xephang_device_up{device=\"kiosk1\",kind=\"kiosk\",site=\"demo\"} 1.0");
            Browser.screenshot(browser, "demo-supervisor-printer-unplugged");
        } finally {
            browser.quit();
        }
    }

    private static String baseUrl(DemoCentre centre) {
        StringWriter text = new StringWriter();
        centre.describe(new PrintWriter(text, true));
        Matcher listening = Pattern.compile("listening on (\\S+)").matcher(text.toString());
        assertThat(listening.find()).isTrue();
        return listening.group(1);
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
