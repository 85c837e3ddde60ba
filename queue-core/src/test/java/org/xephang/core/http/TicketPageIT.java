package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.testkit.Browser;

/** The public page the QR code opens, in a real headless Chromium: Vietnamese first, live, no personal data. */
class TicketPageIT {

    @Test
    void thePageShowsTheTicketAndTurnsToTheCallingCounterLive(@TempDir Path dataDir) {
        ChromeDriver browser = openBrowser();
        try (TestApi api = TestApi.start(dataDir)) {
            api.issue("A");
            String id = api.issue("A").getString("id");

            browser.get("http://127.0.0.1:" + api.port() + "/t/" + id);

            eventually(Duration.ofSeconds(30), () -> text(browser, "number").equals("A0002"));
            assertThat(text(browser, "state")).isEqualTo("Đang chờ đến lượt");
            assertThat(text(browser, "ahead")).isEqualTo("1");
            assertThat(text(browser, "service")).isEqualTo("Đất đai");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo("vi");

            api.signIn(4);
            api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", "officer4", null);

            eventually(Duration.ofSeconds(30), () -> text(browser, "state").equals("Mời đến Quầy 4"));
            browser.findElement(By.id("lang")).click();
            assertThat(text(browser, "state")).isEqualTo("Please go to Quầy 4");
        } finally {
            browser.quit();
        }
    }

    @Test
    void onceCalledThePhoneSaysWhichCounterInLargeTypeAndNothingAboutTheWait(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(390, 844);
        try (TestApi api = TestApi.start(dataDir)) {
            String id = api.issue("A").getString("id");
            browser.get("http://127.0.0.1:" + api.port() + "/t/" + id);
            eventually(Duration.ofSeconds(30), () -> text(browser, "number").equals("A0001"));

            api.signIn(4);
            api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", "officer4", null);

            eventually(Duration.ofSeconds(30), () -> text(browser, "state").equals("Mời đến Quầy 4"));
            String page = browser.findElement(By.tagName("main")).getText();
            assertThat(page).doesNotContain("Chưa có").doesNotContain("Số người phía trước");
            assertThat(browser.findElement(By.id("ahead")).isDisplayed()).isFalse();
            double stateSize = Double.parseDouble(
                    browser.findElement(By.id("state")).getCssValue("font-size").replace("px", ""));
            assertThat(stateSize).as("the counter to go to, in px").isGreaterThanOrEqualTo(30);
            Browser.screenshot(browser, "ticket-called");
        } finally {
            browser.quit();
        }
    }

    @Test
    void anUnknownTicketSaysSoInVietnamese(@TempDir Path dataDir) {
        ChromeDriver browser = openBrowser();
        try (TestApi api = TestApi.start(dataDir)) {
            browser.get("http://127.0.0.1:" + api.port() + "/t/khongcophieunay");

            eventually(Duration.ofSeconds(30), () -> text(browser, "state").equals("Không tìm thấy phiếu này."));
        } finally {
            browser.quit();
        }
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static ChromeDriver openBrowser() {
        return Browser.open(412, 915);
    }
}
