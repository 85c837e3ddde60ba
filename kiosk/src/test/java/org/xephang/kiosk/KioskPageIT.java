package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.appointment.Booking;
import org.xephang.core.persistence.BookingStore;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.sim.SimulatedTicketPrinter;
import org.xephang.testkit.Browser;
import org.xephang.testkit.centre.RunningCentre;

/**
 * The kiosk page in real Chromium against the real server: a citizen takes a ticket, the simulated printer prints it,
 * the printer runs out of paper, the server restarts.
 */
class KioskPageIT {

    @TempDir
    Path temp;

    private Vertx vertx;
    private RunningCentre centre;
    private SimulatedTicketPrinter printer;
    private KioskApp kiosk;
    private Router root;
    private HttpServer agentServer;
    private ChromeDriver browser;
    private Path printed;
    private volatile boolean agentStarting;
    private final AtomicInteger refusedStreams = new AtomicInteger();

    @BeforeAll
    static void needsChromium() {
        Browser.assumeInstalled();
    }

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        centre = RunningCentre.started(vertx, temp.resolve("data"));
        printed = temp.resolve("printed");
        printer = (SimulatedTicketPrinter)
                DeviceFactory.standard().create("sim:printer?dir=" + printed, TicketPrinter.class);
        printer.start();
        KioskOptions options = KioskOptions.of(centre.url(), "demo", "kiosk1", "demo", "sim:printer")
                .withSettingsPin("2468");
        kiosk = KioskApp.create(vertx, options, printer, false);
        root = Router.router(vertx);
        root.route("/kiosk/*").handler(ctx -> {
            // While "starting", answer like a placeholder router in front of an agent that is not up yet.
            if (!agentStarting) {
                ctx.next();
                return;
            }
            if (ctx.request().path().endsWith("/api/events")) {
                refusedStreams.incrementAndGet();
            }
            ctx.response().setStatusCode(503).end("starting");
        });
        root.route("/kiosk/*").subRouter(kiosk.router());
        agentServer = listen(0);
        browser = Browser.open(1080, 1920); // the kiosk's portrait screen
        browser.get("http://127.0.0.1:" + agentServer.actualPort() + "/kiosk"); // no slash: redirected
        Browser.waiting(browser, 15)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fields button[data-service]")));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (kiosk != null) {
            kiosk.close();
        }
        if (centre != null) {
            centre.close();
        }
        if (printer != null) {
            printer.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aTicketTakenOnThePageIsPrintedWithAQrCodeOfItsStatusPage() throws Exception {
        Browser.screenshot(browser, "kiosk-home");

        takeTicket("A");
        WebElement status = printStage("PRINTED");
        assertThat(status.getText()).isEqualTo("Mời quý khách nhận vé.");
        String number = browser.findElement(By.id("ticket-number")).getText();
        assertThat(number).matches("A\\d{3}");
        assertThat(browser.findElement(By.id("ticket-field")).getDomProperty("textContent"))
                .isEqualTo("Đất đai");
        Browser.screenshot(browser, "kiosk-ticket");

        Ticket ticket = issuedTicket(number);
        List<Path> images = pngs();
        assertThat(images).hasSize(1);
        assertThat(decodeQr(images.get(0))).isEqualTo(ticket.statusUrl()).endsWith("/t/" + ticket.id());
    }

    @Test
    void aFieldClosedForNewTicketsIsShownAsNoLongerIssuingWithoutAReload() throws Exception {
        Browser.waiting(browser, 15)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#fields button[data-service=B]")));
        Object tree = org.xephang.core.site.CentreConfigLoader.readTree(
                Files.readString(Path.of("..", "examples", "centre.yaml")), "centre.yaml");
        io.vertx.core.json.JsonObject site = new io.vertx.core.json.JsonObject(
                        new io.vertx.core.json.JsonObject((java.util.Map<String, Object>) tree).encode())
                .getJsonArray("sites")
                .getJsonObject(0);
        site.getJsonArray("services").stream()
                .map(io.vertx.core.json.JsonObject.class::cast)
                .filter(service -> "B".equals(service.getString("code")))
                .forEach(service -> service.put("closed", true));
        centre.engine()
                .saveSiteConfiguration(
                        "demo", 0, new io.vertx.core.json.JsonObject(site.encode()).getMap(), Actor.SYSTEM)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        Browser.waiting(browser, 10)
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.cssSelector("#fields button[data-service=B]"), "Đã ngừng cấp số mới"));
        assertThat(browser.findElement(By.cssSelector("#fields button[data-service=B]"))
                        .isEnabled())
                .isFalse();
        assertThat(browser.findElement(By.cssSelector("#fields button[data-service=A]"))
                        .isEnabled())
                .isTrue();
        Browser.screenshot(browser, "kiosk-field-closed");
    }

    @Test
    void withThePaperOutTheScreenSaysSoTheCoreIsToldAndTheTicketCanBeReprinted() throws Exception {
        printer.simulate(DeviceState.PAPER_OUT);
        WebElement banner = Browser.waiting(browser, 10)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-printer")));
        assertThat(banner.getText()).contains("hết giấy").contains("mã QR");

        takeTicket("B");
        WebElement status = printStage("REFUSED");
        assertThat(status.getText()).startsWith("Máy in hết giấy.");
        assertThat(browser.findElement(By.id("ticket-qr")).getAttribute("src")).endsWith("/qr.svg");
        assertThat(pngs()).isEmpty();
        awaitEvent(e -> e.type() == EventType.DEVICE_STATUS
                && "PAPER_OUT".equals(e.details().getString("state"))
                && "kiosk1/printer".equals(e.details().getString("device")));
        Browser.screenshot(browser, "kiosk-paper-out");

        printer.simulate(DeviceState.ONLINE);
        WebElement reprint = browser.findElement(By.id("reprint"));
        assertThat(reprint.isDisplayed()).isTrue();
        settled();
        reprint.click();
        printStage("PRINTED");
        assertThat(pngs()).hasSize(1);
    }

    @Test
    void whenTheServerRestartsThePageSaysSoAndRecoversByItself() throws Exception {
        centre.stop();
        WebElement lost = Browser.waiting(browser, 20)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-offline")));
        assertThat(lost.getText())
                .as("the link that is lost is the server's")
                .startsWith("Mất kết nối với máy chủ xếp hàng")
                .doesNotContain("ki-ốt");
        assertThat(browser.findElement(By.id("banner-agent")).isDisplayed()).isFalse();
        Browser.screenshot(browser, "kiosk-server-lost");

        centre.start();
        Browser.waiting(browser, 30).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-offline")));

        takeTicket("A");
        printStage("PRINTED");
    }

    @Test
    void whenTheAgentGoesAwayAndComesBackBehindA503ThePageReconnectsWithoutAReload() throws Exception {
        int port = agentServer.actualPort();
        agentStarting = true;
        agentServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Browser.waiting(browser, 20).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-agent")));

        agentServer = listen(port);
        // A 503 on the event stream makes the browser's EventSource give up for good (readyState CLOSED).
        Browser.waiting(browser, 20).until(driver -> refusedStreams.get() > 0);
        assertThat(browser.findElement(By.id("banner-agent")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "kiosk-agent-lost");
        agentStarting = false;

        Browser.waiting(browser, 30).until(ExpectedConditions.invisibilityOfElementLocated(By.id("banner-agent")));
        takeTicket("A");
        printStage("PRINTED");
    }

    /**
     * A citizen who booked types the code on the on-screen keypad: the ticket is made, marked as an appointment and
     * printed; scanning the booking's QR afterwards gives the same ticket, never a second one.
     */
    @Test
    void aBookingCodeTypedOnTheKeypadGivesItsTicketAndItsScannedQrTheSameOne() throws Exception {
        String code = "K7M2Q9XA";
        bookForNow(code);

        browser.findElement(By.id("open-checkin")).click();
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("checkin-pad")));
        // The page ignores taps for a moment after a screen change (a double tap must not press the next screen).
        Browser.waiting(browser, 5)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("body:not([data-guarded])")));
        assertThat(browser.findElement(By.cssSelector("#checkin-pad [data-key=ok]"))
                        .isEnabled())
                .isFalse();
        assertThat(browser.findElements(By.cssSelector("#checkin-pad [data-key]")).stream()
                        .map(b -> b.getDomAttribute("data-key"))
                        .toList())
                .doesNotContain("0", "1", "O", "I", "L");
        for (char key : "K7M2Q9XZ".toCharArray()) {
            browser.findElement(By.cssSelector("#checkin-pad [data-key='" + key + "']"))
                    .click();
        }
        browser.findElement(By.cssSelector("#checkin-pad [data-key=backspace]")).click();
        browser.findElement(By.cssSelector("#checkin-pad [data-key=A]")).click();
        assertThat(browser.findElement(By.id("checkin-code")).getText()).isEqualTo(code);
        Browser.screenshot(browser, "kiosk-check-in");
        browser.findElement(By.cssSelector("#checkin-pad [data-key=ok]")).click();

        printStage("PRINTED");
        String number = browser.findElement(By.id("ticket-number")).getText();
        assertThat(number).matches("A\\d{3}");
        assertThat(browser.findElement(By.id("ticket-priority")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("ticket-appointment")).getText())
                .isEqualTo("Có lịch hẹn " + code + ": được phục vụ trước");
        Ticket ticket = issuedTicket(number);
        assertThat(ticket.channel()).isEqualTo("appointment");
        assertThat(ticket.priority()).isEqualTo("lich-hen");
        browser.findElement(By.cssSelector("#screen-ticket [data-go-home]")).click();

        Browser.scan(browser, code.toLowerCase()); // the booking's QR, scanned

        Browser.waiting(browser, 15).until(ExpectedConditions.textToBe(By.id("ticket-number"), number));
        assertThat(centre.events().stream()
                        .filter(e -> e.type() == EventType.TICKET_ISSUED)
                        .count())
                .isEqualTo(1);
        assertThat(pngs()).hasSize(1);
    }

    @Test
    void aBookingCodeOfAnotherDayIsRefusedInVietnamese() throws Exception {
        bookForNow("K7M2Q9XB", Duration.ofDays(1));

        Browser.scan(browser, "K7M2Q9XB");

        WebElement refused = Browser.waiting(browser, 15)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("refused-message")));
        assertThat(refused.getText()).startsWith("Lịch hẹn K7M2Q9XB là ngày ").endsWith("Vui lòng đến đúng ngày hẹn.");
    }

    @Test
    void onAScreenSwitchedToEnglishTheServersRefusalIsInEnglish() throws Exception {
        bookForNow("K7M2Q9XC", Duration.ofDays(1));
        browser.findElement(By.id("lang")).click();
        Browser.waiting(browser, 5)
                .until(driver ->
                        "en".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));

        Browser.scan(browser, "K7M2Q9XC");

        WebElement refused = Browser.waiting(browser, 15)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("refused-message")));
        assertThat(refused.getText())
                .startsWith("Appointment K7M2Q9XC is on ")
                .endsWith("not today. Please come on the day of the appointment.");
        Browser.screenshot(browser, "kiosk-refusal-en");
    }

    private void bookForNow(String code) throws Exception {
        bookForNow(code, Duration.ZERO);
    }

    /**
     * A booking of field A whose slot began five minutes ago (plus {@code later}), written straight to the centre's
     * store: the API books only open days ahead, and this test runs on any day.
     */
    private void bookForNow(String code, Duration later) throws Exception {
        Instant start = Instant.now().plus(later).minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:sqlite:" + temp.resolve("data").resolve("xephang.db"))) {
            new BookingStore(connection)
                    .insert(
                            new Booking(
                                    code,
                                    "demo",
                                    "A",
                                    start,
                                    start.plus(Duration.ofMinutes(15)),
                                    "Nguyễn Văn An",
                                    "0912345678",
                                    Instant.now(),
                                    null),
                            LocalDate.ofInstant(start, zone),
                            LocalDate.now(zone));
        }
    }

    @Test
    void aScannedTicketThatWasNotPrintedHereIsShownWithAReprintButton() throws Exception {
        takeTicket("A");
        printStage("PRINTED");
        assertThat(browser.findElement(By.id("reprint")).isDisplayed()).isFalse();
        settled();
        browser.findElement(By.cssSelector("#screen-ticket [data-go-home]")).click();
        Ticket elsewhere = centre.engine()
                .issue("demo", new IssueCommand("B", null, "kiosk", null), new Actor("kiosk1", Role.KIOSK))
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .ticket();

        Browser.scan(browser, elsewhere.statusUrl()); // a keyboard-wedge scanner

        Browser.waiting(browser, 15).until(ExpectedConditions.textToBe(By.id("ticket-number"), elsewhere.number()));
        WebElement reprint =
                Browser.waiting(browser, 5).until(ExpectedConditions.visibilityOfElementLocated(By.id("reprint")));
        assertThat(browser.findElement(By.id("print-status")).getText()).isEmpty();
        assertThat(browser.findElement(By.id("print-status")).getDomAttribute("data-stage"))
                .isNull();
        settled();
        reprint.click();
        printStage("PRINTED");
        assertThat(reprint.isDisplayed()).isFalse();
        assertThat(pngs()).hasSize(2);
    }

    @Test
    void theCatalogueListsTheProceduresOfAField() throws Exception {
        browser.findElement(By.id("open-catalogue")).click();
        settled();
        browser.findElement(By.cssSelector("#catalogue-fields button[data-service=A]"))
                .click();

        String text = browser.findElement(By.id("catalogue-procedures")).getText();
        assertThat(text).contains("Cấp đổi Giấy chứng nhận quyền sử dụng đất").contains("7 ngày làm việc");
        Browser.screenshot(browser, "kiosk-catalogue");
    }

    @Test
    void theSettingsOpenOnlyWithThePinAndListTheTicketsTakenHere() throws Exception {
        takeTicket("A");
        String number = browser.findElement(By.id("ticket-number")).getText();
        settled();
        browser.findElement(By.cssSelector("#screen-ticket [data-go-home]")).click();

        settled();
        browser.findElement(By.id("open-settings")).click();
        settled();
        pressPin("1111");
        Browser.waiting(browser, 10).until(ExpectedConditions.textToBe(By.id("pin-error"), "Mã PIN không đúng"));
        pressPin("2468");

        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("screen-settings")));
        assertThat(browser.findElement(By.id("recent")).getText()).contains(number);
        Browser.screenshot(browser, "kiosk-settings");
    }

    @Test
    void aDoubleTapOnAFieldNeverIssuesATicketFromThePriorityScreen() throws Exception {
        for (String service : List.of("A", "K")) { // the first field and the last, low on the screen
            settled();
            WebElement field = Browser.waiting(browser, 10)
                    .until(ExpectedConditions.elementToBeClickable(
                            By.cssSelector("#fields button[data-service=" + service + "]")));
            Rectangle tapped = field.getRect();
            new Actions(browser)
                    .moveToElement(field)
                    .click()
                    .pause(Duration.ofMillis(250))
                    .click()
                    .perform();

            Browser.waiting(browser, 5).until(driver -> "priority".equals(screen()));
            assertNoEventFor(Duration.ofMillis(1500), e -> e.type() == EventType.TICKET_ISSUED);
            assertThat(screen()).isEqualTo("priority");
            for (WebElement choice : browser.findElements(By.cssSelector("#priorities button"))) {
                assertThat(overlaps(choice.getRect(), tapped))
                        .as("choice '%s' lies under field %s just tapped", choice.getText(), service)
                        .isFalse();
            }
            Browser.screenshot(browser, "kiosk-priority-" + service);
            settled();
            browser.findElement(By.cssSelector("#screen-priority [data-go-home]"))
                    .click();
        }
    }

    @Test
    void theHomeScreenUsesThePortraitHeightWithLargeButtonsTheCatalogueAndAPictureOfHowToScan() throws Exception {
        double height = ((Number) browser.executeScript("return window.innerHeight")).doubleValue();
        WebElement field = browser.findElement(By.cssSelector("#fields button[data-service=A]"));
        assertThat(field.getRect().height).as("field button height").isGreaterThanOrEqualTo(180);
        WebElement catalogue = browser.findElement(By.id("open-catalogue"));
        assertThat(catalogue.getRect().height).as("catalogue button height").isGreaterThanOrEqualTo(90);
        WebElement checkIn = browser.findElement(By.id("open-checkin"));
        assertThat(checkIn.getRect().width)
                .as("the check-in button is as wide as the catalogue's, not squeezed into a column")
                .isGreaterThanOrEqualTo(catalogue.getRect().width - 2)
                .isGreaterThanOrEqualTo(400);
        assertThat(checkIn.getRect().height).as("check-in button height").isGreaterThanOrEqualTo(90);
        WebElement scanHelp = browser.findElement(By.cssSelector(".scan-help"));
        assertThat(scanHelp.findElements(By.tagName("svg"))).hasSize(1);
        assertThat(scanHelp.getText()).contains("máy quét");
        assertThat(browser.findElement(By.cssSelector(".scan-help .hint")).getRect().width)
                .as("the scanning hint reads in long lines")
                .isGreaterThanOrEqualTo(500);
        assertThat(scanHelp.getRect().y + scanHelp.getRect().height)
                .as("the home screen reaches the lower part of the screen")
                .isGreaterThan((int) (0.8 * height));
        Browser.screenshot(browser, "kiosk-home-portrait");
    }

    @Test
    void anUnpluggedPrinterEndsLikePaperOutWithTheNumberTheQrAndAReprintOffer() throws Exception {
        printer.simulate(DeviceState.OFFLINE);
        Browser.waiting(browser, 10).until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-printer")));

        takeTicket("A");
        WebElement status = printStage("FAILED", "REFUSED");
        assertThat(status.getText()).contains("máy in").contains("vẫn có hiệu lực");
        assertThat(browser.findElement(By.id("ticket-number")).getText()).matches("A\\d{3}");
        assertThat(browser.findElement(By.id("ticket-qr")).getAttribute("src")).endsWith("/qr.svg");
        assertThat(browser.findElement(By.id("reprint")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "kiosk-printer-unplugged");
    }

    @Test
    void aPrinterThatStopsAnsweringEndsLikePaperOutWithTheNumberTheQrAndAReprintOffer() throws Exception {
        restartKioskWith(new TimingOutPrinter(printer));

        takeTicket("A");

        WebElement status = printStage("FAILED");
        assertThat(status.getText()).startsWith("Không kết nối được máy in.").contains("vẫn có hiệu lực");
        assertThat(browser.findElement(By.id("ticket-number")).getText()).matches("A\\d{3}");
        assertThat(browser.findElement(By.id("ticket-qr")).getAttribute("src")).endsWith("/qr.svg");
        assertThat(browser.findElement(By.id("reprint")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "kiosk-printer-timeout");
    }

    /** The simulated printer, except that every job times out as a printer that stopped answering does. */
    private record TimingOutPrinter(SimulatedTicketPrinter printer) implements TicketPrinter {
        @Override
        public void print(org.xephang.device.printer.TicketDocument document) throws DeviceException {
            throw new DeviceTimeoutException("no answer from the printer within 5 s");
        }

        @Override
        public String id() {
            return printer.id();
        }

        @Override
        public void start() {}

        @Override
        public org.xephang.device.DeviceStatus status() {
            return printer.status();
        }

        @Override
        public void addStatusListener(org.xephang.device.DeviceStatusListener listener) {
            printer.addStatusListener(listener);
        }

        @Override
        public void removeStatusListener(org.xephang.device.DeviceStatusListener listener) {
            printer.removeStatusListener(listener);
        }

        @Override
        public void close() {}
    }

    @Test
    void aScanThatIsNotACodeAsksTheCitizenToTryAgainWithoutTechnicalAdvice() throws Exception {
        Browser.scan(browser, "đđđ ươ ươ");

        WebElement message = Browser.waiting(browser, 10)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("refused-message")));
        assertThat(message.getText())
                .isEqualTo("Không đọc được mã, xin thử lại.")
                .doesNotContain("Unikey");
        // the technician's hint goes to the scanner's device status (the supervisor's page shows it) …
        awaitEvent(e -> e.type() == EventType.DEVICE_STATUS
                && "kiosk1/scanner".equals(e.details().getString("device"))
                && "ERROR".equals(e.details().getString("state"))
                && e.details().getString("detail").contains("Unikey/EVKey"));

        // … until the scanner reads a code again
        settled();
        browser.findElement(By.cssSelector("#screen-refused [data-go-home]")).click();
        settled();
        Browser.scan(browser, "000.00.00.H01-261206-0001");
        awaitEvent(e -> e.type() == EventType.DEVICE_STATUS
                && "kiosk1/scanner".equals(e.details().getString("device"))
                && "ONLINE".equals(e.details().getString("state")));
    }

    @Test
    void anOpenPrinterCoverEndsLikePaperOutWithTheNumberTheQrAndAReprintOffer() throws Exception {
        printer.simulate(DeviceState.COVER_OPEN);
        WebElement banner = Browser.waiting(browser, 10)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-printer")));
        assertThat(banner.getText()).startsWith("Nắp máy in đang mở");

        takeTicket("A");
        WebElement status = printStage("FAILED", "REFUSED");
        assertThat(status.getText()).startsWith("Nắp máy in đang mở.").contains("vẫn có hiệu lực");
        assertThat(browser.findElement(By.id("ticket-number")).getText()).matches("A\\d{3}");
        assertThat(browser.findElement(By.id("ticket-qr")).getAttribute("src")).endsWith("/qr.svg");
        assertThat(browser.findElement(By.id("reprint")).isDisplayed()).isTrue();
        assertThat(pngs()).isEmpty();
    }

    @Test
    void theTicketScreenAndTheBannersSpeakPlainWords() throws Exception {
        takeTicket("A");
        printStage("PRINTED");
        takeAnotherAfter("A");
        assertThat(browser.findElement(By.id("ticket-waiting")).getText())
                .contains("Dự kiến khoảng")
                .doesNotContain("~");
        settled();
        browser.findElement(By.cssSelector("#screen-ticket [data-go-home]")).click();

        printer.simulate(DeviceState.OFFLINE);
        WebElement banner = Browser.waiting(browser, 10)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-printer")));
        assertThat(banner.getText()).startsWith("Máy in chưa kết nối").doesNotContain("Đã đóng");
        assertThat(browser.findElement(By.id("banner-agent")).getDomProperty("textContent"))
                .contains("chương trình ki-ốt");
    }

    @Test
    void englishSwitchesBackToVietnameseAfterTheIdleTimeAndTranslatesTheFieldsHoursAndWeekday() throws Exception {
        restartKioskWithHomeTimeout(Duration.ofSeconds(2));
        browser.findElement(By.id("lang")).click();
        Browser.waiting(browser, 5)
                .until(driver ->
                        "en".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(browser.findElement(By.cssSelector("#fields button[data-service=A] .field-name"))
                        .getText())
                .isEqualTo("Land");
        assertThat(browser.findElement(By.id("opening-hours")).getText())
                .contains("Monday")
                .doesNotContain("Thứ");
        assertThat(browser.findElement(By.id("clock")).getText())
                .doesNotContain("Thứ")
                .doesNotContain("Chủ nhật");

        Browser.waiting(browser, 10)
                .until(driver ->
                        "vi".equals(browser.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(browser.findElement(By.cssSelector("#fields button[data-service=A] .field-name"))
                        .getText())
                .isEqualTo("Đất đai");
    }

    @Test
    void inEnglishThePriorityGroupsAreInEnglish() throws Exception {
        browser.findElement(By.id("lang")).click();
        settled();
        browser.findElement(By.cssSelector("#fields button[data-service=A]")).click();

        Browser.waiting(browser, 5).until(driver -> "priority".equals(screen()));
        assertThat(browser.findElement(By.id("priorities")).getText())
                .contains("No priority")
                .contains("Older people (60 and over)")
                .doesNotContain("Người");
        assertThat(browser.findElement(By.id("priority-field")).getText()).isEqualTo("Land");
    }

    private HttpServer listen(int port) throws Exception {
        return vertx.createHttpServer()
                .requestHandler(root)
                .listen(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Waits out the page's guard after a screen change, as a person's next deliberate tap would. */
    private void settled() {
        Browser.waiting(browser, 5)
                .until(ExpectedConditions.not(
                        ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-guarded]"))));
    }

    private String screen() {
        return browser.findElement(By.tagName("body")).getDomAttribute("data-screen");
    }

    private static boolean overlaps(Rectangle a, Rectangle b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    private void assertNoEventFor(Duration period, java.util.function.Predicate<QueueEvent> unwanted)
            throws InterruptedException {
        long until = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < until) {
            assertThat(centre.events().stream().filter(unwanted))
                    .as("unexpected event")
                    .isEmpty();
            Thread.sleep(50);
        }
    }

    /** A second ticket of the same field, so the first has a wait estimate to show. */
    private void takeAnotherAfter(String service) {
        settled();
        browser.findElement(By.cssSelector("#screen-ticket [data-go-home]")).click();
        takeTicket(service);
    }

    private void restartKioskWith(TicketPrinter lent) throws Exception {
        kiosk.close();
        KioskOptions options = KioskOptions.of(centre.url(), "demo", "kiosk1", "demo", "sim:printer")
                .withSettingsPin("2468");
        kiosk = KioskApp.create(vertx, options, lent, false);
        root.clear();
        root.route("/kiosk/*").subRouter(kiosk.router());
        browser.navigate().refresh();
        Browser.waiting(browser, 15)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fields button[data-service]")));
    }

    private void restartKioskWithHomeTimeout(Duration timeout) throws Exception {
        kiosk.close();
        KioskOptions options = KioskOptions.of(centre.url(), "demo", "kiosk1", "demo", "sim:printer")
                .withSettingsPin("2468")
                .withHomeTimeout(timeout);
        kiosk = KioskApp.create(vertx, options, printer, false);
        root.clear();
        root.route("/kiosk/*").subRouter(kiosk.router());
        browser.navigate().refresh();
        Browser.waiting(browser, 15)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fields button[data-service]")));
    }

    private void pressPin(String pin) {
        browser.findElements(By.cssSelector("#pin-pad button")).stream()
                .filter(b -> b.getText().equals("Xoá"))
                .findFirst()
                .orElseThrow()
                .click();
        for (char digit : pin.toCharArray()) {
            browser.findElements(By.cssSelector("#pin-pad button")).stream()
                    .filter(b -> b.getText().equals(String.valueOf(digit)))
                    .findFirst()
                    .orElseThrow()
                    .click();
        }
        browser.findElements(By.cssSelector("#pin-pad button")).stream()
                .filter(b -> b.getText().equals("OK"))
                .findFirst()
                .orElseThrow()
                .click();
    }

    /** Waits (15 s at most) until the page's print status shows one of {@code stages}: the status element. */
    private WebElement printStage(String... stages) {
        String selector = Stream.of(stages)
                .map(stage -> "#print-status[data-stage=" + stage + "]")
                .collect(Collectors.joining(", "));
        return Browser.waiting(browser, 15)
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(selector)));
    }

    private void takeTicket(String service) {
        settled();
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("#fields button[data-service=" + service + "]")))
                .click();
        settled();
        Browser.waiting(browser, 10)
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#priorities button[data-priority='']")))
                .click();
        Browser.waiting(browser, 15).until(ExpectedConditions.visibilityOfElementLocated(By.id("ticket-number")));
    }

    private Ticket issuedTicket(String number) {
        return centre.events().stream()
                .filter(e -> e.type() == EventType.TICKET_ISSUED
                        && e.ticket().number().equals(number))
                .map(QueueEvent::ticket)
                .findFirst()
                .orElseThrow();
    }

    private void awaitEvent(java.util.function.Predicate<QueueEvent> wanted) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (centre.events().stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such event among " + centre.events());
    }

    private List<Path> pngs() throws Exception {
        if (!Files.exists(printed)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(printed)) {
            return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
    }

    private static String decodeQr(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
