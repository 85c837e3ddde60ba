package org.xephang.counter;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.AgentServer;
import org.xephang.agent.DeviceReporter;
import org.xephang.agent.PageEventStream;
import org.xephang.api.QueueClient;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFactory;
import org.xephang.device.keypad.RatingKeypad;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.printer.TicketPrinter;

/**
 * The counter client: the officer page and its agent (officer actions through the queue server, the counter's LED
 * display, the rating keypad, reprints). One agent may serve several counters, each with its own LED and keypad.
 * Mount {@link #router()} at {@code /counter/*} (or serve it at the root of a standalone agent).
 *
 * <p>Threading: the agent is a verticle deployed here; its state lives on its own context, and requests hop onto it.
 * Device I/O runs on worker threads.
 */
public final class CounterApp implements AgentServer.App {

    private static final Logger LOG = LoggerFactory.getLogger(CounterApp.class);

    private final List<Device> ownedDevices = new ArrayList<>();
    private final CounterAgent agent;
    private final PageEventStream<Integer> events;
    private final TicketReprinter reprinter;
    private final Router router;
    private final Future<String> deployment;
    private QueueClient reportingClient;
    private DeviceReporter reporter;

    CounterApp(Vertx vertx, CounterOptions options, CounterCore core, List<Desk> desks, TicketReprinter reprinter) {
        this.events = new PageEventStream<>(vertx);
        this.agent = new CounterAgent(core, events::publish, options, desks);
        this.reprinter = reprinter;
        this.router = new CounterRoutes(agent, events, reprinter).router(vertx);
        this.deployment = agent.deployOn(vertx).onFailure(e -> LOG.error("counter agent: the agent did not start", e));
    }

    /**
     * Starts a counter agent with the devices named in {@code options} (each desk's {@code ledUri} and
     * {@code keypadUri}, the optional printer) and answers its router, ready to mount at {@code /counter/*}.
     * Simulated devices are named singletons ({@code sim:led?address=3}, {@code sim:keypad?name=counter3}), so a
     * devices page can drive the very same ones. A {@code keypad:hid} keypad is read by the counter page.
     *
     * @throws DeviceException if a device URI is wrong (an unplugged device is not an error: it reconnects)
     */
    public static Router router(Vertx vertx, CounterOptions options) throws DeviceException {
        return create(vertx, options).router();
    }

    /** Starts a counter agent; see {@link #router(Vertx, CounterOptions)}. {@link #close()} closes its devices. */
    public static CounterApp create(Vertx vertx, CounterOptions options) throws DeviceException {
        DeviceFactory devices = DeviceFactory.standard();
        List<Device> created = new ArrayList<>();
        List<DeviceReporter.Reported> reported = new ArrayList<>();
        List<Desk> desks = new ArrayList<>();
        try {
            for (CounterOptions.DeskOptions desk : options.desks()) {
                DeskLed led = null;
                DeskKeypad keypad = null;
                if (desk.ledUri() != null) {
                    LedDisplay display = devices.create(desk.ledUri(), LedDisplay.class);
                    created.add(display);
                    reported.add(DeviceReporter.Reported.of("led-" + desk.counter(), "led", display));
                    led = new LedDisplayDesk(display);
                }
                if (HidKeypadDesk.names(desk.keypadUri())) {
                    keypad = HidKeypadDesk.create(
                            desk.keypadUri(), desk.counter(), options.ratingWindow(), options.clock());
                } else if (desk.keypadUri() != null) {
                    RatingKeypad pad = devices.create(desk.keypadUri(), RatingKeypad.class);
                    created.add(pad);
                    reported.add(DeviceReporter.Reported.of("keypad-" + desk.counter(), "keypad", pad));
                    keypad = new RatingKeypadDesk(pad, desk.counter());
                }
                desks.add(new Desk(desk.counter(), led, keypad));
            }
            TicketPrinter printer = null;
            if (options.printerUri() != null) {
                printer = devices.create(options.printerUri(), TicketPrinter.class);
                created.add(printer);
                reported.add(DeviceReporter.Reported.of("printer", "printer", printer));
            }
            for (Device device : created) {
                vertx.executeBlocking(() -> {
                            device.start();
                            return null;
                        })
                        .onFailure(e -> LOG.error("counter agent: device {} did not start", device.id(), e));
            }
            CounterApp app = new CounterApp(
                    vertx,
                    options,
                    new QueueClientCore(vertx, options.serverUrl(), options.site()),
                    desks,
                    new TicketReprinter(vertx, printer));
            app.ownedDevices.addAll(created);
            if (options.account() != null) {
                app.reportDevices(vertx, options, reported);
            }
            return app;
        } catch (DeviceException | RuntimeException e) {
            created.forEach(Device::close);
            throw e;
        }
    }

    /** Reports the PC's devices, named {@code <agentId>/led-3}, {@code …/keypad-3}, {@code …/printer}. */
    private void reportDevices(Vertx vertx, CounterOptions options, List<DeviceReporter.Reported> devices) {
        DeviceReporter.Account account = options.account();
        reportingClient = QueueClient.create(vertx, options.serverUrl());
        reporter = DeviceReporter.start(
                vertx.getOrCreateContext(),
                DeviceReporter.Server.signedIn(reportingClient, options.site(), account),
                account.agentId(),
                "counter",
                devices.stream()
                        .map(d -> d.named(account.agentId() + "/" + d.name()))
                        .toList());
    }

    /** The page and its API, to mount with {@code parent.route("/counter/*").subRouter(app.router())}. */
    @Override
    public Router router() {
        return router;
    }

    /** Completes when the agent has started (it fails if it could not). */
    @Override
    public Future<CounterApp> started() {
        return deployment.map(id -> this);
    }

    /**
     * A standalone counter agent ({@code xephang counter}): the counter app served at the root of its own HTTP server,
     * for the officer's browser. Fails if a device URI is wrong or the port is taken.
     */
    public static Future<AgentServer> serve(Vertx vertx, CounterAgentConfig config) {
        return AgentServer.start(vertx, () -> create(vertx, config.options()), config.host(), config.port());
    }

    @Override
    public void close() {
        agent.onContext(v -> {
            events.closeAll();
            agent.undeploy();
            reprinter.close();
            if (reporter != null) {
                reporter.close();
                reportingClient.close();
            }
            ownedDevices.forEach(Device::close);
        });
    }
}
