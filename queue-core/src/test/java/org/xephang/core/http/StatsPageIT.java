package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.testkit.Browser;

/**
 * The managers' statistics page in a real headless Chromium at the managers' screen sizes: sign-in by role, the report
 * at once, dates and names as people read them, tables that fit, charts, and a CSV a spreadsheet computes with.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StatsPageIT {

    @Test
    void anOfficerIsRefusedAtSignInAndASupervisorSeesTheReportAtOnce(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = served(dataDir)) {
            Browser.recordPolicyViolations(browser);
            browser.get("http://127.0.0.1:" + api.port() + "/stats/?site=demo");

            fillSignIn(browser, "officer2");
            eventually(Duration.ofSeconds(20), () -> !text(browser, "error").isEmpty());
            assertThat(text(browser, "error")).contains("không được xem thống kê");
            assertThat(browser.findElement(By.id("query")).isDisplayed()).isFalse();

            fillSignIn(browser, "supervisor");
            eventually(
                    Duration.ofSeconds(20),
                    () -> browser.findElement(By.id("report")).isDisplayed());

            List<String> field = cells(browser.findElement(By.cssSelector("#byService tr[data-key=B]")));
            assertThat(field.subList(0, 4)).containsExactly("Hộ tịch", "1", "1", "0");
            assertThat(cells(browser.findElement(By.cssSelector("#byCounter tr[data-key='2']")))
                            .get(0))
                    .isEqualTo("Quầy 2");
            assertThat(cells(browser.findElement(By.cssSelector("#byOfficer tr[data-key=officer2]")))
                            .get(0))
                    .isEqualTo("Trần Thị Bình");
            assertThat(cells(browser.findElement(By.cssSelector("#byDay tr[data-key]")))
                            .get(0))
                    .matches("\\d{2}/\\d{2}/\\d{4}");
            assertThat(browser.findElement(By.id("from")).getDomProperty("value"))
                    .matches("\\d{2}/\\d{2}/\\d{4}");
            assertThat(text(browser, "error")).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#chart-waits canvas")))
                    .isNotEmpty();
            assertThat(browser.findElements(By.cssSelector("#chart-load canvas")))
                    .isNotEmpty();
            assertThat(Browser.policyViolations(browser))
                    .as("Content-Security-Policy violations")
                    .isEmpty();
            Browser.screenshot(browser, "stats-page-1366");

            browser.findElement(By.id("lang")).click();
            assertThat(browser.findElement(By.cssSelector("#report section h2")).getText())
                    .isEqualTo("By field");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theTablesFitTheScreenAndKeepTheGroupColumnInView(@TempDir Path dataDir) throws Exception {
        for (int[] size : new int[][] {{1366, 768}, {1920, 1080}}) {
            ChromeDriver browser = Browser.open(size[0], size[1]);
            try (TestApi api = served(dataDir.resolve(size[0] + "x" + size[1]))) {
                browser.get("http://127.0.0.1:" + api.port() + "/stats/?site=demo");
                fillSignIn(browser, "supervisor");
                browser.findElements(By.cssSelector("#query button.primary")).stream()
                        .filter(WebElement::isDisplayed)
                        .findFirst()
                        .ifPresent(WebElement::click); // the old page waited for this click
                eventually(
                        Duration.ofSeconds(20),
                        () -> browser.findElement(By.id("report")).isDisplayed());

                Object overflowing = browser.executeScript("return [...document.querySelectorAll('#report table')]"
                        + ".filter(t => t.scrollWidth > t.parentElement.clientWidth).map(t => t.id)");
                assertThat((List<?>) overflowing)
                        .as("tables wider than their card at " + size[0])
                        .isEmpty();
                assertThat(browser.executeScript(
                                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                        .isEqualTo(true);
                // read in one script: the report may be drawn again between a findElement and a getCssValue
                assertThat(browser.executeScript(
                                "return getComputedStyle(document.querySelector('#byService td')).position"))
                        .isEqualTo("sticky");
                Browser.screenshot(browser, "stats-page-" + size[0]);
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void theCsvHasVietnameseHeadersNumbersAsNumbersAndAByteOrderMark(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = served(dataDir)) {
            browser.get("http://127.0.0.1:" + api.port() + "/stats/?site=demo");
            fillSignIn(browser, "supervisor");
            browser.findElements(By.cssSelector("#query button.primary")).stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .ifPresent(WebElement::click);
            eventually(
                    Duration.ofSeconds(20),
                    () -> browser.findElement(By.id("csv")).isDisplayed());
            browser.executeScript("window.__csv = [];"
                    + "URL.createObjectURL = blob => { window.__csv.push(blob); return 'about:blank'; };"
                    + "HTMLAnchorElement.prototype.click = function () {};");

            browser.findElement(By.id("csv")).click();
            List<?> vietnamese = csv(browser);
            String text = (String) vietnamese.get(1);
            String[] lines = text.split("\r\n");

            assertThat((List<?>) vietnamese.get(0)).as("UTF-8 byte order mark").isEqualTo(List.of(239L, 187L, 191L));
            assertThat(lines[0])
                    .startsWith("\"Nhóm\",\"Mã\",\"Tên\",\"Lấy số\"")
                    .contains("Chờ TB (phút)");
            String served = java.util.Arrays.stream(lines)
                    .filter(line -> line.startsWith("\"Lĩnh vực\",\"B\""))
                    .findFirst()
                    .orElseThrow();
            assertThat(served).doesNotContain(" ph").doesNotContain("%").doesNotContain("–");
            assertThat(served.split(",")[3]).isEqualTo("1"); // issued, a bare number
            assertThat(served).matches(".*,(0|1|0\\.\\d+),.*"); // a rate as a fraction of 1

            browser.findElement(By.id("csv-en")).click();
            String english = (String) csv(browser).get(1);
            assertThat(english.split("\r\n")[0])
                    .isEqualTo("\"group\",\"key\",\"label\",\"issued\",\"served\",\"no_show\",\"cancelled\",\"open\","
                            + "\"wait_mean_min\",\"wait_p90_min\",\"walk_mean_min\",\"service_mean_min\","
                            + "\"service_p90_min\",\"no_show_rate\",\"priority_share\",\"dossier_link_rate\","
                            + "\"ratings\",\"satisfaction_rate\"");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theChartsFollowTheChosenDays(@TempDir Path dataDir) throws Exception {
        ChromeDriver browser = Browser.open(1366, 768);
        try (TestApi api = served(dataDir)) {
            browser.get("http://127.0.0.1:" + api.port() + "/stats/?site=demo");
            fillSignIn(browser, "supervisor");
            eventually(
                    Duration.ofSeconds(20),
                    () -> chart(browser, "chart-load").contains("Hộ tịch: lấy số 1, đã phục vụ 1"));
            assertThat(chart(browser, "chart-load")).contains("Đất đai: lấy số 1, đã phục vụ 0");
            assertThat(chart(browser, "chart-waits")).contains("lượt lấy số");

            String yesterday = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                    .minusDays(1)
                    .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            for (String field : List.of("from", "to")) {
                browser.findElement(By.id(field)).clear();
                browser.findElement(By.id(field)).sendKeys(yesterday);
            }
            browser.findElements(By.cssSelector("#query button.primary")).stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .orElseThrow()
                    .click();

            eventually(Duration.ofSeconds(20), () -> text(browser, "period").contains(yesterday + " đến " + yesterday));
            eventually(
                    Duration.ofSeconds(20), () -> !chart(browser, "chart-load").contains("lấy số 1"));
            assertThat(chart(browser, "chart-waits")).doesNotContain("1 lượt lấy số");
        } finally {
            browser.quit();
        }
    }

    /** What a chart shows, as its label says it in words. */
    private static String chart(ChromeDriver browser, String id) {
        return String.valueOf(browser.findElement(By.id(id)).getDomAttribute("aria-label"));
    }

    /** A server with one served ticket of field B at counter 2 (officer2) and one waiting ticket of field A. */
    private static TestApi served(Path dataDir) {
        TestApi api = TestApi.start(dataDir);
        api.signIn(2);
        String id = api.issue("B").getString("id");
        api.issue("A");
        api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/call", "officer2", null);
        api.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/complete", "officer2", null);
        return api;
    }

    /** The last CSV the page made: its first three bytes and its text without the BOM. */
    private static List<?> csv(ChromeDriver browser) {
        return (List<?>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const blob = window.__csv[window.__csv.length - 1];"
                + "blob.arrayBuffer().then(buffer => done(["
                + "  Array.from(new Uint8Array(buffer).slice(0, 3)),"
                + "  new TextDecoder('utf-8', {ignoreBOM: false}).decode(buffer)]));");
    }

    /** Types the account on the sign-in form and presses Đăng nhập. */
    private static void fillSignIn(ChromeDriver browser, String username) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(TestApi.PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button")).click();
    }

    private static String text(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getText().strip();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream()
                .map(cell -> cell.getText().strip())
                .toList();
    }
}
