package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
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
 * The staff's list of a day's bookings at {@code /dat-lich/can-bo/} in a real headless Chromium on a counter PC's
 * screen and on a phone: an officer of the site signs in and sees the day's bookings per field with full names,
 * masked phones and who has arrived; a kiosk account is turned away.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StaffBookingsPageIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @Test
    void anOfficerSeesTheDaysBookingsPerFieldWithMaskedPhones(@TempDir Path dataDir) {
        MutableClock clock = MutableClock.at(LocalDateTime.now(MutableClock.VIETNAM));
        String today = LocalDate.now(clock).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        // an English Chromium shows <input type=date> as mm/dd/yyyy: the day is typed and shown day first all the same
        ChromeDriver browser = Browser.open(1280, 800, "en-US");
        try (TestApi api = TestApi.start(dataDir, clock)) {
            Browser.recordPolicyViolations(browser);
            api.token("kiosk1");
            browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/can-bo/?site=demo");
            Browser.signIn(browser, "officer3", TestApi.PASSWORD);
            clock.set(AppointmentsIT.MONDAY_EIGHT);
            String first = api.book("A", "2026-11-23T08:15:00+07:00", "Nguyễn Văn An", "0912345678");
            api.book("B", "2026-11-23T10:00:00+07:00", "Lê Văn Cường", "0901234567");
            api.checkIn(first);

            WebElement day = browser.findElement(By.id("day"));
            assertThat(day.getDomProperty("placeholder")).isEqualTo("dd/mm/yyyy");
            assertThat(day.getDomProperty("value"))
                    .as("today in Vietnam, day first")
                    .isEqualTo(today);
            day.sendKeys(Keys.chord(Keys.CONTROL, "a"), "31/11/2026", Keys.TAB); // clear() would fire a change
            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#day-error")
                            .equals("\"31/11/2026\" không phải một ngày: nhập dạng dd/mm/yyyy, ví dụ 02/09/2026."));
            browser.findElement(By.id("lang")).click();
            assertThat(Browser.text(browser, "#day-error"))
                    .as("the page's own message follows the language switch")
                    .isEqualTo("\"31/11/2026\" is not a day: enter dd/mm/yyyy, e.g. 02/09/2026.");
            browser.findElement(By.id("lang")).click();
            day.sendKeys(Keys.chord(Keys.CONTROL, "a"), "23/11/2026", Keys.TAB);

            eventually(
                    WITHIN,
                    () -> Browser.text(browser, "#bookings .field[data-service=A]")
                            .contains("1 lịch hẹn, 1 đã đến"));
            assertThat(Browser.text(browser, "#bookings tr[data-code='" + first + "']"))
                    .contains("08:15", "Nguyễn Văn An", "*******678", "Đã đến");
            assertThat(Browser.text(browser, "#bookings .field[data-service=B]"))
                    .contains("1 lịch hẹn, 0 đã đến");
            assertThat(Browser.text(browser, "#day-error")).isEmpty();
            assertThat(Browser.text(browser, "main")).doesNotContain("0912345678", "0901234567");
            assertThat(Browser.policyViolations(browser)).isEmpty();
            Browser.screenshot(browser, "staff-bookings-1280");

            browser.findElement(By.id("lang")).click();
            assertThat(Browser.text(browser, "#bookings .field[data-service=A]"))
                    .contains("1 bookings, 1 arrived");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aKioskAccountIsTurnedAwayInVietnamese(@TempDir Path dataDir) {
        ChromeDriver browser = Browser.open(390, 844);
        try (TestApi api = TestApi.start(dataDir)) {
            browser.get("http://127.0.0.1:" + api.port() + "/dat-lich/can-bo/?site=demo");
            Browser.submitSignIn(browser, "kiosk1", TestApi.PASSWORD);
            eventually(
                    WITHIN, () -> Browser.text(browser, "#error").equals("Tài khoản này không phải tài khoản cán bộ."));
            assertThat(browser.findElement(By.id("view")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }
}
