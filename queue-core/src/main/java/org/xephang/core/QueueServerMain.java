package org.xephang.core;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.auth.DemoPasswords;
import org.xephang.core.backend.DossierBackend;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.notify.NotificationBackend;
import org.xephang.core.backend.notify.NotificationProviders;
import org.xephang.core.cluster.ClusterOptions;
import org.xephang.core.cluster.ClusterQueue;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Store;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.site.CentreConfig;
import picocli.CommandLine;

/**
 * Starts the queue server: {@link #launch} wires configuration, port, engine, API and dossier link, for {@code xephang
 * server}, the demo and the tests. {@link #main} runs the server as its own process with the options of {@link
 * QueueServerCommand} (the one place they are parsed), as {@code xephang server} does: the crash tests start it so.
 */
public final class QueueServerMain {

    public static final int EXIT_USAGE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(QueueServerMain.class);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private QueueServerMain() {}

    /**
     * What to run.
     *
     * @param publicUrl base of the ticket status URLs in QR codes; null = {@code http://<host or 127.0.0.1>:<port>}
     * @param store {@code --store}: {@code sqlite:DIR} or {@code postgresql://HOST:PORT/DB?user=…&password=…}; null =
     *     the SQLite file {@code xephang.db} in {@code dataDir}
     * @param cluster {@code --cluster}: this node joins a cluster of nodes over a PostgreSQL store; null = alone
     * @param transport {@code --transport}: the event loops' Netty transport (native epoll when it loads, by default)
     */
    public record Settings(
            Path config,
            int port,
            Path dataDir,
            boolean alwaysOpen,
            String host,
            String publicUrl,
            String store,
            ClusterOptions cluster,
            ServerTransport transport) {

        public Settings {
            transport = transport == null ? ServerTransport.AUTO : transport;
        }

        public Settings(
                Path config,
                int port,
                Path dataDir,
                boolean alwaysOpen,
                String host,
                String publicUrl,
                String store,
                ClusterOptions cluster) {
            this(config, port, dataDir, alwaysOpen, host, publicUrl, store, cluster, ServerTransport.AUTO);
        }

        public Settings(Path config, int port, Path dataDir, boolean alwaysOpen, String host, String publicUrl) {
            this(config, port, dataDir, alwaysOpen, host, publicUrl, null, null);
        }

        public Settings(
                Path config, int port, Path dataDir, boolean alwaysOpen, String host, String publicUrl, String store) {
            this(config, port, dataDir, alwaysOpen, host, publicUrl, store, null);
        }

        /** The store to open: {@code --store}, or SQLite in the data folder. */
        StoreLocation storeLocation() throws UsageException {
            return store != null ? ServerStore.parse(store) : StoreLocation.Sqlite.inFolder(dataDir);
        }
    }

    /** A bad argument or an unusable configuration: one line, naming the argument or key. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    /** A started server and what it owns; {@link #close()} shuts all of it down. */
    public static final class Running implements AutoCloseable {
        private final Vertx vertx;
        private final QueueServer server;
        private final QueueEngine engine;
        private final ClusterQueue cluster;
        private final DossierBackend dossier;
        private final NotificationBackend notifications;

        private Running(
                Vertx vertx,
                QueueServer server,
                QueueEngine engine,
                ClusterQueue cluster,
                DossierBackend dossier,
                NotificationBackend notifications) {
            this.vertx = vertx;
            this.server = server;
            this.engine = engine;
            this.cluster = cluster;
            this.dossier = dossier;
            this.notifications = notifications;
        }

        /** What the API serves: the engine alone, or the node's share of the cluster. */
        public QueueService queue() {
            return engine != null ? engine : cluster;
        }

        /** A node of a cluster: its sites and their engines; null alone. */
        public ClusterQueue cluster() {
            return cluster;
        }

        public QueueServer server() {
            return server;
        }

        public Vertx vertx() {
            return vertx;
        }

        /** The engine of a server alone (a node of a cluster runs one per site: {@link #cluster()}). */
        public QueueEngine engine() {
            return engine;
        }

        /**
         * Blocking: stops the HTTP server, the forwarder, then the engine (which finishes its pending commits), then
         * Vert.x. Every step is tried even when one before it failed; the first failure is thrown afterwards.
         */
        @Override
        public void close() {
            List<Runnable> steps = List.of(
                    () -> await(server.close(), "HTTP server"),
                    () -> await(dossier.close(), "dossier forwarder"),
                    () -> await(notifications.close(), "notification sender"),
                    () -> {
                        if (engine != null) {
                            engine.close();
                        } else {
                            cluster.close();
                        }
                    },
                    () -> await(vertx.close(), "Vert.x"));
            RuntimeException first = null;
            for (Runnable step : steps) {
                try {
                    step.run();
                } catch (RuntimeException failed) {
                    if (first == null) {
                        first = failed;
                    } else {
                        first.addSuppressed(failed);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** Runs {@link QueueServerCommand} alone; exits with its code once the server has stopped. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@link QueueServerCommand} as a command of its own, with the launcher's rule for bad arguments. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new QueueServerCommand());
        cli.setExitCodeExceptionMapper(e -> EXIT_USAGE);
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("xephang server: " + e.getMessage());
            return EXIT_USAGE;
        });
        return cli;
    }

