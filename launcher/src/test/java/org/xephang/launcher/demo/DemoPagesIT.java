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
        assertThat(browser.findElement(By.id("printer-state")).getText())
                .as("the printer's state in words, no raw code")
                .isEqualTo("Sẵn sàng");
        Browser.screenshot(browser, "devices");
    }

    @Test
    void inEnglishTheDevicesPageLinksToTheOtherPagesInEnglish() {
        browser.get(base + "/devices/");
        waiting(10).until(driver -> Browser.text(browser, "header nav").contains("Bảng hiển thị"));

        browser.findElement(By.id("lang")).click();

        waiting(10).until(driver -> Browser.text(browser, "h1").equals("Simulated devices"));
        assertThat(browser.findElements(By.cssSelector("header nav a")))
                .extracting(WebElement::getText)
                .containsExactly("Kiosk", "Board", "Counters");
        browser.findElement(By.id("lang")).click(); // back to Vietnamese for the other tests
        waiting(10).until(driver -> Browser.text(browser, "h1").equals("Thiết bị mô phỏng"));
    }

    @Test
    void theDemoPagesLoadWithoutErrorsInTheConsole() {
        for (String page : List.of(
                "/",
                "/devices/",
                "/kiosk/",
                "/board/",
                "/counter/",
                "/stats/?site=demo",
                "/supervisor/?site=demo",
                "/admin/",
                "/dat-lich/",
                "/dat-lich/can-bo/",
                "/api/docs/")) {
            browser.get(base + page);
            waiting(10).until(driver -> "complete".equals(browser.executeScript("return document.readyState")));
            waiting(10)
                    .until(driver -> !driver.findElements(By.cssSelector("link[rel=icon]"))
                            .isEmpty());
            assertThat(Browser.consoleErrors(browser)).as(page).isEmpty();
        }
    }

    @Test
    void theRootListsEveryPageOfTheDemoIncludingTheCounterAndTheDevices() {
        browser.get(base + "/");
        List<String> links = waiting(10).until(driver -> {
            List<String> hrefs = driver.findElements(By.cssSelector(".pages a")).stream()
                    .map(a -> java.net.URI.create(a.getDomProperty("href")).getPath())
                    .toList();
            return hrefs.isEmpty() ? null : hrefs;
        });
        assertThat(links)
                .contains("/kiosk/", "/board/", "/counter/", "/supervisor/", "/stats/", "/admin/", "/devices/");
        Browser.screenshot(browser, "demo-index");
    }

    @Test
    void aKeypadPressThatRatesSaysSoInTheSuccessColour() throws Exception {
        browser.get(base + "/counter/");
        waiting(10).until(driver -> "complete".equals(browser.executeScript("return document.readyState")));
        // a ticket from the kiosk's agent, called and completed at counter 2 through its agent, as the pages do
        Object outcome = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const post = (path, body, headers = {}) => fetch(path, { method: 'POST',
                    headers: Object.assign({ 'Content-Type': 'application/json' }, headers),
                    body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
                (async () => {
                  const ticket = await post('/kiosk/api/tickets', { service: 'A', requestId: crypto.randomUUID() });
                  const signIn = await post('/counter/api/session', { username: 'officer2', password: 'demo', counter: 2 });
                  const session = { 'X-Session': signIn.body.session };
                  const called = await post('/counter/api/actions/call-next', {}, session);
                  const completed = await post('/counter/api/actions/complete', {}, session);
                  return [ticket.status, signIn.status, called.status, completed.status].join(' ');
                })().then(done, (e) => done(String(e)));
                """);
        assertThat(outcome).isEqualTo("201 200 200 200");
        browser.get(base + "/devices/");
        WebElement three = waiting(10)
                .until(driver -> driver.findElements(By.cssSelector("#keypads tr[data-counter='2'] button")).stream()
                        .filter(b -> b.getText().equals("3"))
                        .findFirst()
                        .orElse(null));
        waiting(10)
                .until(driver -> driver.findElement(By.cssSelector("#keypads tr[data-counter='2'] .awaiting"))
                        .getText()
                        .equals("đang chờ đánh giá"));

        three.click();

        WebElement message = browser.findElement(By.id("msg"));
        waiting(10).until(driver -> !message.getText().isEmpty());
        assertThat(message.getText())
                .startsWith("Quầy 2: đã ghi nhận đánh giá «")
                .doesNotContain("Rated")
                .doesNotContain("[");
        assertThat(message.getDomAttribute("class")).isEqualTo("ok");
        String[] rgb = message.getCssValue("color").replaceAll("[^0-9,]", "").split(",");
        assertThat(Integer.parseInt(rgb[1]))
                .as("a green: the success colour, not red or grey (%s)", message.getCssValue("color"))
                .isGreaterThan(Integer.parseInt(rgb[0]) + 40);
        Browser.screenshot(browser, "devices-rated");
    }

    private static long stateRequests() {
        return (Long) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".filter((e) => e.name.endsWith('/api/state')).length;");
    }

    private static WebDriverWait waiting(int seconds) {
        return Browser.waiting(browser, seconds);
    }
}
