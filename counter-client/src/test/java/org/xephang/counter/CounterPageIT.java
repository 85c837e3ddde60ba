package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.DeviceStatusReport;
import org.xephang.device.keypad.sim.SimulatedRatingKeypad;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.testkit.Browser;
import org.xephang.testkit.Poll;
import org.xephang.testkit.centre.RunningCentre;

/**
 * The officer page in real Chromium against the real server, with the simulated LED display and rating keypad of
 * counter 1: sign in, call, complete, rate; restart the server.
 */
class CounterPageIT {

    private static final String BUS = "counter-page-it";
    private static final String KEYPAD = "counter-page-it-1";

    @TempDir
    Path temp;

    private CounterPageRig rig;
    private RunningCentre centre;
    private ChromeDriver browser;

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void start() throws Exception {
        rig = CounterPageRig.start(
                temp.resolve("data"),
                List.of(
                        new CounterOptions.DeskOptions(1, "sim:led?address=1&bus=" + BUS, "sim:keypad?name=" + KEYPAD),
                        new CounterOptions.DeskOptions(3, "sim:led?address=3&bus=" + BUS, "keypad:hid")),
                1366, // the counter PC's screen
                768);
        centre = rig.centre;
        browser = rig.browser;
        browser.get(rig.pageUrl()); // no slash: redirected
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void anOfficerCallsLinksADossierCompletesAndTheKeypadRatingIsStoredWithTicketOfficerCounterAndDossier()
            throws Exception {
        Ticket ticket = issue("A");
        signIn("officer1", "demo", 1);
        Browser.screenshot(browser, "counter-signed-in");

        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));
        await(() -> LedBusSimulator.named(BUS)
                .shown(1)
                .map(s -> s.contains(ticket.number()))
                .orElse(false));
        Browser.screenshot(browser, "counter-called");

