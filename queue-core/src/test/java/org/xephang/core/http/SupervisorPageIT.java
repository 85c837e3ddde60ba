package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.testkit.Browser;
import org.xephang.testkit.MutableClock;

/**
 * The supervisor's live view at {@code /supervisor/} in a real headless Chromium: tickets issued and called through
 * the API while the page is open change it without a reload; alerts rise past the site's thresholds (the test centre:
 * 20 minutes of waiting, 10 of pause).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SupervisorPageIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Test
    void linesCountersAndTodaysFiguresFollowTheQueueWithoutAReload(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.start(dataDir)) {
            api.signIn(2);
            Browser.recordPolicyViolations(browser);
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.signIn(browser, "supervisor", TestApi.PASSWORD);
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#lines tr[data-service=A] td.waiting")
                            .equals("0"));
            browser.executeScript("window.stillTheSamePage = true;");

            String number = api.issue("A").getString("number");
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#lines tr[data-service=A] td.waiting")
                            .equals("1"));
            assertThat(Browser.text(browser, "#lines tr[data-service=A] td.longest"))
                    .contains(number);

            api.send(HttpMethod.POST, "/api/v1/sites/demo/counters/2/call-next", "officer2", null);
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#counters tr[data-counter='2']")
                            .contains(number));
            assertThat(Browser.text(browser, "#counters tr[data-counter='2']"))
                    .contains("Đã gọi")
                    .as("the officer by display name, as on the statistics page")
                    .contains("Trần Thị Bình")
                    .doesNotContain("officer2");
            assertThat(Browser.text(browser, "#counters tr[data-counter='5']")).contains("Chưa đăng nhập");
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#figures [data-figure=issued] .value")
                            .equals("1"));
            assertThat(browser.findElements(By.cssSelector("#chart-waits canvas")))
                    .isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#chart-load canvas")))
                    .isNotEmpty();
            // the same chart as the statistics page's, live: today's tickets and who waits now, per field
            eventually(
                    WITHIN,
                    () -> String.valueOf(
                                    browser.findElement(By.id("chart-load")).getDomAttribute("aria-label"))
                            .contains("Đất đai: lấy số 1, đang chờ 0")); // issued today, called since
            assertThat(browser.executeScript("return window.stillTheSamePage === true"))
                    .isEqualTo(true);
            assertThat(browser.executeScript(
                            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                    .isEqualTo(true);
            assertThat(Browser.policyViolations(browser))
                    .as("Content-Security-Policy violations")
                    .isEmpty();
            Browser.screenshot(browser, "supervisor-1366");

            browser.findElement(By.id("lang")).click();
            // the page redraws every second and on each event: wait for the English rows rather than read them once
            eventually(WITHIN, () -> Browser.text(browser, "header h1").startsWith("Live supervision"));
            assertThat(Browser.text(browser, "#live"))
                    .as("the stream's state in English too")
                    .isEqualTo("Live");
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#counters tr[data-counter='5']")
                            .contains("Signed out"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aLongWaitAndALongPauseRaiseAlerts(@TempDir Path dataDir) throws Exception {
        MutableClock clock = MutableClock.nowAwayFromMidnight();
        ChromeDriver browser = Browser.open(1920, 1080);
        try (TestApi api = TestApi.start(dataDir, clock)) {
            api.signIn(3);
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.signIn(browser, "supervisor", TestApi.PASSWORD);
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#lines tr[data-service=B] td.waiting")
                            .equals("0"));

            String number = api.issue("B").getString("number");
            api.send(
                    HttpMethod.POST,
                    "/api/v1/sites/demo/counters/3/pause",
                    "officer3",
                    "{\"reason\":\"Họp giao ban\"}");
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#counters tr[data-counter='3']")
                            .contains("Họp giao ban"));
            assertThat(browser.findElements(By.cssSelector("#alerts li"))).isEmpty();

            clock.advance(Duration.ofMinutes(25));
            api.issue("A"); // any change: the page reads the queue and the server's time again

            eventually(
                    WITHIN,
                    () -> browser.findElements(By.cssSelector("#alerts li")).size() == 2);
            assertThat(Browser.text(browser, "#alerts"))
                    .contains("Hộ tịch: số " + number + " đã chờ 25 phút (ngưỡng 20 phút)")
                    .contains("Quầy 3 tạm dừng đã 25 phút (Họp giao ban), quá 10 phút cho phép");
            Browser.screenshot(browser, "supervisor-1920-alerts");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPauseThatBeganBeforeThePageWasOpenedShowsItsDurationAndRaisesTheAlert(@TempDir Path dataDir)
            throws Exception {
        MutableClock clock = MutableClock.nowAwayFromMidnight();
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.start(dataDir, clock)) {
            api.token("kiosk1"); // tokens are signed before the clock moves
            api.signIn(3);
            api.send(
                    HttpMethod.POST,
                    "/api/v1/sites/demo/counters/3/pause",
                    "officer3",
                    "{\"reason\":\"Họp giao ban\"}");

            // the page opens after the pause began: it never sees the counter.paused event
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.signIn(browser, "supervisor", TestApi.PASSWORD);
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#counters tr[data-counter='3']")
                            .contains("Họp giao ban"));
            clock.advance(Duration.ofMinutes(15));
            api.issue("A"); // any change: the page reads the queue and the server's time again

            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#alerts")
                            .contains("Quầy 3 tạm dừng đã 15 phút (Họp giao ban), quá 10 phút"));
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#counters tr[data-counter='3'] td.since")
                            .startsWith("15:"));
            assertThat(browser.findElement(By.cssSelector("#counters tr[data-counter='3'] td.since"))
                            .getDomAttribute("class"))
                    .contains("long");
            Browser.screenshot(browser, "supervisor-pause-before-open");
            // a waiting-hall screen never learns when the pause began
            assertThat(api.send(HttpMethod.GET, "/api/v1/sites/demo/queue", null, null)
                            .bodyAsJsonObject()
                            .getJsonArray("counters")
                            .getJsonObject(2)
                            .containsKey("pausedAt"))
                    .isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void devicesAreListedLiveWithPaperNearEndPaperOutAndOfflineHighlighted(@TempDir Path dataDir) throws Exception {
        MutableClock clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        ChromeDriver browser = Browser.open(1366, 900);
        try (TestApi api = TestApi.start(dataDir, clock)) {
            api.token("kiosk1"); // signed in before the clock moves
            reportPrinter(api, "PAPER_NEAR_END", "Sắp hết giấy");
            heartbeat(api);
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.signIn(browser, "supervisor", TestApi.PASSWORD);
            eventually(WITHIN, () -> deviceRow(browser, "kiosk1/printer").contains("Sắp hết giấy"));
            assertThat(rowClass(browser, "kiosk1/printer")).isEqualTo("near-end");
            assertThat(deviceRow(browser, "kiosk1")).contains("Kiosk").contains("hoạt động");
            browser.executeScript("window.stillTheSamePage = true;");

            reportPrinter(api, "PAPER_OUT", "Hết giấy");
            eventually(WITHIN, () -> rowClass(browser, "kiosk1/printer").equals("paper-out"));
            assertThat(deviceRow(browser, "kiosk1/printer"))
                    .contains("Máy in vé")
                    .contains("hết giấy");
            assertThat(Browser.text(browser, "#alerts")).contains("Thiết bị kiosk1/printer: hết giấy");

            clock.advance(Duration.ofSeconds(61)); // the kiosk fell silent: no report, no heartbeat for 61 s

            eventually(WITHIN, () -> rowClass(browser, "kiosk1/printer").equals("offline"));
            assertThat(deviceRow(browser, "kiosk1/printer"))
                    .contains("mất kết nối")
                    .contains("Không nhận được tín hiệu quá 60 giây");
            assertThat(rowClass(browser, "kiosk1")).isEqualTo("offline");
            assertThat(api.send(HttpMethod.GET, "/metrics", null, null).bodyAsString())
                    .contains("xephang_device_up{device=\"kiosk1/printer\",kind=\"printer\",site=\"demo\"} 0.0");
            assertThat(browser.executeScript("return window.stillTheSamePage === true"))
                    .isEqualTo(true);
            Browser.screenshot(browser, "supervisor-devices");

            browser.findElement(By.id("lang")).click();
            eventually(WITHIN, () -> deviceRow(browser, "kiosk1/printer").contains("Ticket printer"));
            assertThat(deviceRow(browser, "kiosk1/printer")).contains("offline");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aCounterShowsHowLongItHasServedAndItsOfflineLedAndTodaysFiguresAreAllThere(@TempDir Path dataDir)
            throws Exception {
        MutableClock clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.start(dataDir, clock)) {
            api.signIn(3);
            api.token("board1"); // signed in before the clock moves
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.signIn(browser, "supervisor", TestApi.PASSWORD);
            String served = api.issue("A").getString("id");
            act(api, served, "call", null);
            act(api, served, "start", null);
            act(api, served, "complete", null);
            act(api, served, "rating", "{\"level\":1,\"scale\":3}");
            // The figures are read at most every 5 s (FIGURES_EVERY_MS), so they may lag the tickets by that much: once
            // this page read them here (1 issued, 1 served), a check of "served" alone passed on that read and "issued"
            // read 1 just after. The page is let read them here on purpose; all of them are awaited together below.
            eventually(
                    WITHIN,
                    () -> figure(browser, "served").equals("1")
                            && figure(browser, "issued").equals("1"));
            String absent = api.issue("A").getString("id");
            act(api, absent, "call", null);
            act(api, absent, "no-show", null);
            JsonObject serving = api.issue("B");
            act(api, serving.getString("id"), "call", null);
            act(api, serving.getString("id"), "start", null);
            clock.advance(Duration.ofMinutes(3));
            // the hall screen's LED agent reports the LED above counter 3 as it names it: <agent>/led-<counter>
            assertThat(api.send(
                                    HttpMethod.POST,
                                    "/api/v1/sites/demo/devices/status",
                                    "board1",
                                    new JsonObject()
                                            .put("device", "board1/led-3")
                                            .put("kind", "led")
                                            .put("state", "OFFLINE")
                                            .put("detail", "Cáp tín hiệu bị rút")
                                            .encode())
                            .statusCode())
                    .isEqualTo(204);

            // the row is redrawn every second and on each event: all of it is awaited together
            eventually(WITHIN, () -> {
                String row = Browser.text(browser, "#counters tr[data-counter='3']");
                return row.contains("Thiết bị board1/led-3 mất kết nối")
                        && row.contains("Đang phục vụ")
                        && row.contains(serving.getString("number"));
            });
            assertThat(Browser.text(browser, "#counters tr[data-counter='3'] td.since"))
                    .as("serving for three minutes")
                    .matches("0[34]:\\d{2}");
            eventually(
                    WITHIN,
                    () -> figure(browser, "issued").equals("3")
                            && figure(browser, "served").equals("1")
                            && figure(browser, "no-show").equals("1"));
            assertThat(Browser.text(browser, "#figures [data-figure=wait] .value"))
                    .matches("\\d+,\\d phút");
            assertThat(Browser.text(browser, "#figures [data-figure=satisfaction] .value"))
                    .isEqualTo("100 %");
            Browser.screenshot(browser, "supervisor-counter-led-offline");
        } finally {
            browser.quit();
        }
    }

    private static void act(TestApi api, String ticketId, String action, String body) {
        assertThat(api.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/" + action, "officer3", body)
                        .statusCode())
                .as(action)
                .isEqualTo(200);
    }

    private static void reportPrinter(TestApi api, String state, String detail) {
        assertThat(api.send(
                                HttpMethod.POST,
                                "/api/v1/sites/demo/devices/status",
                                "kiosk1",
                                new io.vertx.core.json.JsonObject()
                                        .put("device", "kiosk1/printer")
                                        .put("kind", "printer")
                                        .put("state", state)
                                        .put("detail", detail)
                                        .encode())
                        .statusCode())
                .isEqualTo(204);
    }

    private static void heartbeat(TestApi api) {
        assertThat(api.send(
                                HttpMethod.POST,
                                "/api/v1/sites/demo/devices/heartbeat",
                                "kiosk1",
                                "{\"agent\":\"kiosk1\",\"kind\":\"kiosk\",\"devices\":[\"kiosk1/printer\"]}")
                        .statusCode())
                .isEqualTo(204);
    }

    private static String deviceRow(ChromeDriver browser, String device) {
        return Browser.text(browser, "#devices tr[data-device='" + device + "']");
    }

    private static String rowClass(ChromeDriver browser, String device) {
        return String.valueOf(browser.executeScript(
                "const e = document.querySelector(\"#devices tr[data-device='\" + arguments[0] + \"']\");"
                        + " return e ? e.className : '';",
                device));
    }

    @Test
    void anOfficerIsRefusedAtSignIn(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.start(dataDir)) {
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.submitSignIn(browser, "officer1", TestApi.PASSWORD);

            eventually(WITHIN, () -> !Browser.text(browser, "#error").isEmpty());
            assertThat(Browser.text(browser, "#error")).contains("không được xem màn hình giám sát");
            assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void theServersRefusalOfAWrongPasswordFollowsTheLanguageSwitch(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.start(dataDir)) {
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.submitSignIn(browser, "supervisor", "not-the-password");

            eventually(WITHIN, () -> Browser.text(browser, "#error").equals("Sai tên đăng nhập hoặc mật khẩu."));
            browser.findElement(By.id("lang")).click();
            eventually(WITHIN, () -> Browser.text(browser, "#error").equals("Wrong username or password."));
            Browser.screenshot(browser, "supervisor-1366-refusal-en");

            Browser.submitSignIn(browser, "supervisor", "still-not-it");
            eventually(WITHIN, () -> Browser.text(browser, "#error").equals("Wrong username or password."));
            browser.findElement(By.id("lang")).click();
            eventually(WITHIN, () -> Browser.text(browser, "#error").equals("Sai tên đăng nhập hoặc mật khẩu."));
        } finally {
            browser.quit();
        }
    }

    @Test
    void theDaysBookingsAreListedPerFieldWithWhoArrivedAndMaskedPhones(@TempDir Path dataDir) throws Exception {
        MutableClock clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = TestApi.start(dataDir, clock)) {
            api.token("kiosk1"); // signed in at the real time, like the page below
            browser.get("http://127.0.0.1:" + api.port() + "/supervisor/?site=demo");
            Browser.signIn(browser, "supervisor", TestApi.PASSWORD);
            clock.set(AppointmentsIT.MONDAY_EIGHT);
            String first = api.book("A", "2026-11-23T08:15:00+07:00", "Nguyễn Văn An", "0912345678");
            api.book("A", "2026-11-23T09:00:00+07:00", "Trần Thị Bình", "0987654321");
            api.book("B", "2026-11-23T10:00:00+07:00", "Lê Văn Cường", "0901234567");
            api.checkIn(first);

            // the day is typed day first, as on every page, whatever the browser's locale
            WebElement day = browser.findElement(By.id("bookings-day"));
            eventually(WITHIN, () -> String.valueOf(day.getDomProperty("value")).matches("\\d{2}/\\d{2}/\\d{4}"));
            day.sendKeys(Keys.chord(Keys.CONTROL, "a"), "31/11/2026", Keys.TAB); // clear() would fire a change
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#bookings-day-error").contains("\"31/11/2026\" không phải một ngày"));
            browser.findElement(By.id("lang")).click(); // the page's own message follows the language switch
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#bookings-day-error")
                            .equals("\"31/11/2026\" is not a day: enter dd/mm/yyyy, e.g. 02/09/2026."));
            browser.findElement(By.id("lang")).click();
            day.sendKeys(Keys.chord(Keys.CONTROL, "a"), "23/11/2026", Keys.TAB); // clear() would fire a change

            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#bookings .field[data-service=A]")
                            .contains("2 lịch hẹn, 1 đã đến"));
            assertThat(Browser.text(browser, "#bookings .field[data-service=B]"))
                    .contains("1 lịch hẹn, 0 đã đến");
            String row = Browser.text(browser, "#bookings tr[data-code='" + first + "']");
            assertThat(row).contains("08:15", "Nguyễn Văn An", "*******678", "Đã đến");
            assertThat(Browser.text(browser, "#bookings")).doesNotContain("0912345678", "0987654321", "0901234567");
            browser.executeScript("document.getElementById('bookings-section').scrollIntoView()");
            Browser.screenshot(browser, "supervisor-bookings");

            browser.findElement(By.id("lang")).click();
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#bookings .field[data-service=A]")
                            .contains("2 bookings, 1 arrived"));
        } finally {
            browser.quit();
        }
    }

    /** The value of one of the day's figures ({@code data-figure}) as the page shows it now. */
    private static String figure(ChromeDriver browser, String name) {
        return Browser.text(browser, "#figures [data-figure=" + name + "] .value");
    }
}