    /**
     * Loads the configuration, binds the port, opens the engine (blocking: SQLite, migrations, state rebuild) and
     * serves. Blocking; call it from a main thread, never from an event loop.
     */
    public static Running launch(Settings settings) throws UsageException {
        return launch(settings, options -> {});
    }

    /**
     * {@link #launch(Settings)} with a hook on the server's options (HTTPS from {@code xephang server --tls-cert}).
     * Refuses to start while an account keeps a password hash published with the demo (issue 13).
     */
    public static Running launch(Settings settings, Consumer<QueueServer.Options> customize) throws UsageException {
        CentreConfig config = ServerFiles.loadConfig(settings.config());
        List<String> demoAccounts = DemoPasswords.accountsWithDemoPasswords(config.accounts());
        if (!demoAccounts.isEmpty()) {
            throw new UsageException(settings.config() + ": accounts " + String.join(", ", demoAccounts)
                    + " still have the published demo password; give each a password of its own (bcrypt hash)"
                    + " before running a real server, or use xephang demo");
        }
        DossierConfig dossierConfig = ServerFiles.loadDossierConfig(settings.config());
        customize = ServerFiles.withServerSettings(ServerFiles.loadServerSettings(settings.config()), customize);
        settings.storeLocation(); // a malformed --store is named first
        requirePublicUrlForPhones(settings);
        NotificationProviders providers = ServerFiles.loadNotificationProviders(settings.config());
        if (settings.cluster() == null) {
            return launch(settings.transport().vertx(), config, dossierConfig, providers, settings, customize);
        }
        return launch(ClusterWiring.join(settings), config, dossierConfig, providers, settings, customize);
    }

    /** {@link #launch(Vertx, CentreConfig, DossierConfig, NotificationProviders, Settings, Consumer)} without SMS or Zalo. */
    public static Running launch(
            Vertx vertx,
            CentreConfig config,
            DossierConfig dossierConfig,
            Settings settings,
            Consumer<QueueServer.Options> customize)
            throws UsageException {
        return launch(vertx, config, dossierConfig, NotificationProviders.none(), settings, customize);
    }

    /** How long a node's lease on its sites lasts without renewal; the writer renews it every third of that. */
    public static final Duration SITE_LEASE_TTL = Duration.ofSeconds(6);

    /**
     * A server reachable on the LAN (every interface) must be told the address phones use for its QR codes: the
     * loopback address it would otherwise print is one no phone can open. A server on one address uses that one.
     */
    private static void requirePublicUrlForPhones(Settings settings) throws UsageException {
        if (settings.publicUrl() == null && LanAddress.isEveryInterface(settings.host())) {
            String example = "http://" + LanAddress.find().orElse("192.168.1.10") + ":" + settings.port();
            throw new UsageException("--public-url is required: the QR codes on tickets would point to 127.0.0.1,"
                    + " which no phone can open; give the address phones reach this server at, e.g. --public-url "
                    + example + " (or --host with this machine's LAN address)");
        }
    }

