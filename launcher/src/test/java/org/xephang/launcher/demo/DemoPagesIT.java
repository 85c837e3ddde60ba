package org.xephang.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.xephang.testkit.Browser;

/** The demo's pages in real Chromium: the devices page speaks plainly and keeps its buttons; no page logs an error. */
class DemoPagesIT {

    @TempDir
    static Path data;

    static DemoCentre centre;
    static String base;
    static ChromeDriver browser;

    @BeforeAll
    static void startTheDemo() throws Exception {
        Browser.assumeInstalled();
        centre = DemoCentre.start(Path.of("..", "examples", "centre.yaml"), data, "127.0.0.1", 0);
        StringWriter text = new StringWriter();
        centre.describe(new PrintWriter(text, true));
        base = text.toString().lines().findFirst().orElseThrow().replace("listening on ", "");
        browser = Browser.open(1366, 900);
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
        Browser.screenshot(browser, "devices");
    }

    @Test
    void theDemoPagesLoadWithoutErrorsInTheConsole() {
        for (String page : List.of("/", "/devices/", "/kiosk/", "/board/", "/counter/", "/stats/?site=demo")) {
            browser.get(base + page);
            waiting(10).until(driver -> "complete".equals(browser.executeScript("return document.readyState")));
            waiting(10)
                    .until(driver -> !driver.findElements(By.cssSelector("link[rel=icon]"))
                            .isEmpty());
            assertThat(Browser.consoleErrors(browser)).as(page).isEmpty();
        }
    }

    private static long stateRequests() {
        return (Long) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.endsWith('/api/state')).length;");
    }

    private static WebDriverWait waiting(int seconds) {
        return Browser.waiting(browser, seconds);
    }
}
