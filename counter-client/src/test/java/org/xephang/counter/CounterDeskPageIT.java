package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.core.appointment.Booking;
import org.xephang.core.persistence.BookingStore;
import org.xephang.testkit.Browser;
import org.xephang.testkit.centre.RunningCentre;

/**
 * The officer page at the counter PC's real size (1366×768) as officers trip over it (issue 15, defect 5): double
 * clicks, buttons that cannot act, a takeover, transfers, the no-show confirmation, and the waiting list.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CounterDeskPageIT {

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
                List.of(new CounterOptions.DeskOptions(1, null, null), new CounterOptions.DeskOptions(3, null, null)),
                1366,
                768);
        centre = rig.centre;
        browser = rig.browser;
        browser.get(rig.pageUrl() + "/");
    }

    @AfterEach
    void stop() throws Exception {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aDoubleClickOnCallNextCallsOneTicketAndLeavesNoRefusalOnScreen() throws Exception {
        Ticket first = issue("A", null);
        Ticket second = issue("A", null);
        signIn("officer1", 1);

        browser.executeScript("const b = document.querySelector(\"[data-action='call-next']\"); b.click(); b.click();");

        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), first.number()));
        Browser.waiting(browser, 10).until(d ->
                (Boolean) browser.executeScript("return document.querySelectorAll('[aria-busy=true]').length === 0"));
        assertThat(callNextRequests()).isEqualTo(1);
        assertThat(browser.findElement(By.id("message")).getAttribute("class")).doesNotContain("bad");
        assertThat(centre.engine().ticket(second.id()).orElseThrow().state()).isEqualTo(TicketState.WAITING);
    }

    @Test
    void buttonsThatCannotActAreDisabledAndLookDisabledAndTheHeaderIsEmptyBeforeSignIn() throws Exception {
        assertThat(browser.findElement(By.id("desk-state")).isDisplayed())
                .as("no empty state pill before sign-in")
                .isFalse();
        Ticket ticket = issue("A", null);
        signIn("officer1", 1);

        assertThat(button("recall").isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector("#dossier-form button")).isEnabled())
                .as("Gắn mã hồ sơ with no ticket")
                .isFalse();
        String enabledLook = button("reprint").getCssValue("background-color");
        String disabledLook = button("recall").getCssValue("background-color");
        assertThat(disabledLook).as("a disabled button looks different").isNotEqualTo(enabledLook);
        Browser.screenshot(browser, "counter-desk-idle");

        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));
        click("start");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-state"), "Đang phục vụ"));
        assertThat(button("recall").isEnabled()).as("Gọi lại during service").isFalse();
        assertThat(browser.findElement(By.cssSelector("#dossier-form button")).isEnabled())
                .isTrue();
    }

    @Test
    void afterATakeoverTheSignInScreenShowsNoOfficerAndNoCounterState() throws Exception {
        signIn("officer1", 1);

        browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('api/session', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({username: 'officer1', password: 'demo', counter: 1})})"
                + ".then(() => done(true), () => done(false));");

        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("đăng nhập ở nơi khác");
        assertThat(browser.findElement(By.tagName("header")).getText())
                .doesNotContain("officer1")
                .doesNotContain("Đang mở");
    }

    @Test
    void aCounterThisPcDoesNotServeIsRefusedInPlainWords() {
        fillSignIn("officer1", 7);

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "quầy 7"));
        assertThat(browser.findElement(By.id("login-error")).getText())
                .contains("Các quầy của máy: 1, 3")
                .doesNotContain("[");
    }

    @Test
    void theTransferDialogWantsATargetAndTheMessageNamesTheField() throws Exception {
        Ticket ticket = issue("A", null);
        signIn("officer1", 1);
        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));

        click("transfer");
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("dialog-transfer")));
        browser.findElement(By.cssSelector("#transfer-form button[type=submit]"))
                .click();
        assertThat(browser.findElement(By.id("dialog-transfer")).isDisplayed())
                .as("nothing chosen: the dialog stays")
                .isTrue();
        assertThat(browser.findElement(By.id("transfer-error")).getText()).contains("Chọn");

        new Select(browser.findElement(By.id("transfer-service"))).selectByValue("B");
        browser.findElement(By.cssSelector("#transfer-form button[type=submit]"))
                .click();

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("message"), "Đã chuyển số " + ticket.number()));
        assertThat(browser.findElement(By.id("message")).getText())
                .contains("Đăng ký kinh doanh")
                .doesNotContain("lĩnh vực B");
    }

    @Test
    void aTicketTransferredToAnotherCounterIsNotShownThereAsCalledTwice() throws Exception {
        Ticket ticket = issue("B", null);
        signIn("officer3", 3);
        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));
        click("transfer");
        new Select(browser.findElement(By.id("transfer-counter"))).selectByValue("1");
        browser.findElement(By.cssSelector("#transfer-form button[type=submit]"))
                .click();
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), "—"));
        browser.findElement(By.id("sign-out")).click();

        signIn("officer1", 1);
        click("call-next");

        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));
        assertThat(browser.findElement(By.id("ticket-state")).getText()).doesNotContain("gọi 2 lần");
        click("recall");
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-state"), "gọi 2 lần"));
    }

    @Test
    void noShowAsksForConfirmationFirst() throws Exception {
        Ticket ticket = issue("A", null);
        signIn("officer1", 1);
        click("call-next");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), ticket.number()));

        click("no-show");

        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("dialog-confirm")));
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains(ticket.number());
        assertThat(centre.engine().ticket(ticket.id()).orElseThrow().state()).isEqualTo(TicketState.CALLED);
        Browser.screenshot(browser, "counter-desk-confirm-no-show");
        browser.findElement(By.id("confirm-ok")).click();
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("ticket-number"), "—"));
        assertThat(centre.engine().ticket(ticket.id()).orElseThrow().state()).isEqualTo(TicketState.NO_SHOW);
    }

    @Test
    void theWaitingListShowsTheCountersTicketsWithPriorityAndFollowsNewTickets() throws Exception {
        Ticket normal = issue("A", null);
        Ticket elderly = issue("A", "elderly");
        issue("C", null); // not a field of counter 1
        signIn("officer1", 1);

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#waiting-tickets tr[data-number]"), 2));
        // the rows are redrawn as events arrive: each check finds its row afresh
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#waiting-tickets tr[data-number='" + elderly.number() + "']"), "Ưu tiên"));
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textMatches(
                        By.cssSelector("#waiting-tickets tr[data-number='" + normal.number() + "']"),
                        Pattern.compile("\\d+ phút|< 1 phút")));

        Ticket later = issue("A", null);

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#waiting-tickets tr[data-number='" + later.number() + "']")));
        Browser.screenshot(browser, "counter-desk-waiting-list");
    }

    @Test
    void theBookingsStillToComeTodayOfTheCountersFieldsAreListedUntilTheCitizenChecksIn() throws Exception {
        book("K7M2Q9XA", "A");
        book("K7M2Q9XC", "C"); // not a field of counter 1
        signIn("officer1", 1);

        By booked = By.cssSelector("#appointment-rows tr[data-code=K7M2Q9XA]");
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(booked));
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textMatches(booked, Pattern.compile("\\d{2}:\\d{2}.*Đất đai")));
        assertThat(browser.findElements(By.cssSelector("#appointment-rows tr[data-code=K7M2Q9XC]")))
                .isEmpty();
        assertThat(browser.findElement(By.cssSelector("#appointments h3")).getText())
                .isEqualTo("Lịch hẹn sắp tới hôm nay");
        Browser.screenshot(browser, "counter-desk-appointments");

        Ticket arrived = RunningCentre.await(centre.client("kiosk1").checkIn("demo", "K7M2Q9XA"))
                .ticket();

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#waiting-tickets tr[data-number='" + arrived.number() + "']"), "Ưu tiên"));
        Browser.waiting(browser, 10).until(ExpectedConditions.invisibilityOfElementLocated(By.id("appointments")));
    }

    /** A booking of {@code service} whose slot began five minutes ago, written to the centre's store. */
    private void book(String code, String service) throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        try (Connection connection =
                DriverManager.getConnection("jdbc:sqlite:" + centre.dataDir().resolve("xephang.db"))) {
            new BookingStore(connection)
                    .insert(
                            new Booking(
                                    code,
                                    "demo",
                                    service,
                                    start,
                                    start.plus(Duration.ofMinutes(20)),
                                    "Nguyễn Văn An",
                                    "0912345678",
                                    Instant.now(),
                                    null),
                            LocalDate.ofInstant(start, zone),
                            LocalDate.now(zone));
        }
    }

    private long callNextRequests() {
        return (Long)
                browser.executeScript(
                        "return performance.getEntriesByType('resource').filter(e => e.name.endsWith('/api/actions/call-next')).length");
    }

    private void fillSignIn(String username, int counterNumber) {
        rig.fillSignIn(username, "demo", counterNumber);
    }

    private void signIn(String username, int counterNumber) {
        rig.signIn(username, "demo", counterNumber);
    }

    private WebElement button(String action) {
        return browser.findElement(By.cssSelector("[data-action='" + action + "']"));
    }

    private void click(String action) {
        rig.click(action);
    }

    private Ticket issue(String service, String priority) throws Exception {
        return rig.issue(service, priority);
    }
}