    /**
     * {@link #launch(Settings)} with configurations already read (the demo points the dossier link at its simulator)
     * and a hook to add to the server's options before it listens (the demo mounts its pages). {@code vertx} is
     * owned by the returned {@link Running}, which closes it. Blocking, like {@link #launch(Settings)}.
     */
    public static Running launch(
            Vertx vertx,
            CentreConfig config,
            DossierConfig dossierConfig,
            NotificationProviders providers,
            Settings settings,
            Consumer<QueueServer.Options> customize)
            throws UsageException {
        ServerFiles.checkNotificationAccounts(config, providers);
        ServerFiles.prepareDataDir(settings.dataDir());
        // The dossier system link (H6): lookup and outbox routes on the API, forwarder once the engine is open.
        DossierBackend dossier = DossierBackend.create(vertx, dossierConfig, Clock.systemUTC());
        NotificationBackend notifications = new NotificationBackend(vertx, providers, Clock.systemUTC());
        Store store;
        try {
            store = ServerStore.open(settings, config.sites().size());
            // The store is the truth (issue #14): the file only seeds the sites and accounts the store does not hold.
            config = ServerStore.seedConfiguration(store, settings);
            if (settings.cluster() != null) {
                checkSameConfiguration(vertx, config, settings, store);
            }
        } catch (UsageException | RuntimeException cannotStart) {
            closeAfterFailure(new IllegalStateException(cannotStart), "Vert.x", () -> await(vertx.close(), "Vert.x"));
            throw cannotStart;
        }
        AtomicReference<io.micrometer.core.instrument.MeterRegistry> metrics = new AtomicReference<>();
        AtomicReference<ClusterQueue> cluster = new AtomicReference<>();
        QueueServer server;
        try {
            server = await(
                    QueueServer.listen(
                            vertx,
                            new QueueServer.Options()
                                    .host(settings.host())
                                    .port(settings.port())
                                    .accounts(config.accounts())
                                    .dataDir(settings.dataDir())
                                    .forwarding(
                                            settings.cluster() == null
                                                    ? null
                                                    : ClusterWiring.forwarding(vertx, cluster))
                                    .extend(api -> {
                                        metrics.set(api.meterRegistry());
                                        dossier.mount(api.router(), api.authenticator());
                                        notifications.mount(api.router(), api.authenticator(), dossier.lookup());
                                    })
                                    .apply(customize)),
                    "listen");
        } catch (IllegalStateException bindFailed) {
            store.close();
            await(vertx.close(), "Vert.x");
            throw new UsageException("--port " + settings.port() + ": cannot listen on " + settings.host() + ":"
                    + settings.port() + " (" + rootMessage(bindFailed) + ")");
        }
        String publicUrl = settings.publicUrl() != null ? settings.publicUrl() : server.phoneUrl();
        EngineOptions engineOptions = new EngineOptions(settings.alwaysOpen(), publicUrl);
        QueueEngine engine = null;
        try {
            if (settings.cluster() == null) {
                // The engine owns the store from here, and closes it also when it cannot open.
                engine = QueueEngine.open(config, store, Clock.systemUTC(), engineOptions);
            } else {
                cluster.set(ClusterWiring.startQueue(vertx, config, store, settings, engineOptions, server));
            }
        } catch (RuntimeException | SQLException cannotOpen) {
            RuntimeException failure = cannotOpen instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("cannot start the node: " + cannotOpen.getMessage(), cannotOpen);
            if (cluster.get() == null && settings.cluster() != null) {
                store.close();
            }
            closeAfterFailure(failure, "HTTP server", () -> await(server.close(), "HTTP server"));
            closeAfterFailure(failure, "Vert.x", () -> await(vertx.close(), "Vert.x"));
            throw failure;
        }
        Running running = new Running(vertx, server, engine, cluster.get(), dossier, notifications);
        try {
            await(server.serve(running.queue()), "serve");
            if (engine != null) {
                await(dossier.startForwarding(engine.outbox(), engine, metrics.get()), "dossier forwarder");
                await(notifications.start(engine, metrics.get()), "notification sender");
            } else {
                // The forwarder reads the events of the sites this node owns now; it wakes at each of their commits.
                ClusterQueue node = cluster.get();
                await(dossier.startForwarding(node.outbox(), null, metrics.get()), "dossier forwarder");
                dossier.serve(node);
                node.onEvent(event -> wakeForwarder(dossier));
                node.onTaken(site -> wakeForwarder(dossier));
                // Messages too: the node sends those of the sites it owns now, each marked by its site's engine.
                await(ClusterWiring.startNotifications(node, notifications, metrics.get()), "notification sender");
            }
        } catch (RuntimeException cannotServe) {
            // Nothing is served yet: stop the port, the forwarder, the engine (its pending commits) and Vert.x.
            closeAfterFailure(cannotServe, "the half-started server", running::close);
            throw cannotServe;
        }
        return running;
    }

    private static void wakeForwarder(DossierBackend dossier) {
        org.xephang.core.backend.forward.OutboxForwarder forwarder = dossier.forwarder();
        if (forwarder != null) {
            forwarder.wake();
        }
    }

    /** In a cluster: the sites' configuration (as stored) must equal the one every live member runs. */
    private static void checkSameConfiguration(Vertx vertx, CentreConfig config, Settings settings, Store store)
            throws UsageException {
        try {
            ClusterWiring.checkSameConfiguration(vertx, config, settings);
        } catch (UsageException differs) {
            store.close();
            throw differs;
        }
    }

    /**
     * Runs a clean-up step after {@code failure} stopped the start; a step that fails too is attached to {@code
     * failure} (suppressed) and logged, so the first cause is the one reported.
     */
    private static void closeAfterFailure(RuntimeException failure, String what, Runnable close) {
        try {
            close.run();
        } catch (RuntimeException closeFailed) {
            LOG.warn("Could not close {} after a failed start", what, closeFailed);
            failure.addSuppressed(closeFailed);
        }
    }

    static <T> T await(Future<T> future, String what) {
        return await(future, what, SHUTDOWN_TIMEOUT);
    }

    static <T> T await(Future<T> future, String what, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", interrupted);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException failed) {
            throw new IllegalStateException(what + " failed: " + rootMessage(failed), failed);
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
