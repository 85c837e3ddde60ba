package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;
import org.xephang.board.testkit.Browser;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

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
    private CentreConfig config;
    private QueueEngine engine;
    private QueueServer server;
    private int port;
    private ChromeDriver browser;
    private QueueClient kiosk;
    private QueueClient officer;

    @BeforeEach
    void startServerWithTheBoardMounted() throws Exception {
        browser = Browser.open(true);
        config = CentreConfigLoader.load(Path.of("..", "examples", "centre.yaml"));
        startServer(0);
        kiosk = QueueClient.create(vertx, server.localUrl());
        officer = QueueClient.create(vertx, server.localUrl());
        await(kiosk.login("kiosk1", "demo"));
        await(officer.login("officer5", "demo"));
        await(officer.signIn(SITE, COUNTER));
    }

    private void startServer(int wantedPort) throws Exception {
        engine = QueueEngine.open(
                config,
                dataDir,
                Clock.systemUTC(),
                EngineOptions.defaults().withAlwaysOpen(true).withPublicBaseUrl("http://127.0.0.1"));
        server = await(QueueServer.start(
                vertx,
                engine,
                new QueueServer.Options()
                        .host("127.0.0.1")
                        .port(wantedPort)
                        .accounts(config.accounts())
                        .dataDir(dataDir)
                        .mount("/board", BoardApp.router(vertx, new BoardOptions(null, SITE, "vi", 3, null)))));
        port = server.port();
    }

    private void stopServer() throws Exception {
        await(server.close());
        engine.close();
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            stopServer();
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
    void aCallThroughTheApiShowsWithinOneSecondHighlightedWithItsAnnouncementQueued() throws Exception {
        openBoard();

        Ticket ticket = issueAndCall();

        waitUntil(
                Duration.ofSeconds(1),
                ticket.number() + " highlighted at counter 5",
                () -> rowOfCounter(COUNTER).contains(ticket.number())
                        && rowClass(COUNTER).contains("called"));
        waitUntil(
                Duration.ofSeconds(1),
                "its announcement queued",
                () -> announcements().stream()
                        .anyMatch(text -> text.startsWith("Xin mời công dân có số thứ tự C")
                                && text.endsWith("đến quầy số năm")));
        Browser.screenshot(browser, "real-server-call");
    }

    @Test
    void afterTheServerRestartsTheBoardRecoversByItselfAndShowsNoStaleCallAsNew() throws Exception {
        openBoard();
        Ticket first = issueAndCall();
        waitUntil(
                Duration.ofSeconds(1),
                "first call highlighted",
                () -> rowClass(COUNTER).contains("called"));
        waitUntil(
                Duration.ofSeconds(8),
                "highlight over",
                () -> !rowClass(COUNTER).contains("called"));
        List<String> heardBefore = announcements();

        stopServer();
        waitUntil(
                Duration.ofSeconds(10),
                "the disconnected mark",
                () -> browser.findElement(By.id("offline")).isDisplayed());
        startServer(port);
        waitUntil(
                Duration.ofSeconds(20),
                "reconnected",
                () -> !browser.findElement(By.id("offline")).isDisplayed());

        assertThat(rowOfCounter(COUNTER)).contains(first.number());
        assertThat(rowClass(COUNTER)).doesNotContain("called");
        assertThat(browser.findElement(By.id("latest")).getAttribute("class")).doesNotContain("new");
        assertThat(announcements()).isEqualTo(heardBefore);
        Browser.screenshot(browser, "real-server-after-restart");

        await(officer.login("officer5", "demo"));
        await(officer.complete(first.id()));
        Ticket second = issueAndCall();
        waitUntil(
                Duration.ofSeconds(1),
                "a new call after the restart is highlighted",
                () -> rowOfCounter(COUNTER).contains(second.number())
                        && rowClass(COUNTER).contains("called"));
    }

    private void openBoard() {
        browser.get(server.localUrl() + "/board/");
        waitUntil(
                Duration.ofSeconds(10),
                "the board is connected",
                () -> Boolean.TRUE.equals(
                        browser.executeScript("return !!window.xephangBoard && xephangBoard.connected")));
    }

    private String rowOfCounter(int counter) {
        return String.valueOf(
                browser.executeScript("const row = document.querySelector('#counter-rows li[data-counter=\"" + counter
                        + "\"]');" + "return row ? row.textContent : '';"));
    }

    private String rowClass(int counter) {
        return String.valueOf(
                browser.executeScript("const row = document.querySelector('#counter-rows li[data-counter=\"" + counter
                        + "\"]');" + "return row ? row.className : '';"));
    }

    @SuppressWarnings("unchecked")
    private List<String> announcements() {
        return (List<String>) browser.executeScript(
                "const q = xephangBoard.queue; return [...q.played, ...q.pending].map((a) => a.text);");
    }

    private void waitUntil(Duration timeout, String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                Browser.screenshot(browser, "real-server-timeout");
                throw new AssertionError("waited " + timeout.toMillis() + " ms for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, e);
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