        browser.findElement(By.id("dossier-code")).sendKeys(" h21.65-261122-0001" + Keys.ENTER);
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("ticket-dossier"), "H21.65-261122-0001"));

        click("start");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-state"), "Đang phục vụ"));
        click("complete");
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("awaiting-rating")));
        await(() -> LedBusSimulator.named(BUS).shown(1).map(String::isBlank).orElse(false));

        SimulatedRatingKeypad.named(KEYPAD).press("1");

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "đã được đánh giá"));
        Browser.screenshot(browser, "counter-rated");
        browser.findElement(By.id("lang")).click(); // the page's own message follows the language switch
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(
                        By.id("message"), "Number " + ticket.number() + " has been rated. Thank you!"));
        browser.findElement(By.id("lang")).click();
        assertThat(storedRating(ticket.id()))
                .isEqualTo("counter=1 officer=officer1 level=1/3 national=1 dossier=H21.65-261122-0001");
    }

    @Test
    void aUsbHidKeypadKeyRatesTheCompletedTicketButNotWhileTheOfficerTypesInAField() throws Exception {
        Ticket ticket = issue("B");
        signIn("officer3", "demo", 3);
        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));
        click("complete");
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("awaiting-rating")));

        WebElement dossier = browser.findElement(By.id("dossier-code"));
        dossier.sendKeys("2"); // the officer typing: text, not a rating
        assertThat(dossier.getDomProperty("value")).isEqualTo("2");
        dossier.clear();
        browser.executeScript("document.activeElement.blur()");
        new Actions(browser).sendKeys(Keys.NUMPAD1).perform(); // the citizen's "Rất hài lòng"

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("message"), "Số " + ticket.number() + " đã được đánh giá"));
        assertThat(storedRating(ticket.id())).isEqualTo("counter=3 officer=officer3 level=1/3 national=1 dossier=null");
        Browser.waiting(browser, 10).until(ExpectedConditions.invisibilityOfElementLocated(By.id("awaiting-rating")));
        Browser.screenshot(browser, "counter-hid-keypad-rated");
    }

    @Test
    void theServersRefusalIsShownAsItExplainsIt() throws Exception {
        signIn("officer1", "demo", 1);

        click("call-next");

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Không còn ai đang chờ"));
    }

    @Test
    void onAPageSwitchedToEnglishTheAgentsOwnMessageIsInEnglishAndFollowsTheSwitch() throws Exception {
        browser.findElement(By.id("lang")).click();
        signIn("officer1", "demo", 1);

        click("call-next");

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(By.id("message"), "Nobody is waiting in this counter's services."));
        browser.findElement(By.id("lang")).click(); // and it follows the switch back to Vietnamese
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(
                        By.id("message"), "Không còn ai đang chờ ở các lĩnh vực của quầy này."));
    }

    @Test
    void keyboardShortcutsCallAndTheTransferDialogMovesTheTicketToAnotherCounter() throws Exception {
        Ticket ticket = issue("A");
        signIn("officer1", "demo", 1);

        new Actions(browser).keyDown(Keys.ALT).sendKeys("g").keyUp(Keys.ALT).perform();
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));

        new Actions(browser).keyDown(Keys.ALT).sendKeys("c").keyUp(Keys.ALT).perform();
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("dialog-transfer")));
        new Select(browser.findElement(By.id("transfer-counter"))).selectByValue("2");
        browser.findElement(By.cssSelector("#transfer-form button[type=submit]"))
                .click();

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("message"), "Đã chuyển số " + ticket.number()));
        assertThat(browser.findElement(By.id("ticket-number")).getText()).isEqualTo("—");
        assertThat(centre.engine().ticket(ticket.id()).orElseThrow().counter()).isEqualTo(2);
    }

    @Test
    void aKioskPrinterOfTheSiteOutOfPaperOrOfflineShowsABannerUntilItPrintsAgain() throws Exception {
        signIn("officer1", "demo", 1);
        assertThat(browser.findElement(By.id("banner-printer")).isDisplayed()).isFalse();

        reportKioskPrinter("PAPER_OUT", "Hết giấy");
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-printer")));
        assertThat(browser.findElement(By.id("banner-printer")).getText())
                .isEqualTo("Máy in vé kiosk1/printer: hết giấy. Kiosk này không in được số, xin hướng dẫn công dân"
                        + " sang kiosk khác.");
        Browser.screenshot(browser, "counter-kiosk-printer-out-of-paper");

        reportKioskPrinter("OFFLINE", "Mất kết nối máy in");
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("banner-printer"), "kiosk1/printer: mất kết nối"));

        reportKioskPrinter("PAPER_NEAR_END", "Sắp hết giấy"); // still prints
        Browser.waiting(browser, 10).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-printer")));
    }

    private void reportKioskPrinter(String state, String detail) throws Exception {
        centre.engine()
                .reportDeviceStatus(
                        "demo",
                        new DeviceStatusReport("kiosk1/printer", "printer", state, detail, null),
                        new Actor("kiosk1", Role.KIOSK))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWrongPasswordIsExplainedOnTheSignInForm() {
        browser.findElement(By.id("username")).sendKeys("officer1");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("counter")).sendKeys("1");
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(By.id("login-error"), "Sai tên đăng nhập hoặc mật khẩu."));
        assertThat(browser.findElement(By.id("desk")).isDisplayed()).isFalse();
    }

    @Test
    void onAPageSwitchedToEnglishTheServersRefusalOfTheSignInIsInEnglish() {
        browser.findElement(By.id("lang")).click();
        browser.findElement(By.id("username")).sendKeys("officer1");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("counter")).sendKeys("1");
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong username or password."));
        Browser.screenshot(browser, "counter-page-refusal-en");
    }

    @Test
    void whenTheServerRestartsThePageSaysSoAndRecoversByItself() throws Exception {
        Ticket called = issue("A");
        signIn("officer1", "demo", 1);
        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), called.number()));
        issue("A", "elderly"); // one waiting, with priority: the waiting list has a row and a priority count
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(By.cssSelector("#waiting .count[data-service=A]"), "1 (1 ưu tiên)"));
        browser.findElement(By.id("dossier-code")).sendKeys("H21.65-261122-0001" + Keys.ENTER);
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("ticket-dossier"), "H21.65-261122-0001"));

        centre.stop();
        Browser.waiting(browser, 20).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-server")));
        Browser.screenshot(browser, "counter-server-lost");
        browser.findElement(By.id("lang")).click();
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBe(
                        By.cssSelector("#waiting .count[data-service=A]"), "1 (1 priority)"));
        browser.findElement(By.id("lang")).click();
        assertThat(outsideTheScreen())
                .as("with the banner shown, the whole desk still fits the counter PC's 1366×768 screen")
                .isEmpty();
        centre.start();
        Browser.waiting(browser, 30).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-server")));

        click("start");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-state"), "Đang phục vụ"));
    }

    /** What of the desk (banners, ticket, action buttons, waiting list's heading) a 1366×768 window does not show. */
    private List<?> outsideTheScreen() {
        return (List<?>) browser.executeScript("const out = [];"
                + " if (document.documentElement.scrollWidth > innerWidth) out.push('page wider than the window');"
                + " for (const e of document.querySelectorAll('.banner, #ticket-number, [data-action], .waiting h2')) {"
                + "   if (e.offsetParent === null) continue;"
                + "   const r = e.getBoundingClientRect();"
                + "   if (r.left < 0 || r.top < 0 || r.right > innerWidth || r.bottom > innerHeight)"
                + "     out.push((e.id || e.dataset.action || e.className) + ' at ' + Math.round(r.left) + ','"
                + "       + Math.round(r.top) + '-' + Math.round(r.right) + ',' + Math.round(r.bottom)); }"
                + " return out;");
    }

    private void signIn(String username, String password, int counterNumber) {
        rig.signIn(username, password, counterNumber);
    }

    private void click(String action) {
        rig.click(action);
    }

    private Ticket issue(String service) throws Exception {
        return rig.issue(service, null);
    }

    private Ticket issue(String service, String priority) throws Exception {
        return rig.issue(service, priority);
    }

    private String storedRating(String ticketId) throws Exception {
        String url = "jdbc:sqlite:" + centre.dataDir().resolve("xephang.db").toAbsolutePath();
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Connection db = DriverManager.getConnection(url);
                    PreparedStatement query = db.prepareStatement(
                            "SELECT counter, officer, native_level, scale, national_level, dossier_code FROM rating"
                                    + " WHERE ticket_id = ?")) {
                query.setString(1, ticketId);
                try (ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return "counter=" + row.getInt(1) + " officer=" + row.getString(2) + " level=" + row.getInt(3)
                                + "/" + row.getInt(4) + " national=" + row.getInt(5) + " dossier=" + row.getString(6);
                    }
                }
            }
            Thread.sleep(100);
        }
        return "no rating stored";
    }

    private static void await(BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(10), "the page, the LED or the keypad to catch up", condition);
    }
}
