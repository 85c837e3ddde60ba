package org.xephang.board;

import static org.xephang.testkit.centre.RunningCentre.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;
import org.xephang.board.testkit.BoardPage;
import org.xephang.testkit.Browser;
import org.xephang.testkit.Poll;
import org.xephang.testkit.centre.RunningCentre;

/**
 * Three boards of one hall opened at different moments (before the calls, after a call and its recall, after a
 * transfer) on the real server: their "recent calls" are the same list, one line per ticket, without a call that a
 * transfer took back.
 */
class BoardRecentCallsIT {

    private static final String SITE = "demo";

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private RunningCentre server;
    private ChromeDriver browser;
    private final List<String> tabs = new ArrayList<>();
    private QueueClient kiosk;
    private QueueClient officer5;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.open(1920, 1080, Browser.Autoplay.ALLOWED);
        server = RunningCentre.started(
                vertx,
                dataDir,
                options ->
                        options.mount("/board", BoardApp.router(vertx, new BoardOptions(null, SITE, "vi", 3, null))));
        kiosk = server.client("kiosk1");
        officer5 = server.client("officer5");
        await(officer5.signIn(SITE, 5));
        for (int i = 0; i < 4; i++) {
            await(kiosk.issue(SITE, "C", null, "kiosk", UUID.randomUUID().toString()));
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        await(vertx.close());
    }

    @Test
    void boardsOpenedAtDifferentMomentsListTheSameRecentCallsOncePerTicketWithoutTransferredOnes() throws Exception {
        openBoard();
        Ticket first = callNext();
        await(officer5.recall(first.id()));
        await(officer5.complete(first.id()));
        openBoard();
        Ticket second = callNext();
        await(officer5.complete(second.id()));
        Ticket third = callNext();
        await(officer5.transferToCounter(third.id(), 4, true));
        Ticket fourth = callNext();
        openBoard();

        List<String> expected = List.of(fourth.number() + " → 5", second.number() + " → 5", first.number() + " → 5");
        for (String tab : tabs) {
            browser.switchTo().window(tab);
            Poll.until(
                    Duration.ofSeconds(10),
                    "board " + (tabs.indexOf(tab) + 1) + " lists " + expected + " (has " + recentCalls() + ")",
                    () -> recentCalls().equals(expected));
        }
    }

    private void openBoard() {
        if (!tabs.isEmpty()) {
            browser.switchTo().newWindow(WindowType.TAB);
        }
        tabs.add(browser.getWindowHandle());
        new BoardPage(browser).open(server.url() + "/board/");
    }

    private Ticket callNext() throws Exception {
        return await(officer5.callNext(SITE, 5)).orElseThrow();
    }

    /** Read in one script: the list is re-rendered on every event. */
    @SuppressWarnings("unchecked")
    private List<String> recentCalls() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('#recent-calls li')]"
                + ".map((li) => li.querySelector('.recent-number').textContent + ' '"
                + " + li.querySelector('.recent-counter').textContent);");
    }
}
