package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.xephang.api.Ticket;
import org.xephang.api.WaitingTicket;
import org.xephang.core.QueueServerMain;
import org.xephang.core.backend.DossierConfigReader;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.device.DeviceFactory;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.ReceivedDelivery;
import org.xephang.testkit.Browser;

/**
 * Issue 17's "done when" for offline issuing (docs/adr/0029-offline-issuing.md): the real kiosk agent, the real server
 * (stopped and started again on its port and data) and the simulated dossier system. The server goes away, the kiosk keeps issuing from its leased
 * numbers (on its disk before paper), and when the server is back every offline ticket is placed by tap time, numbered
 * once and forwarded once.
 */
@Timeout(180)
class KioskOfflineIT {

    @TempDir
    Path temp;

    private Vertx vertx;
    private DossierSimulator simulator;
    private QueueServerMain.Running server;
    private int port;
    private Path config;
    private TicketPrinter printer;
    private KioskApp kiosk;
    private WebClient http;
    private String kioskUrl;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        config = temp.resolve("centre.yaml");
        Files.writeString(
                config,
                Files.readString(Path.of("..", "examples", "centre.yaml")) + """
                dossier:
                  forward:
                    profile: webhook
                    url: %s/webhook
                    secret: demo-webhook-secret
                    backoff: { initial: 50ms, max: 500ms }
                """.formatted(simulator.baseUrl()));
        startServer();
        printer = DeviceFactory.standard().create("sim:printer?dir=" + temp.resolve("printed"), TicketPrinter.class);
        printer.start();
        http = WebClient.create(vertx);
        openKiosk();
    }

    private void startServer() throws Exception {
        // The example accounts keep their demo passwords: launched as the demo launches its server.
        server = QueueServerMain.launch(
                Vertx.vertx(),
                CentreConfigLoader.load(config),
                DossierConfigReader.read(config),
                new QueueServerMain.Settings(config, port, temp.resolve("data"), true, "127.0.0.1", null),
                options -> {});
        port = server.server().port();
    }

    private void openKiosk() throws Exception {
        kiosk = KioskApp.create(
                vertx,
                KioskOptions.of("http://127.0.0.1:" + port, "demo", "kiosk1", "demo", "sim:printer")
                        .withRetries(2, Duration.ofMillis(100))
                        .withOfflineJournal(temp.resolve("kiosk").resolve("offline.jsonl")),
                printer,
                false);
        Router root = Router.router(vertx);
        root.route("/kiosk/*").subRouter(kiosk.router());
        HttpServer pages = await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
        kioskUrl = "http://127.0.0.1:" + pages.actualPort() + "/kiosk";
    }

    @AfterEach
    void stop() throws Exception {
        if (kiosk != null) {
            kiosk.close();
        }
        if (server != null) {
            server.close();
        }
        if (printer != null) {
            printer.close();
        }
        simulator.close();
        await(vertx.close());
    }

    @Test
    void twentyTicketsIssuedWhileTheServerIsDownAreReconciledInTapOrderNumberedAndForwardedOnce() throws Exception {
        holdsNumbersOf("A", "B");
        List<Ticket> online = new ArrayList<>();
        online.add(issueAtKiosk("A", "online-1"));
        online.add(issueAtKiosk("B", "online-2"));
        assertThat(online).extracting(Ticket::channel).containsOnly("kiosk");

        server.close();
        server = null;
        waitFor("the kiosk sees the server gone", () -> !state().getBoolean("connected"));

        List<Ticket> offline = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            offline.add(issueAtKiosk(i % 3 == 2 ? "B" : "A", "offline-" + i));
        }
        assertThat(offline).extracting(Ticket::channel).containsOnly(KioskOffline.CHANNEL);
        assertThat(offlineState().getInteger("pendingUploads")).isEqualTo(20);
        assertThat(awaitPrinted(22)).hasSize(22);
        assertThat(Files.readAllLines(temp.resolve("kiosk").resolve("offline.jsonl")))
                .filteredOn(line -> line.contains("\"type\":\"ticket\""))
                .hasSize(20);

        startServer();
        waitFor("every offline ticket uploaded", () -> offlineState().getInteger("pendingUploads") == 0);

        var engine = server.engine();
        for (String service : List.of("A", "B")) {
            List<String> expected = Stream.concat(online.stream(), offline.stream())
                    .filter(t -> t.service().equals(service))
                    .map(Ticket::number)
                    .toList();
            assertThat(engine.waiting("demo", service))
                    .as("the line of %s in tap order", service)
                    .extracting(WaitingTicket::number)
                    .containsExactlyElementsOf(expected);
        }
        List<String> numbers = Stream.concat(online.stream(), offline.stream())
                .map(t -> engine.ticket(t.id()).orElseThrow().number())
                .toList();
        assertThat(numbers).hasSize(22).doesNotHaveDuplicates();
        assertThat(offline)
                .allSatisfy(t -> assertThat(engine.ticket(t.id()).orElseThrow().issuedAt())
                        .isEqualTo(t.issuedAt()));

        waitFor("all 22 issues forwarded", () -> issuedForwarded().size() >= 22);
        Map<String, Long> perTicket = issuedForwarded().stream()
                .collect(Collectors.groupingBy(
                        d -> d.json().getJsonObject("ticket").getString("id"), Collectors.counting()));
        assertThat(perTicket)
                .hasSize(22)
                .allSatisfy((id, times) -> assertThat(times).isEqualTo(1L));
    }

    @Test
    void offlineTicketsSurviveAKioskRestartAndItsNumbersAreNeverGivenTwice() throws Exception {
        holdsNumbersOf("C");
        server.close();
        server = null;
        waitFor("the kiosk sees the server gone", () -> !state().getBoolean("connected"));
        Ticket before = issueAtKiosk("C", "before-restart");
        awaitPrinted(1); // printed before the restart: closing the kiosk at once may stop its job

        kiosk.close();
        openKiosk();
        holdsNumbersOf("C");
        assertThat(offlineState().getInteger("pendingUploads")).isEqualTo(1);
        Ticket after = issueAtKiosk("C", "after-restart");
        assertThat(after.number()).isNotEqualTo(before.number());

        startServer();
        waitFor("both uploaded", () -> offlineState().getInteger("pendingUploads") == 0);
        assertThat(server.engine().waiting("demo", "C"))
                .extracting(WaitingTicket::number)
                .containsExactly(before.number(), after.number());
        assertThat(awaitPrinted(2)).hasSize(2);
    }

    @Test
    void whenTheBlockIsUsedUpTheKioskSaysItCannotIssueThatField() throws Exception {
        holdsNumbersOf("D");
        server.close();
        server = null;
        waitFor("the kiosk sees the server gone", () -> !state().getBoolean("connected"));
        int left = offlineState().getJsonObject("remaining").getInteger("D");
        for (int i = 0; i < left; i++) {
            issueAtKiosk("D", "d-" + i);
        }

        HttpResponse<Buffer> refused = await(http.postAbs(kioskUrl + "/api/tickets")
                .sendJsonObject(new JsonObject().put("service", "D").put("requestId", "d-last")));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.bodyAsJsonObject().getString("message")).contains("không còn số dự phòng cho lĩnh vực");
        assertThat(offlineState().getJsonObject("remaining").getInteger("D")).isZero();
        assertThat(awaitPrinted(left)).hasSize(left);
    }

    @Test
    void thePageSaysCalmlyThatItIssuesOfflineAndTheTicketScreenSaysHowItIsPlaced() throws Exception {
        Browser.assumeInstalled();
        holdsNumbersOf("A");
        ChromeDriver browser = Browser.open(1080, 1920); // the kiosk's portrait screen
        try {
            browser.get(kioskUrl + "/");
            Browser.waiting(browser, 15)
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fields button[data-service]")));
            server.close();
            server = null;

            WebElement banner = Browser.waiting(browser, 30)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("banner-offline-issuing")));
            assertThat(banner.getText()).startsWith("Ki-ốt đang cấp số khi mất kết nối máy chủ");
            assertThat(browser.findElement(By.id("banner-offline")).isDisplayed())
                    .isFalse();
            assertThat(banner.getCssValue("background-color")).isEqualTo("rgba(227, 238, 251, 1)");
            Browser.waiting(browser, 10)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.cssSelector("#fields button[data-service=A] .field-meta"), "số dự phòng"));
            Browser.screenshot(browser, "kiosk-offline-home");

            settled(browser);
            Browser.waiting(browser, 10)
                    .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#fields button[data-service=A]")))
                    .click();
            settled(browser);
            Browser.waiting(browser, 10)
                    .until(ExpectedConditions.elementToBeClickable(
                            By.cssSelector("#priorities button[data-priority='']")))
                    .click();
            WebElement note = Browser.waiting(browser, 15)
                    .until(ExpectedConditions.visibilityOfElementLocated(By.id("ticket-offline")));
            assertThat(note.getText()).isEqualTo("Vé cấp khi mất kết nối — số thứ tự được xếp theo giờ lấy vé");
            assertThat(browser.findElement(By.id("ticket-number")).getText()).matches("A\\d{3}");
            Browser.screenshot(browser, "kiosk-offline-ticket");
            assertThat(awaitPrinted(1)).hasSize(1);
        } finally {
            browser.quit();
        }
    }

    /** Taps are ignored for a moment after a screen changes (a double tap must not choose twice). */
    private static void settled(ChromeDriver browser) {
        Browser.waiting(browser, 5)
                .until(ExpectedConditions.not(
                        ExpectedConditions.presenceOfElementLocated(By.cssSelector("body[data-guarded]"))));
    }

    private void holdsNumbersOf(String... services) throws Exception {
        for (String service : services) {
            waitFor(
                    "the kiosk holds numbers of " + service,
                    () -> offlineState().getJsonObject("remaining").getInteger(service, 0) > 0);
        }
    }

    private List<ReceivedDelivery> issuedForwarded() {
        return simulator.accepted().stream()
                .filter(d -> d.eventType().equals("ticket.issued"))
                .filter(d -> !d.duplicate())
                .toList();
    }

    private Ticket issueAtKiosk(String service, String requestId) throws Exception {
        HttpResponse<Buffer> answer = await(http.postAbs(kioskUrl + "/api/tickets")
                .sendJsonObject(new JsonObject().put("service", service).put("requestId", requestId)));
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(201);
        return Ticket.fromJson(answer.bodyAsJsonObject().getJsonObject("ticket"));
    }

    private JsonObject state() throws Exception {
        return await(http.getAbs(kioskUrl + "/api/state").send()).bodyAsJsonObject();
    }

    private JsonObject offlineState() throws Exception {
        return state().getJsonObject("offline");
    }

    private List<Path> awaitPrinted(int count) throws Exception {
        Path folder = temp.resolve("printed");
        List<Path> pngs = List.of();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
                }
                if (pngs.size() >= count) {
                    return pngs;
                }
            }
            Thread.sleep(50);
        }
        return pngs;
    }

    private static void waitFor(String what, ThrowingCondition condition) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (condition.met()) {
                return;
            }
            assertThat(System.nanoTime()).as("waiting for: " + what).isLessThan(until);
            Thread.sleep(50);
        }
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean met() throws Exception;
    }
}
