package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.AgentServer;
import org.xephang.agent.PageEventStream;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.TicketTemplate;
import org.xephang.device.scanner.BarcodeScanner;

/**
 * The kiosk: a touch page and its agent (issues tickets through the queue server, prints them on the local printer,
 * reads the scanner). Mount {@link #router()} at {@code /kiosk/*} (or serve it at the root of a standalone agent).
 *
 * <p>Threading: the agent is a verticle deployed here; its state lives on its own context, and requests hop onto it.
 * Printing runs on its own worker thread.
 */
public final class KioskApp implements AgentServer.App {

    private static final Logger LOG = LoggerFactory.getLogger(KioskApp.class);

    private final KioskAgent agent;
    private BarcodeScanner scanner;
    private final PageEventStream<String> events;
    private final Router router;
    private final Future<String> deployment;

    KioskApp(Vertx vertx, KioskOptions options, CoreGateway core, ReceiptPrinter printer, ScanReader scans) {
        this.events = new PageEventStream<>(vertx);
        this.agent =
                new KioskAgent(core, printer, (event, data) -> events.publish(options.kioskId(), event, data), options);
        this.router = new KioskRoutes(agent, events, scans).router(vertx);
        this.deployment = agent.deployOn(vertx)
                .onFailure(e -> LOG.error("kiosk {}: the agent did not start", options.kioskId(), e));
    }

    /**
     * Starts a kiosk with the printer named by {@code options.printerUri()} and answers its router, ready to mount
     * at {@code /kiosk/*}.
     *
     * @throws DeviceException if the printer URI is wrong (a printer that is merely unplugged is not an error: the
     *     page shows it and the agent keeps trying)
     */
    public static Router router(Vertx vertx, KioskOptions options) throws DeviceException {
        return create(vertx, options).router();
    }

    /** Starts a kiosk with the printer named by {@code options.printerUri()}. See {@link #router(Vertx, KioskOptions)}. */
    public static KioskApp create(Vertx vertx, KioskOptions options) throws DeviceException {
        TicketPrinter printer = DeviceFactory.standard().create(options.printerUri(), TicketPrinter.class);
        return create(vertx, options, printer, true);
    }

    /**
     * Starts a kiosk on a printer the caller made (the demo lends its simulated printer so its devices page can run
     * it out of paper). The printer is started here if {@code ownsPrinter}; a lent one must already be started. The
     * serial scanner of {@code options.scannerUri()}, if any, is created, started and closed by the kiosk (simulated
     * scanners are named singletons, {@code sim:scanner?name=kiosk1}, so a devices page can scan with the same one).
     *
     * @throws DeviceException if the scanner URI is wrong
     */
    public static KioskApp create(Vertx vertx, KioskOptions options, TicketPrinter printer, boolean ownsPrinter)
            throws DeviceException {
        BarcodeScanner scanner = options.scannerUri() == null
                ? null
                : DeviceFactory.standard().create(options.scannerUri(), BarcodeScanner.class);
        if (ownsPrinter) {
            startInBackground(vertx, options, printer);
        }
        if (scanner != null) {
            startInBackground(vertx, options, scanner);
        }
        ReceiptPrinter receipts = new TemplateReceiptPrinter(
                printer, TicketTemplate.standard(), options.kioskId() + "/printer", ownsPrinter);
        ParsedScans scans = new ParsedScans();
        KioskApp app = new KioskApp(vertx, options, new QueueClientGateway(vertx, options), receipts, scans);
        scans.onScannerHint(hint -> app.agent.onContext(v -> app.agent.scannerRead(hint)));
        if (scanner != null) {
            app.scanner = scanner;
            scanner.addScanListener(scan -> app.agent.onContext(v -> app.agent.scanned(scans.read(scan.text()))));
        }
        return app;
    }

    private static void startInBackground(Vertx vertx, KioskOptions options, Device device) {
        vertx.executeBlocking(() -> {
                    device.start();
                    return null;
                })
                .onFailure(e -> LOG.error("kiosk {}: device {} did not start", options.kioskId(), device.id(), e));
    }

    /** The page and its API, to mount with {@code parent.route("/kiosk/*").subRouter(app.router())}. */
    @Override
    public Router router() {
        return router;
    }

    /** Completes when the agent has started (it fails if it could not). */
    @Override
    public Future<KioskApp> started() {
        return deployment.map(id -> this);
    }

    /**
     * A standalone kiosk agent ({@code xephang kiosk}): the kiosk served at the root of its own HTTP server, for the
     * kiosk's full-screen browser. Fails if the printer URI is wrong or the port is taken.
     */
    public static Future<AgentServer> serve(Vertx vertx, KioskAgentConfig config) {
        return AgentServer.start(vertx, () -> create(vertx, config.options()), config.host(), config.port());
    }

    @Override
    public void close() {
        agent.onContext(v -> {
            events.closeAll();
            agent.undeploy();
            if (scanner != null) {
                scanner.close();
            }
        });
    }
}
