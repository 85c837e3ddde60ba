package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.board.testkit.BoardPage;
import org.xephang.board.testkit.FakeQueueServer;
import org.xephang.testkit.Browser;
import org.xephang.testkit.Poll;

/** The board page in a real Chromium against a fake queue server (the event source is ours to script). */
class BoardPageIT {

    private static ChromeDriver browser;
    private FakeQueueServer server;
    private BoardPage board;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open(1920, 1080, Browser.Autoplay.ALLOWED);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void startServerAndOpenBoard() {
        server = new FakeQueueServer(new BoardOptions(null, FakeQueueServer.SITE, "vi", 3, null)).start();
        board = new BoardPage(browser).open(server.boardUrl());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aCallShowsWithinOneSecondHighlightedAndItsAnnouncementIsQueued() {
        server.call("A1023", "HT", 5);

        Poll.until(
                Duration.ofSeconds(1),
                "A1023 highlighted at counter 5",
                () -> board.counterRow(5).contains("A1023") && board.highlighted(5));
        assertThat(browser.findElement(By.id("latest-number")).getText()).isEqualTo("A1023");
        assertThat(browser.findElement(By.id("latest-counter")).getText()).isEqualTo("đến quầy 5");
        assertThat(board.announcements())
                .contains("Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số năm");
        Browser.screenshot(browser, "board-call");
    }

    @Test
    void theHighlightEndsAfterItsTimeButTheCallStaysListed() {
        server.call("B007", "DD", 2);
        Poll.until("B007 highlighted", () -> board.highlighted(2));

        Poll.until(Duration.ofSeconds(6), "highlight over", () -> !board.highlighted(2));
        assertThat(board.counterRow(2)).contains("B007");
        assertThat(browser.findElement(By.id("recent-calls")).getText()).contains("B007");
    }

    @Test
    void afterTheServerRestartsTheBoardRecoversByItselfAndShowsNoStaleCallAsNew() {
        server.call("A001", "HT", 1);
        Poll.until("A001 highlighted", () -> board.highlighted(1));
        Poll.until(Duration.ofSeconds(6), "highlight over", () -> !board.highlighted(1));
        int heard = board.announcements().size();

        server.stop();
        Poll.until("the disconnected mark", () -> board.offlineShown());
        assertThat(browser.findElement(By.id("offline")).getText()).isEqualTo("mất kết nối");
        Browser.screenshot(browser, "board-disconnected");
        server.start();

        Poll.until(Duration.ofSeconds(15), "reconnected", () -> !board.offlineShown());
        assertThat(board.counterRow(1)).contains("A001");
        assertThat(board.highlighted(1)).isFalse();
        assertThat(browser.findElement(By.id("latest")).getAttribute("class")).doesNotContain("new");
        assertThat(board.announcements().size()).isEqualTo(heard);
        Browser.screenshot(browser, "board-after-restart");

        server.call("A002", "HT", 3);
        Poll.until("a new call after the restart is highlighted", () -> board.highlighted(3));
    }

    @Test
    void aCallMadeWhileTheBoardWasDisconnectedIsAnnouncedOnceItReconnects() {
        server.stop();
        Poll.until("the disconnected mark", () -> board.offlineShown());
        server.call("A015", "HT", 4); // the board learns it from its next snapshot, not from the event
        server.start();

        Poll.until(Duration.ofSeconds(15), "A015 highlighted", () -> board.highlighted(4));
        Poll.until("announced", () -> board.announcements().stream().anyMatch(t -> t.contains("A mười lăm")));
        assertThat(board.announcements().stream().filter(t -> t.contains("A mười lăm")))
                .hasSize(1);
    }

    @Test
    void aFreshlyOpenedBoardShowsEarlierCallsWithoutHighlightingOrAnnouncingThem() {
        server.call("A020", "HT", 1);
        Poll.until("A020 shown", () -> board.counterRow(1).contains("A020"));

        browser.navigate().refresh();
        Poll.until("connected again", board::connected);

        assertThat(board.counterRow(1)).contains("A020");
        assertThat(board.highlighted(1)).isFalse();
        assertThat(board.announcements().size()).isZero();
    }

    @Test
    void aRecallIsAnnouncedAgain() {
        server.call("B010", "DD", 6);
        server.recall(6);

        Poll.until(
                "two announcements of B010",
                () -> board.announcements().stream()
                                .filter(t -> t.contains("B mười đến quầy số sáu"))
                                .count()
                        == 2);
        assertThat(browser.findElement(By.id("recent-calls")).getText()).containsOnlyOnce("B010");
    }

    @Test
    void aGapInTheEventSequenceMakesTheBoardResynchroniseFromASnapshot() {
        int connections = server.connections();

        server.sendWithGap();

        Poll.until("a new connection", () -> server.connections() > connections);
        Poll.until("caught up", () -> ((Number) js("return xephangBoard.state.seq")).longValue() == server.seq());
    }

    @Test
    void aBoardSetUpForAnUnknownSiteSaysSoInVietnamese() {
        try (FakeQueueServer other = new FakeQueueServer(new BoardOptions(null, "nowhere", "vi", 20, null)).start()) {
            browser.get(other.boardUrl());

            Poll.until(
                    "the message",
                    () -> String.valueOf(js("return document.getElementById('site-name').textContent"))
                            .contains("Không tìm thấy trung tâm “nowhere”"));
            assertThat(board.offlineShown()).isTrue();
        }
    }

    @Test
    void aCentreWithMoreCountersThanRowsShowsThemPageByPage() {
        try (FakeQueueServer big =
                new FakeQueueServer(new BoardOptions(null, FakeQueueServer.SITE, "vi", 20, null), 25).start()) {
            BoardPage page = new BoardPage(browser).open(big.boardUrl());

            assertThat(browser.findElements(By.cssSelector("#counter-rows li"))).hasSize(7);
            assertThat(browser.findElement(By.id("counter-page")).getText()).isEqualTo("Trang 1/4");
            Number rowsBottom =
                    (Number) js("return document.querySelector('#counter-rows').getBoundingClientRect().bottom");
            Number noticeTop = (Number) js("return document.querySelector('.notice').getBoundingClientRect().top");
            assertThat(rowsBottom.doubleValue()).isLessThanOrEqualTo(noticeTop.doubleValue());
            Browser.screenshot(browser, "board-many-counters");

            big.call("B077", "DD", 24);

            Poll.until("the page of counter 24 with its call highlighted", () -> page.highlighted(24));
            assertThat(browser.findElement(By.id("counter-page")).getText()).isEqualTo("Trang 4/4");
        }
    }

    @Test
    void theBoardSwitchesToEnglishAndBack() {
        browser.findElement(By.id("language")).click();
        assertThat(browser.findElement(By.cssSelector(".counter-head")).getText())
                .contains("COUNTER");
        Browser.screenshot(browser, "board-english");
        browser.findElement(By.id("language")).click();
        assertThat(browser.findElement(By.cssSelector(".counter-head")).getText())
                .contains("QUẦY");
    }

    @Test
    void theAnnouncementQueueNeverOverlapsKeepsOrderUnderABurstAndAnnouncesARecallAgain() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./board-logic.js').then(async ({ AnnouncementQueue }) => {
                  const log = [];
                  let playing = 0, overlaps = 0;
                  const queue = new AnnouncementQueue(async (a) => {
                    playing++;
                    if (playing > 1) overlaps++;
                    log.push(a.text);
                    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
                    playing--;
                  });
                  const sent = [];
                  for (let i = 1; i <= 20; i++) {
                    const a = { text: 'call ' + i, clips: ['chime'] };
                    sent.push(a.text);
                    queue.enqueue(a);
                    if (i === 7) { queue.enqueue({ text: 'call 7', clips: ['chime'] }); sent.push('call 7'); }
                  }
                  while (queue.size > 0) await new Promise((r) => setTimeout(r, 20));
                  done({ log, sent, overlaps });
                });
                """);

        assertThat(result.get("overlaps")).isEqualTo(0L);
        assertThat((List<?>) result.get("log")).isEqualTo(result.get("sent"));
        assertThat((List<?>) result.get("log")).filteredOn("call 7"::equals).hasSize(2);
    }

    @Test
    void aBusyBoardKeepsTheLastEightCallsInViewAboveTheNoticeLine() {
        for (int i = 1; i <= 10; i++) {
            server.call(String.format("A%03d", i), "HT", 1 + i % 6);
        }

        Poll.until("ten calls applied", () -> board.counterRow(5).contains("A010"));
        assertThat(browser.findElements(By.cssSelector("#recent-calls li"))).hasSize(8);
        Number sideBottom = (Number) js("return document.querySelector('.side').getBoundingClientRect().bottom");
        Number noticeTop = (Number) js("return document.querySelector('.notice').getBoundingClientRect().top");
        Number recentBottom = (Number)
                js("return document.querySelector('#recent-calls li:last-child').getBoundingClientRect().bottom");
        assertThat(recentBottom.doubleValue()).isLessThanOrEqualTo(sideBottom.doubleValue());
        assertThat(sideBottom.doubleValue()).isLessThanOrEqualTo(noticeTop.doubleValue());
        Browser.screenshot(browser, "board-busy");
    }

    @Test
    void aSnapshotFromANewEventHistoryIsNotMistakenForNewCalls() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./board-logic.js').then(({ BoardState }) => {
                  const now = new Date().toISOString();
                  const call = (id, n) => ({ ticketId: id, number: n, service: 'HT', counter: 1, at: now, callCount: 1 });
                  const snapshot = (seq, calls) => ({ seq, at: now, services: [], counters: [], lastCalls: calls });
                  const state = new BoardState({ recentMs: 20000 });
                  const first = state.applySnapshot(snapshot(100, [call('a', 'A001')]));
                  const missed = state.applySnapshot(snapshot(105, [call('b', 'A002'), call('a', 'A001')]));
                  const restarted = state.applySnapshot(snapshot(3, [call('c', 'A003')]));
                  const replay = state.applyEvent({ seq: 3, type: 'ticket.called' });
                  const gap = state.applyEvent({ seq: 5, type: 'ticket.called' });
                  done({ first: first.length, missed: missed.map((c) => c.number), restarted: restarted.length,
                         replay: Object.keys(replay).length, gap: !!gap.gap });
                });
                """);

        assertThat(result.get("first"))
                .as("calls on the first snapshot are old")
                .isEqualTo(0L);
        assertThat(result.get("missed")).as("calls missed while away are new").isEqualTo(List.of("A002"));
        assertThat(result.get("restarted")).as("a lower seq is another history").isEqualTo(0L);
        assertThat(result.get("replay"))
                .as("an event already applied is ignored")
                .isEqualTo(0L);
        assertThat(result.get("gap")).isEqualTo(true);
    }

    @Test
    void theAnnouncementQueueWaitsWhileAudioIsBlockedAndKeepsWhatItHolds() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./board-logic.js').then(async ({ AnnouncementQueue }) => {
                  let allowed = false;
                  const heard = [], blockedStates = [];
                  const queue = new AnnouncementQueue(async (a) => {
                    if (!allowed) throw new DOMException('blocked', 'NotAllowedError');
                    heard.push(a.text);
                  }, { onBlocked: (b) => blockedStates.push(b) });
                  queue.enqueue({ text: 'one', clips: ['chime'] });
                  queue.enqueue({ text: 'two', clips: ['chime'] });
                  await new Promise((r) => setTimeout(r, 50));
                  const heardWhileBlocked = heard.length;
                  allowed = true;
                  queue.unblock();
                  while (queue.size > 0) await new Promise((r) => setTimeout(r, 10));
                  done({ heardWhileBlocked, heard, blockedStates });
                });
                """);

        assertThat(result.get("heardWhileBlocked")).isEqualTo(0L);
        assertThat(result.get("heard")).isEqualTo(List.of("one", "two"));
        assertThat(result.get("blockedStates")).isEqualTo(List.of(true, false));
    }

    @Test
    void theClipPlayerPlaysRealClipsInOrderAndSkipsAMissingOne() {
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./board-logic.js').then(async ({ ClipPlayer }) => {
                  const errors = [];
                  const player = new ClipPlayer('clips/', { onError: (e) => errors.push(e.message) });
                  const started = performance.now();
                  await player.play({ text: 'test', clips: ['chime', 'num-nam', 'no-such-clip', 'num-lam'] });
                  const chime = await player.clip('chime');
                  done({ seconds: (performance.now() - started) / 1000, errors, chimeSeconds: chime.duration,
                         rate: chime.sampleRate });
                }).catch((e) => done({ failure: String(e) }));
                """);

        assertThat(result).doesNotContainKey("failure");
        assertThat((List<?>) result.get("errors")).hasSize(1).first().asString().contains("no-such-clip");
        assertThat(((Number) result.get("chimeSeconds")).doubleValue()).isBetween(1.0, 1.5);
        // The three clips last about 2 s; play() resolves once they have been heard (or their length plus 2 s).
        assertThat(((Number) result.get("seconds")).doubleValue()).isBetween(1.5, 6.0);
    }

    @Test
    void whenTheBrowserBlocksAudioTheBoardAsksForATouchAndThenSpeaks() {
        ChromeDriver strict = Browser.open(1920, 1080, Browser.Autoplay.NEEDS_GESTURE);
        try {
            new BoardPage(strict).open(server.boardUrl());

            server.call("A031", "HT", 3);

            Poll.until(
                    "the enable-sound button",
                    () -> strict.findElement(By.id("sound")).isDisplayed());
            assertThat(strict.findElement(By.id("sound")).getText()).contains("Bấm để bật âm thanh");
            // The prompt shows from the start now: wait for the call's own attempt to find audio blocked.
            Poll.until(
                    "the call waits for sound",
                    () -> Boolean.TRUE.equals(strict.executeScript("return xephangBoard.queue.blocked")));
            assertThat(((Number) strict.executeScript("return xephangBoard.queue.size")).intValue())
                    .isEqualTo(1);
            Browser.screenshot(strict, "board-sound-blocked");

            strict.findElement(By.id("sound")).click();

            Poll.until(
                    "the button hides",
                    () -> !strict.findElement(By.id("sound")).isDisplayed());
            // The chime, then the sentence once (the fake server says it once): about 5 s of audio.
            Poll.until(
                    Duration.ofSeconds(25),
                    "the announcement is played",
                    () -> ((Number) strict.executeScript("return xephangBoard.queue.played.length")).intValue() == 1);
        } finally {
            strict.quit();
        }
    }

    @Test
    void whatACitizenReadsIsSizedForTenMetresOnA55InchTvAndTheLowerHalfIsUsed() {
        for (int i = 1; i <= 4; i++) {
            server.call(String.format("A%03d", i), "HT", i);
        }
        Poll.until("four calls applied", () -> board.counterRow(4).contains("A004"));

        // Stage px on a 55" 1080p TV are 0.63 mm; 10 m needs letters of 2.5 cm or more: font-size of 56 px or more.
        assertThat(fontSize(".counter-rows .counter-number")).isGreaterThanOrEqualTo(56);
        assertThat(fontSize(".counter-rows .counter-ticket")).isGreaterThanOrEqualTo(64);
        assertThat(fontSize("#recent-calls li")).isGreaterThanOrEqualTo(56);
        assertThat(fontSize(".waiting-list .waiting-count")).isGreaterThanOrEqualTo(56);
        assertThat(fontSize("#latest-number")).isGreaterThanOrEqualTo(150);
        double waitingBottom = ((Number)
                        js("return document.querySelector('#waiting-list').getBoundingClientRect().bottom"))
                .doubleValue();
        double noticeTop =
                ((Number) js("return document.querySelector('.notice').getBoundingClientRect().top")).doubleValue();
        double height = ((Number) js("return window.innerHeight")).doubleValue();
        assertThat(waitingBottom).isLessThanOrEqualTo(noticeTop).isGreaterThan(0.75 * height);
        Browser.screenshot(browser, "board-sizes");
    }

    @Test
    void withAudioBlockedTheBoardAsksOnceAtStartInTheHeaderWithoutCoveringARow() {
        ChromeDriver strict = Browser.open(1920, 1080, Browser.Autoplay.NEEDS_GESTURE);
        try {
            new BoardPage(strict).open(server.boardUrl());

            Poll.until(
                    "the enable-sound prompt at start",
                    () -> strict.findElement(By.id("sound")).isDisplayed());
            WebElement sound = strict.findElement(By.id("sound"));
            assertThat(sound.getText()).contains("Bấm để bật âm thanh").doesNotContain("🔊");
            assertThat(sound.findElements(By.tagName("svg"))).hasSize(1);
            double soundBottom = sound.getRect().y + sound.getRect().height;
            double headerBottom = strict.findElement(By.cssSelector(".top")).getRect().y
                    + strict.findElement(By.cssSelector(".top")).getRect().height;
            assertThat(soundBottom).isLessThanOrEqualTo(headerBottom);
            Browser.screenshot(strict, "board-sound-prompt");

            strict.findElement(By.cssSelector(".notice")).click(); // a touch anywhere on the screen

            Poll.until(
                    "the prompt hides",
                    () -> !strict.findElement(By.id("sound")).isDisplayed());
        } finally {
            strict.quit();
        }
    }

    private double fontSize(String selector) {
        return ((Number) js("return parseFloat(getComputedStyle(document.querySelector('" + selector + "')).fontSize)"))
                .doubleValue();
    }

    private Object js(String script) {
        return browser.executeScript(script);
    }
}
