package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;
import org.xephang.board.testkit.Browser;
import org.xephang.core.QueueServer;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.device.DeviceFactory;
import org.xephang.device.led.sim.LedBusSimulator;

/** The standalone board agent ({@code xephang board}) against a real queue server, with simulated LED boards. */
class BoardAgentIT {

    private static final String SITE = "demo";

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private final String bus = "agent-" + UUID.randomUUID();
    private QueueEngine engine;
    private QueueServer server;
    private BoardAgent agent;
    private QueueClient officer;
    private QueueClient kiosk;

    @BeforeEach
    void startServerAndAgent() throws Exception {
        CentreConfig config = CentreConfigLoader.load(Path.of("..", "examples", "centre.yaml"));
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
                        .port(0)
                        .accounts(config.accounts())
                        .dataDir(dataDir)));
        JsonObject agentConfig = new JsonObject()
                .put("site", SITE)
                .put("host", "127.0.0.1")
                .put("port", 0)
                .put("agentId", "tv1")
                .put("username", "board1")
                .put("password", "demo")
                .put(
                        "leds",
                        new JsonObject()
                                .put(
                                        "counters",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("counter", 4)
                                                        .put("uri", "sim:led?address=4&gap=0&bus=" + bus)))
                                .put("summary", "sim:ledsummary?address=20&lines=4&gap=0&bus=" + bus));
        agent = await(BoardAgent.start(
                vertx, BoardAgentConfig.fromJson(agentConfig, server.localUrl()), DeviceFactory.standard()));
        kiosk = QueueClient.create(vertx, server.localUrl());
        officer = QueueClient.create(vertx, server.localUrl());
        await(kiosk.login("kiosk1", "demo"));
        await(officer.login("officer4", "demo"));
        await(officer.signIn(SITE, 4));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        await(server.close());
        engine.close();
        await(vertx.close());
    }

    @Test
    void aCallReachesTheCounterDisplayAndTheSummaryBoard() throws Exception {
        await(kiosk.issue(SITE, "C", null, "kiosk", UUID.randomUUID().toString()));
        Optional<Ticket> called = await(officer.callNext(SITE, 4));
        assertThat(called).isPresent();
        String number = called.get().number();

        waitUntil(
                "counter 4's display shows " + number,
                () -> simulator().shown(4).orElse("").equals(number));
        waitUntil(
                "the summary's first line",
                () -> simulator().shown(20).orElse("").equals("04 " + number));

        await(officer.complete(called.get().id()));
        waitUntil(
                "the display is blanked", () -> simulator().shown(4).orElse("x").isEmpty());
    }

    @Test
    void theLedsStatusIsReportedToTheServer() throws Exception {
        QueueClient watcher = QueueClient.create(vertx, server.localUrl());
        java.util.List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.xephang.api.EventStream stream = watcher.events(SITE)
                .onEvent(event -> {
                    if (event.type() == org.xephang.api.EventType.DEVICE_STATUS) {
                        reports.add(event.toJson().encode());
                    }
                })
                .start();
        try {
            simulator().setConnected(false);
            waitUntil(
                    "an OFFLINE report of tv1/led-4",
                    () -> reports.stream().anyMatch(r -> r.contains("tv1/led-4") && r.contains("OFFLINE")));
            simulator().setConnected(true);
            waitUntil(
                    "an ONLINE report of tv1/led-4",
                    () -> reports.stream().anyMatch(r -> r.contains("tv1/led-4") && r.contains("ONLINE")));
        } finally {
            stream.close();
            watcher.close();
        }
    }

    @Test
    void thePageServedByTheAgentReadsTheServerAcrossOrigins() {
        ChromeDriver browser = Browser.open(true);
        try {
            browser.get(agent.url());
            waitUntil(
                    "the page is connected to the server",
                    () -> Boolean.TRUE.equals(browser.executeScript(
                            "return !!window.xephangBoard && xephangBoard.connected && !!xephangBoard.site")));
            Browser.screenshot(browser, "board-agent");
        } finally {
            browser.quit();
        }
    }

    private LedBusSimulator simulator() {
        return LedBusSimulator.named(bus);
    }

    private static void waitUntil(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for: " + what);
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
