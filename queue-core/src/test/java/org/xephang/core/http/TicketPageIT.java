package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    void aCitizenLeavesANumberOnThePhoneWithConsentAndSeesItMaskedInBothLanguages(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(390, 844);
        try (TestApi api = TestApi.startWithDossierRoutes(dataDir, "/http/notify-centre.yaml")) {
            String id = api.issue("A").getString("id");
            browser.get("http://127.0.0.1:" + api.port() + "/t/" + id);
            eventually(
                    Duration.ofSeconds(30),
                    () -> browser.findElement(By.id("notify")).isDisplayed());
            assertThat(text(browser, "notify-title")).isEqualTo("Nhận tin nhắn báo lượt");
            assertThat(text(browser, "notify-consent-text"))
                    .startsWith("Tôi đồng ý để số này được dùng chỉ để gửi tin nhắn SMS")
                    .contains("xoá khi hết ngày");

            // Without consent, nothing is sent to the server.
            browser.findElement(By.id("notify-phone")).sendKeys("0912 345 678");
            browser.findElement(By.id("notify-submit")).click();
            eventually(
                    Duration.ofSeconds(10), () -> text(browser, "notify-result").startsWith("Vui lòng đánh dấu"));

            // A landline is refused by the server, in Vietnamese.
            browser.findElement(By.id("notify-phone")).clear();
            browser.findElement(By.id("notify-phone")).sendKeys("028 3812 3456");
            browser.findElement(By.id("notify-consent")).click();
            browser.findElement(By.id("notify-submit")).click();
            eventually(
                    Duration.ofSeconds(10), () -> text(browser, "notify-result").startsWith("Số điện thoại"));
            // ... and in English (its messageEn) on the page switched to English.
            browser.findElement(By.id("lang")).click();
            eventually(
                    Duration.ofSeconds(10),
                    () -> text(browser, "notify-result")
                            .startsWith("Invalid phone number: a Vietnamese mobile number of 10 digits"));
            browser.findElement(By.id("lang")).click();
            eventually(
                    Duration.ofSeconds(10), () -> text(browser, "notify-result").startsWith("Số điện thoại"));

            browser.findElement(By.id("notify-phone")).clear();
            browser.findElement(By.id("notify-phone")).sendKeys("0912 345 678");
            browser.findElement(By.id("notify-submit")).click();
            eventually(
                    Duration.ofSeconds(10),
                    () -> text(browser, "notify-result").equals("Đã đăng ký: sẽ gửi tin nhắn SMS tới số *******678."));
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("345 678", "0912345678");
            Browser.screenshot(browser, "ticket-notify");

            browser.findElement(By.id("lang")).click();
            assertThat(text(browser, "notify-title")).isEqualTo("Get a message when it is your turn");
            assertThat(text(browser, "notify-result")).isEqualTo("Done: we will send a text message to *******678.");

            // Reopened later, the page still knows, and says only the masked number.
            browser.navigate().refresh();
            eventually(
                    Duration.ofSeconds(30), () -> text(browser, "notify-result").contains("*******678"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSiteThatSendsNoMessagesOffersNoForm(@TempDir Path dataDir) {
        ChromeDriver browser = openBrowser();
        try (TestApi api = TestApi.startWithDossierRoutes(dataDir, "/http/centre.yaml")) {
            String id = api.issue("A").getString("id");
            browser.get("http://127.0.0.1:" + api.port() + "/t/" + id);
            eventually(Duration.ofSeconds(30), () -> text(browser, "number").equals("A0001"));
            JsonObject offer = api.send(HttpMethod.GET, "/api/v1/tickets/" + id + "/notify", null, null)
                    .bodyAsJsonObject();
            assertThat(offer.getBoolean("available")).isFalse();
            assertThat(browser.findElement(By.id("notify")).isDisplayed()).isFalse();
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

    /**
     * The phone follows the site's event stream instead of asking every second; once the ticket is done it closes the
     * stream and asks nothing more, and an unknown ticket is asked about once.
     */
    @Test
    void thePhoneFollowsTheLiveStreamAndStopsAskingOnceTheTicketIsDoneOrUnknown(@TempDir Path dataDir)
            throws Exception {
        ChromeDriver browser = Browser.open(390, 844);
        try (TestApi api = TestApi.start(dataDir)) {
            countRequests(browser);
            String id = api.issue("A").getString("id");
            browser.get("http://127.0.0.1:" + api.port() + "/t/" + id);
            eventually(Duration.ofSeconds(30), () -> text(browser, "number").equals("A0001"));
            eventually(Duration.ofSeconds(10), () -> streams(browser).equals("1"));
            // the stream's first message (the snapshot) makes the page read its ticket once more: let that settle
            eventually(
                    Duration.ofSeconds(10),
                    () -> Boolean.TRUE.equals(browser.executeScript("return streamOpen && pending === null")));

            long asked = ticketRequests(browser);
            steady(browser, asked, "a waiting ticket with the stream open is not polled");

            api.signIn(4);
            api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", "officer4", null);
            eventually(Duration.ofSeconds(30), () -> text(browser, "state").equals("Mời đến Quầy 4"));
            api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/complete", "officer4", null);
            eventually(Duration.ofSeconds(30), () -> text(browser, "state").startsWith("Đã hoàn thành"));
            eventually(Duration.ofSeconds(10), () -> streams(browser).equals("closed"));

            long done = ticketRequests(browser);
            api.issue("A"); // an event of the same field: a page still following would ask again
            steady(browser, done, "a finished ticket is asked about no more");
        } finally {
            browser.quit();
        }

        ChromeDriver unknown = Browser.open(390, 844);
        try (TestApi api = TestApi.start(dataDir.resolve("unknown"))) {
            countRequests(unknown);
            unknown.get("http://127.0.0.1:" + api.port() + "/t/khongcophieunay");
            eventually(Duration.ofSeconds(30), () -> text(unknown, "state").equals("Không tìm thấy phiếu này."));
            assertThat(ticketRequests(unknown)).isEqualTo(1);
            steady(unknown, 1, "an unknown ticket is asked about once");
            assertThat(streams(unknown)).isEqualTo("none");
        } finally {
            unknown.quit();
        }
    }

    /** From the next page on, the page's requests for its ticket and its event streams are counted. */
    private static void countRequests(ChromeDriver browser) {
        browser.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__ticketRequests = 0; window.__streams = [];"
                                + "const realFetch = window.fetch;"
                                + "window.fetch = (url, ...rest) => {"
                                + " if (/\\/api\\/v1\\/tickets\\/[^/]+$/.test(String(url))) window.__ticketRequests++;"
                                + " return realFetch(url, ...rest); };"
                                + "const RealEventSource = window.EventSource;"
                                + "window.EventSource = class extends RealEventSource {"
                                + " constructor(...args) { super(...args); window.__streams.push(this); } };"));
    }

    private static long ticketRequests(ChromeDriver browser) {
        return ((Number) browser.executeScript("return window.__ticketRequests")).longValue();
    }

    /** "none", "closed" when every stream the page opened is closed, or how many are open. */
    private static String streams(ChromeDriver browser) {
        return String.valueOf(browser.executeScript("const all = window.__streams;"
                + " if (!all.length) return 'none';"
                + " const open = all.filter(s => s.readyState !== EventSource.CLOSED).length;"
                + " return open === 0 ? 'closed' : String(open);"));
    }

    /** The page makes no request for its ticket for 4 s (the old page asked every second). */
    private static void steady(ChromeDriver browser, long requests, String why) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        while (System.nanoTime() < until) {
            assertThat(ticketRequests(browser)).as(why).isEqualTo(requests);
            Thread.sleep(200);
        }
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static ChromeDriver openBrowser() {
        return Browser.open(412, 915);
    }
}
