package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.testkit.Browser;
import org.xephang.testkit.MutableClock;

/**
 * The booking page {@code /dat-lich/} in a real headless Chromium at a phone's 390×844: a citizen chooses a field, a
 * day and a slot, gives a name and phone with consent, gets the code and its QR; the kiosk checks the code in (201),
 * a second check-in gives the same ticket (200); a booking cancelled on the page frees its place. The server's clock
 * is Monday 23 November 2026, 08:00.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BookingPageIT {

    static final LocalDateTime MONDAY_EIGHT = LocalDateTime.of(2026, 11, 23, 8, 0);

    @TempDir
    Path dataDir;

    MutableClock clock;
    TestApi api;
    ChromeDriver browser;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void start() {
        clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        api = TestApi.start(dataDir, clock);
        api.token("kiosk1"); // signed in at the real time: the token library checks expiry on the system clock
        clock.set(MONDAY_EIGHT);
        browser = Browser.open(390, 844);
        Browser.recordPolicyViolations(browser);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        api.close();
    }

    private String book() {
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo");
        click("#fields button[data-service=A]");
        click("#days button[data-day='2026-11-23']");
        click("#slots button[data-start='2026-11-23T08:15:00+07:00']");
        browser.findElement(By.id("name")).sendKeys("Nguyễn Văn An");
        browser.findElement(By.id("phone")).sendKeys("0912 345 678");
        assertThat(browser.findElement(By.id("book")).isEnabled()).isFalse();
        browser.findElement(By.id("consent")).click();
        Browser.screenshot(browser, "booking-page-details");
        browser.findElement(By.id("book")).click();
        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("step-done")).isDisplayed());
        return browser.findElement(By.id("code")).getText();
    }

    private void click(String css) {
        eventually(
                Duration.ofSeconds(20),
                () -> !browser.findElements(By.cssSelector(css)).isEmpty()
                        && browser.findElement(By.cssSelector(css)).isDisplayed());
        browser.findElement(By.cssSelector(css)).click();
    }

    private HttpResponse<Buffer> checkIn(String code) {
        return api.send(
                HttpMethod.POST,
                "/api/v1/sites/demo/check-in",
                "kiosk1",
                new JsonObject().put("code", code).encode());
    }

    @Test
    void aCitizenBooksOnThePhoneAndTheKioskChecksTheCodeInOnce() {
        String code = book();

        assertThat(code).matches("[2-9A-HJKMNP-Z]{8}");
        String summary = browser.findElement(By.id("summary")).getText();
        assertThat(summary).contains("Đất đai", "08:15–08:30", "Nguyễn V*** A", "*******678");
        assertThat(summary).doesNotContain("Văn An", "345");
        assertThat((Long) browser.executeScript("return document.getElementById('qr').naturalWidth"))
                .isPositive();
        assertThat(Browser.policyViolations(browser))
                .as("Content-Security-Policy violations")
                .isEmpty();
        Browser.screenshot(browser, "booking-page-code");

        HttpResponse<Buffer> first = checkIn(code);
        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
        HttpResponse<Buffer> second = checkIn(code);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.bodyAsJsonObject().getString("id"))
                .isEqualTo(first.bodyAsJsonObject().getString("id"));

        browser.findElement(By.id("lang")).click();
        assertThat(browser.findElement(By.cssSelector("#step-done h1")).getText())
                .isEqualTo("Appointment booked");
    }

    @Test
    void aBookingFoundByItsCodeCanBeCancelledAndItsPlaceIsFreeAgain() {
        String code = book();
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo&ma=" + code);
        click("#find-form button");
        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("step-done")).isDisplayed());

        browser.findElement(By.id("cancel-booking")).click();

        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("step-cancelled")).isDisplayed());
        assertThat(browser.findElement(By.id("cancelled-text")).getText())
                .isEqualTo("Lịch hẹn " + code + " đã được hủy.");
        HttpResponse<Buffer> slots =
                api.send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=A&date=2026-11-23", null, null);
        assertThat(slots.bodyAsJsonObject()
                        .getJsonArray("slots")
                        .getJsonObject(0)
                        .getInteger("booked"))
                .isZero();
    }

    @Test
    void aBookingIsMovedOnThePageWithItsCodeAndItsOldPlaceIsFreeAgain() {
        String code = book();
        click("#move-booking");
        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("moving")).isDisplayed());
        assertThat(browser.findElement(By.id("moving")).getText()).startsWith("Đổi lịch hẹn " + code);
        click("#days button[data-day='2026-11-24']");
        click("#slots button[data-start='2026-11-24T09:00:00+07:00']");

        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("moved-note")).isDisplayed());
        assertThat(browser.findElement(By.id("code")).getText()).isEqualTo(code);
        assertThat(browser.findElement(By.id("summary")).getText()).contains("24/11", "09:00–09:15");
        Browser.screenshot(browser, "booking-page-moved");
        HttpResponse<Buffer> old =
                api.send(HttpMethod.GET, "/api/v1/sites/demo/appointments/slots?service=A&date=2026-11-23", null, null);
        assertThat(old.bodyAsJsonObject().getJsonArray("slots").getJsonObject(0).getInteger("booked"))
                .isZero();
        assertThat(api.send(HttpMethod.GET, "/api/v1/appointments/" + code, null, null)
                        .bodyAsJsonObject()
                        .getString("start"))
                .isEqualTo("2026-11-24T09:00:00+07:00");
        assertThat(Browser.policyViolations(browser)).isEmpty();
    }

    @Test
    void theServersRefusalIsShownInVietnameseOnAVietnamesePageAndInEnglishAfterTheSwitch() {
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo&ma=ZZZZZZZZ");
        click("#find-form button");

        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("error")).isDisplayed());
        assertThat(Browser.text(browser, "#error"))
                .isEqualTo("Không tìm thấy lịch hẹn với mã này. Vui lòng kiểm tra lại mã (8 ký tự) hoặc đặt lịch mới.");

        click("#lang"); // said again in English when the page switches
        eventually(
                Duration.ofSeconds(20),
                () -> Browser.text(browser, "#error")
                        .equals("No appointment with this code. Please check the code (8 characters) or book a new"
                                + " appointment."));
    }

    @Test
    void theServersRefusalIsShownInEnglishOnAPageSwitchedToEnglish() {
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo&ma=ZZZZZZZZ");
        click("#lang");
        eventually(Duration.ofSeconds(20), () -> Browser.text(browser, "#lang").equals("Tiếng Việt"));
        click("#find-form button");

        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("error")).isDisplayed());
        assertThat(Browser.text(browser, "#error"))
                .isEqualTo(
                        "No appointment with this code. Please check the code (8 characters) or book a new appointment.");
        Browser.screenshot(browser, "booking-page-refusal-en");
    }

    @Test
    void theDaysTheSiteDoesNotWorkCannotBeChosen() {
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo");
        click("#fields button[data-service=A]");
        click("#days button[data-day='2026-11-23']");
        browser.navigate().back();
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo");
        click("#fields button[data-service=A]");
        eventually(
                Duration.ofSeconds(20),
                () -> browser.findElement(By.id("step-day")).isDisplayed());

        assertThat(browser.findElement(By.cssSelector("#days button[data-day='2026-11-28']"))
                        .isEnabled())
                .isFalse();
        assertThat(browser.findElement(By.cssSelector("#days button[data-day='2026-11-24']"))
                        .isEnabled())
                .isTrue();
        assertThat(browser.findElements(By.cssSelector("#days button")))
                .as("today and the 14 days after it")
                .hasSize(15);
    }

    @Test
    void inEnglishTheFieldsAreNamedByTheirEnglishNames() {
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo");
        eventually(
                Duration.ofSeconds(20),
                () -> Browser.text(browser, "#fields button[data-service=A]").equals("Đất đai"));

        browser.findElement(By.id("lang")).click();

        eventually(
                Duration.ofSeconds(20),
                () -> Browser.text(browser, "#fields button[data-service=A]").equals("Land"));
        click("#fields button[data-service=C]");
        eventually(
                Duration.ofSeconds(20),
                () -> Browser.text(browser, "#day-field").equals("Certification"));
        Browser.screenshot(browser, "booking-page-english-field");
    }

    @Test
    void daysReadDayFirstInBothLanguagesEvenInAnEnglishBrowser() {
        browser.quit();
        browser = Browser.open(390, 844, "en-US"); // an English Chromium writes its own dates month first
        browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/?site=demo");
        click("#fields button[data-service=A]");
        eventually(
                Duration.ofSeconds(20),
                () -> Browser.text(browser, "#days button[data-day='2026-11-24']")
                        .contains("24/11"));
        browser.findElement(By.id("lang")).click();
        eventually(
                Duration.ofSeconds(20),
                () -> Browser.text(browser, "#step-day h1").equals("Choose a day")
                        && Browser.text(browser, "#days button[data-day='2026-11-24']")
                                .startsWith("Tue"));
        assertThat(Browser.text(browser, "#days button[data-day='2026-11-24']")).contains("24/11");
        click("#days button[data-day='2026-11-24']");
        eventually(
                Duration.ofSeconds(20), () -> Browser.text(browser, "#slot-day").endsWith("24/11"));
    }
}
