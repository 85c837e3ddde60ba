package org.xephang.launcher.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.DeviceReporter;
import org.xephang.board.BoardApp;
import org.xephang.board.BoardOptions;
import org.xephang.board.led.LedAgent;
import org.xephang.core.QueueServerMain;
import org.xephang.core.QueueServerMain.Running;
import org.xephang.core.QueueServerMain.Settings;
import org.xephang.core.QueueServerMain.UsageException;
import org.xephang.core.ServedPage;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.DossierConfigReader;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;
import org.xephang.counter.CounterApp;
import org.xephang.counter.CounterOptions;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.DeviceUri;
import org.xephang.device.printer.sim.SimulatedTicketPrinter;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.kiosk.KioskApp;
import org.xephang.kiosk.KioskOptions;

/**
 * The whole centre in one process (docs/architecture.md §3, "demo"): the queue server on the example configuration, always
 * open; a simulated dossier system it forwards to and looks dossiers up in; one kiosk with a simulated printer and
 * scanner; the board with the voice and a simulated LED summary board; every counter of the site with a simulated LED
 * display and rating keypad; and the devices page that drives the simulators. Everything on one port.
 */
public final class DemoCentre implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCentre.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String KIOSK = "kiosk1";
    /** The counter PCs' device account of the example centre: the counters' LEDs and keypads report with it. */
    private static final String COUNTER_PC = "quaypc1";

    private static final String PASSWORD = "demo";

    private final Running running;
    private final DossierSimulator dossiers;
    private final String site;
    private final List<AutoCloseable> apps;

    private DemoCentre(Running running, DossierSimulator dossiers, String site, List<AutoCloseable> apps) {
        this.running = running;
        this.dossiers = dossiers;
        this.site = site;
        this.apps = apps;
    }

    /**
     * Starts everything. Blocking; call from a main thread.
     *
     * @throws UsageException for a bad configuration or a port that is taken (one line naming the key)
     */
    public static DemoCentre start(Path configFile, Path dataDir, String host, int port) throws UsageException {
        CentreConfig config = load(configFile);
        String site = config.sites().get(0).code();
        Vertx vertx = Vertx.vertx();
        DossierSimulator dossiers =
                await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()), "simulated dossier system");
        // The pages are created once the port is known (they talk to the server's API); until then the
        // placeholders answer nothing and the server itself answers 503.
        Router kioskMount = Router.router(vertx);
        Router boardMount = Router.router(vertx);
        Router counterMount = Router.router(vertx);
        Router devicesMount = Router.router(vertx);
        Running running;
        try {
            running = QueueServerMain.launch(
                    vertx,
                    config,
                    linkTo(dossiers),
                    new Settings(configFile, port, dataDir, true, host, null),
                    options -> options.mount("/kiosk", kioskMount)
                            .mount("/board", boardMount)
                            .mount("/counter", counterMount)
                            .mount("/devices", devicesMount));
        } catch (UsageException | RuntimeException failed) {
            dossiers.close();
            vertx.close();
            throw failed;
        }
        String serverUrl = "http://127.0.0.1:" + running.server().port();
        List<AutoCloseable> apps = new ArrayList<>();
        DemoCentre centre = new DemoCentre(running, dossiers, site, apps);
        try {
            SimulatedTicketPrinter printer = SimulatedTicketPrinter.fromUri(
                    DeviceUri.parse(
                            "sim:printer?dir=" + dataDir.resolve("printed").toAbsolutePath()),
                    Clock.systemUTC());
            printer.start();
            apps.add(printer);

            KioskApp kiosk = KioskApp.create(
                    vertx,
                    KioskOptions.of(serverUrl, site, KIOSK, PASSWORD, "sim:printer")
                            .withKioskId(KIOSK)
                            .withScannerUri("sim:scanner?name=" + KIOSK)
                            .withOfflineJournal(dataDir.resolve(KIOSK + "-offline.jsonl")),
                    printer,
                    false);
            apps.add(kiosk);
            kioskMount.route("/*").subRouter(kiosk.router());

            boardMount.route("/*").subRouter(BoardApp.router(vertx, BoardOptions.sameOrigin(site)));
            LedAgent leds = await(
                    LedAgent.start(
                            vertx,
                            LedAgent.Settings.of(serverUrl, site, List.of(), DemoDevices.SUMMARY_BOARD_URI)
                                    .reportingAs("board1", "board1", PASSWORD),
                            DeviceFactory.standard()),
                    "LED summary board");
            apps.add(leds);

            List<Integer> counters = config.sites().get(0).counters().stream()
                    .map(counter -> counter.number())
                    .toList();
            CounterApp desks = CounterApp.create(
                    vertx,
                    CounterOptions.of(
                                    serverUrl,
                                    site,
                                    counters.stream()
                                            .map(n -> new CounterOptions.DeskOptions(
                                                    n, DemoDevices.ledUri(n), DemoDevices.keypadUri(n)))
                                            .toList())
                            // "In lại vé" at a counter prints on the desk's own (simulated) printer.
                            .withPrinterUri("sim:printer?dir="
                                    + dataDir.resolve("printed")
                                            .resolve("counters")
                                            .toAbsolutePath())
                            .withAccount(new DeviceReporter.Account(COUNTER_PC, COUNTER_PC, PASSWORD))
                            // the page stands for every counter, those the administrator adds too
                            .withEveryCounterOfTheSite());
            apps.add(desks);
            counterMount.route("/*").subRouter(desks.router());

            DemoDevices devices = new DemoDevices(vertx, printer, KIOSK, counters, dossiers.samples());
            devicesMount.route("/*").subRouter(devices.router());
            // Ready only when a tap gives a ticket: until the kiosk's link to the server is up, the kiosk (which has an
            // offline journal and no leased numbers yet) would take a tap as issued offline and refuse it.
            await(kiosk.ready(), "the kiosk's link to the server");
        } catch (DeviceException | RuntimeException failed) {
            centre.close();
            throw new IllegalStateException("the simulated devices could not start: " + failed.getMessage(), failed);
        }
        return centre;
    }

    /**
     * Prints where everything is, Vietnamese first: the pages as the index at {@code /} lists them (one list, so the
     * printout names every page the index does), each with what the demo needs to open it.
     */
    public void describe(PrintWriter out) {
        String base = running.server().localUrl();
        String demoPassword = "mật khẩu demo";
        Map<String, String> notes = Map.of(
                "/counter/", "   (officer1…officer9, " + demoPassword + ")",
                "/devices/", "   (vé đã in, LED, bàn phím, máy quét)",
                "/stats/", "?site=" + site + "   (supervisor, " + demoPassword + ")",
                "/supervisor/", "?site=" + site + "   (supervisor, " + demoPassword + ")",
                "/admin/", "   (admin, " + demoPassword + ")",
                "/dat-lich/", "?site=" + site + "   (công dân, trên điện thoại)",
                "/dat-lich/can-bo/", "?site=" + site + "   (officer1…officer9 hoặc supervisor, " + demoPassword + ")");
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"Các trang / index", base + "/"});
        for (ServedPage page : running.server().pages()) {
            lines.add(new String[] {
                page.vietnamese() + " / " + page.english(), base + page.path() + notes.getOrDefault(page.path(), "")
            });
        }
        lines.add(new String[] {"API (OpenAPI)", base + "/api/v1/openapi.yaml"});
        lines.add(new String[] {"Hệ thống hồ sơ mô phỏng", dossiers.baseUrl()});
        lines.add(new String[] {
            "Mã QR trên vé / ticket QR",
            running.server().phoneUrl() + "/t/…   (điện thoại trong mạng LAN"
                    + (running.server().phoneUrl().equals(base) ? "; máy này chưa có địa chỉ LAN)" : ")")
        });
        int width = lines.stream().mapToInt(line -> line[0].length()).max().orElse(0) + 2;

        out.println("listening on " + base);
        out.println();
        out.println("xephang demo — trung tâm mẫu \"" + site + "\", luôn mở cửa, thiết bị mô phỏng");
        for (String[] line : lines) {
            out.println("  " + (line[0] + ":" + " ".repeat(width)).substring(0, width) + line[1]);
        }
        out.println("Dừng / stop: Ctrl-C");
    }

    /** The server's link to the simulator: generic lookups and webhook forwarding, from the YAML it offers. */
    private static DossierConfig linkTo(DossierSimulator dossiers) {
        try {
            return DossierConfigReader.parse(
                    dossiers.dossierYaml("generic"), "the simulated dossier system", name -> null);
        } catch (ConfigException e) {
            throw new IllegalStateException(
                    "the simulated dossier system's dossier: section is not valid: " + e.getMessage(), e);
        }
    }

    /** Stops the pages, the server (its pending commits finish), the simulator and Vert.x. */
    @Override
    public void close() {
        for (AutoCloseable app : apps) {
            try {
                app.close();
            } catch (Exception e) {
                LOG.warn("demo: {} did not close cleanly", app, e);
            }
        }
        dossiers.close();
        running.close();
    }

    private static CentreConfig load(Path file) throws UsageException {
        try {
            return CentreConfigLoader.load(file);
        } catch (ConfigException invalid) {
            throw new UsageException(file + ": " + String.join("; ", invalid.problems()));
        }
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", interrupted);
        } catch (ExecutionException | TimeoutException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            throw new IllegalStateException(what + " did not start: " + cause.getMessage(), cause);
        }
    }
}
