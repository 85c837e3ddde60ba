package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.centre.RunningCentre.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;
import org.xephang.board.testkit.BoardPage;
import org.xephang.core.Actor;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.testkit.Browser;
import org.xephang.testkit.Poll;
import org.xephang.testkit.centre.RunningCentre;

/**
 * The board in a real Chromium, mounted on a real queue server (engine on SQLite in a temporary folder, the example
 * centre), as the demo runs it. Calls go through the HTTP API.
 */
class BoardRealServerIT {

    private static final String SITE = "demo";
    private static final int COUNTER = 5;

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private RunningCentre server;
    private ChromeDriver browser;
    private BoardPage board;
    private QueueClient kiosk;
    private QueueClient officer;

    @BeforeEach
    void startServerWithTheBoardMounted() throws Exception {
        browser = Browser.open(1920, 1080, Browser.Autoplay.ALLOWED);
        board = new BoardPage(browser);
        server = RunningCentre.started(
                vertx,
                dataDir,
                options ->
                        options.mount("/board", BoardApp.router(vertx, new BoardOptions(null, SITE, "vi", 3, null))));
        kiosk = server.client("kiosk1");
        officer = server.client("officer5");
        await(officer.signIn(SITE, COUNTER));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (browser != null) {
            Browser.screenshot(browser, "real-server-last");
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        await(vertx.close());
    }

    private Ticket issueAndCall() throws Exception {
        await(kiosk.issue(SITE, "C", null, "kiosk", UUID.randomUUID().toString()));
        Optional<Ticket> called = await(officer.callNext(SITE, COUNTER));
        assertThat(called).as("a ticket was waiting for counter 5").isPresent();
        return called.get();
    }

    @Test
    void aCallThroughTheApiShowsWithinOneSecondHighlightedWithItsAnnouncementQueuedAndARecallIsQueuedAgain()
            throws Exception {
        board.open(server.url() + "/board/");

        Ticket ticket = issueAndCall();

        Poll.until(
                Duration.ofSeconds(1),
                ticket.number() + " highlighted at counter 5",
                () -> board.counterRow(COUNTER).contains(ticket.number()) && board.highlighted(COUNTER));
        Poll.until(
                Duration.ofSeconds(1),
                "its announcement queued",
                () -> board.announcements().stream()
                        .anyMatch(text -> text.startsWith("Xin mời công dân có số thứ tự C")
                                && text.endsWith("đến quầy số năm")));
        Browser.screenshot(browser, "real-server-call");

        await(officer.recall(ticket.id()));

        Poll.until(
                Duration.ofSeconds(1),
                "the recall announced again",
                () -> board.announcements().stream()
                                .filter(text -> text.endsWith("đến quầy số năm"))
                                .count()
                        == 2);
    }

    @Test
    void afterTheServerRestartsTheBoardRecoversByItselfAndShowsNoStaleCallAsNew() throws Exception {
        board.open(server.url() + "/board/");
        Ticket first = issueAndCall();
        Poll.until(Duration.ofSeconds(1), "first call highlighted", () -> board.highlighted(COUNTER));
        Poll.until(Duration.ofSeconds(8), "highlight over", () -> !board.highlighted(COUNTER));
        List<String> heardBefore = board.announcements();

        server.stop();
        Poll.until("the disconnected mark", board::offlineShown);
        server.start();
        Poll.until(Duration.ofSeconds(20), "reconnected", () -> !board.offlineShown());

        assertThat(board.counterRow(COUNTER)).contains(first.number());
        assertThat(board.highlighted(COUNTER)).isFalse();
        assertThat(board.latestHighlighted()).isFalse();
        assertThat(board.announcements()).isEqualTo(heardBefore);
        Browser.screenshot(browser, "real-server-after-restart");

        await(officer.complete(first.id()));
        Ticket second = issueAndCall();
        Poll.until(
                Duration.ofSeconds(1),
                "a new call after the restart is highlighted",
                () -> board.counterRow(COUNTER).contains(second.number()) && board.highlighted(COUNTER));
    }

    @Test
    void aSavedConfigurationShowsOnTheOpenBoardWithoutAReload() throws Exception {
        board.open(server.url() + "/board/");
        assertThat(waitingStrip()).doesNotContain("Lý lịch tư pháp");

        JsonObject site = exampleSite();
        site.getJsonArray("services")
                .add(new JsonObject()
                        .put("code", "L")
                        .put("name", "Lý lịch tư pháp")
                        .put("nameEn", "Judicial records"));
        site.getJsonArray("counters").stream()
                .map(JsonObject.class::cast)
                .filter(counter -> counter.getInteger("number") == COUNTER)
                .forEach(counter -> counter.getJsonArray("services").add("L"));
        site.put("notice", "Từ thứ Hai, trung tâm mở cửa lúc 07:00.");
        server.engine()
                .saveSiteConfiguration(SITE, 0, new JsonObject(site.encode()).getMap(), Actor.SYSTEM)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        Poll.until(
                Duration.ofSeconds(10),
                "the new field in the waiting strip and the new notice",
                () -> waitingStrip().contains("Lý lịch tư pháp")
                        && text("#notice").equals("Từ thứ Hai, trung tâm mở cửa lúc 07:00."));
        Browser.screenshot(browser, "real-server-config-changed");

        await(kiosk.issue(SITE, "L", null, "kiosk", UUID.randomUUID().toString()));
        Optional<Ticket> called = await(officer.callNext(SITE, COUNTER));
        assertThat(called).map(Ticket::number).contains("L001");
        Poll.until(
                Duration.ofSeconds(2),
                "L001 called at counter 5, named by its field",
                () -> board.counterRow(COUNTER).contains("L001")
                        && board.counterRow(COUNTER).contains("Lý lịch tư pháp"));
    }

    /** The example centre's site as a configuration document. */
    @SuppressWarnings("unchecked")
    private static JsonObject exampleSite() throws Exception {
        Object tree =
                CentreConfigLoader.readTree(Files.readString(Path.of("..", "examples", "centre.yaml")), "centre.yaml");
        return new JsonObject(new JsonObject((Map<String, Object>) tree).encode())
                .getJsonArray("sites")
                .getJsonObject(0);
    }

    private String waitingStrip() {
        return text("#waiting-list");
    }

    private String text(String css) {
        return String.valueOf(browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : '';", css));
    }

    @Test
    void aBoardGivenAListOfServersSkipsTheOneThatIsDownAndFollowsTheOneThatServes() throws Exception {
        String dead;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            dead = "http://127.0.0.1:" + socket.getLocalPort();
        }
        io.vertx.core.http.HttpServer page = await(vertx.createHttpServer()
                .requestHandler(
                        BoardApp.router(vertx, new BoardOptions(dead + "," + server.url(), SITE, "vi", 3, null)))
                .listen(0, "127.0.0.1"));
        board.open("http://127.0.0.1:" + page.actualPort() + "/");

        Poll.until(Duration.ofSeconds(20), "connected through the second server", () -> !board.offlineShown());
        Ticket ticket = issueAndCall();

        Poll.until(
                Duration.ofSeconds(2),
                ticket.number() + " at counter 5",
                () -> board.counterRow(COUNTER).contains(ticket.number()));
        Browser.screenshot(browser, "real-server-list");
    }
}
