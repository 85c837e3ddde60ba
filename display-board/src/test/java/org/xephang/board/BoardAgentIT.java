package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.testkit.centre.RunningCentre.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.xephang.api.DeviceHealth;
import org.xephang.api.EventStream;
import org.xephang.api.EventType;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;
import org.xephang.board.testkit.BoardPage;
import org.xephang.device.DeviceFactory;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.testkit.Browser;
import org.xephang.testkit.Poll;
import org.xephang.testkit.centre.RunningCentre;

/** The standalone board agent ({@code xephang board}) against a real queue server, with simulated LED boards. */
class BoardAgentIT {

    private static final String SITE = "demo";

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private final String bus = "agent-" + UUID.randomUUID();
    private RunningCentre server;
    private BoardAgent agent;
    private QueueClient officer;
    private QueueClient kiosk;

    @BeforeEach
    void startServerAndAgent() throws Exception {
        server = RunningCentre.started(vertx, dataDir);
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
                vertx, BoardAgentConfig.fromJson(agentConfig, server.url()), DeviceFactory.standard()));
        kiosk = server.client("kiosk1");
        officer = server.client("officer4");
        await(officer.signIn(SITE, 4));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        server.stop();
        await(vertx.close());
    }

    private LedBusSimulator simulator() {
        return LedBusSimulator.named(bus);
    }

    @Test
    void aCallReachesTheCounterDisplayAndTheSummaryBoard() throws Exception {
        await(kiosk.issue(SITE, "C", null, "kiosk", UUID.randomUUID().toString()));
        Optional<Ticket> called = await(officer.callNext(SITE, 4));
        assertThat(called).isPresent();
        String number = called.get().number();

        Poll.until(
                "counter 4's display shows " + number,
                () -> simulator().shown(4).orElse("").equals(number));
        Poll.until(
                "the summary's first line",
                () -> simulator().shown(20).orElse("").equals("04 " + number));

        await(officer.complete(called.get().id()));
        Poll.until(
                "the display is blanked", () -> simulator().shown(4).orElse("x").isEmpty());
    }

    @Test
    void theLedsStatusIsReportedToTheServer() throws Exception {
        QueueClient watcher = QueueClient.create(vertx, server.url());
        List<String> reports = new CopyOnWriteArrayList<>();
        EventStream stream = watcher.events(SITE)
                .onEvent(event -> {
                    if (event.type() == EventType.DEVICE_STATUS) {
                        reports.add(event.toJson().encode());
                    }
                })
                .start();
        try {
            simulator().setConnected(false);
            Poll.until(
                    "an OFFLINE report of tv1/led-4",
                    () -> reports.stream().anyMatch(r -> r.contains("tv1/led-4") && r.contains("OFFLINE")));
            simulator().setConnected(true);
            Poll.until(
                    "an ONLINE report of tv1/led-4",
                    () -> reports.stream().anyMatch(r -> r.contains("tv1/led-4") && r.contains("ONLINE")));
            QueueClient supervisor = server.client("supervisor");
            List<DeviceHealth> devices = new CopyOnWriteArrayList<>();
            supervisor.devices(SITE).onSuccess(devices::addAll);
            Poll.until("the board agent listed among the site's devices by its heartbeat", () -> {
                if (devices.stream()
                        .anyMatch(d -> d.device().equals("tv1") && d.kind().equals("board") && d.up())) {
                    return true;
                }
                supervisor.devices(SITE).onSuccess(found -> {
                    devices.clear();
                    devices.addAll(found);
                });
                return false;
            });
            assertThat(await(supervisor.devices(SITE)))
                    .extracting(DeviceHealth::device)
                    .contains("tv1/led-4", "tv1/led-summary");
        } finally {
            stream.close();
            watcher.close();
        }
    }

    @Test
    void thePageServedByTheAgentReadsTheServerAcrossOrigins() {
        ChromeDriver browser = Browser.open(1920, 1080, Browser.Autoplay.ALLOWED);
        try {
            new BoardPage(browser).open(agent.url());
            Poll.until(
                    "the site's name",
                    () -> Boolean.TRUE.equals(
                            browser.executeScript("return !!xephangBoard.site && xephangBoard.site.code === 'demo'")));
            Browser.screenshot(browser, "board-agent");
        } finally {
            browser.quit();
        }
    }
}
