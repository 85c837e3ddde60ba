package org.xephang.core;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.config.StoredAccountStorage;
import org.xephang.core.http.HttpApi;
import org.xephang.core.http.IndexPage;
import org.xephang.core.http.StreamLimits;
import org.xephang.core.site.Account;

/**
 * The HTTP server of a {@link QueueService}: the API v1, the event stream, {@code /t/{id}}, {@code /health},
 * {@code /metrics}, and any sub-routers the caller mounts on the same port (the demo mounts {@code /kiosk},
 * {@code /board}, {@code /counter}, {@code /devices}).
 *
 * <pre>{@code
 * QueueServer.Options options = new QueueServer.Options()
 *         .host("0.0.0.0").port(8080).accounts(config.accounts()).dataDir(dataDir)
 *         .mount("/kiosk", KioskApp.router(vertx, …))
 *         .extend(api -> new DossierRoutes(…).mount(api.router(), api.authenticator()));
 * QueueServer.start(vertx, engine, options).onSuccess(server -> log("port " + server.port()));
 * }</pre>
 *
 * <p>Start-up is in two steps when the queue needs the server's port first (the ticket status URLs): {@link #listen}
 * binds the port and answers 503 until {@link #serve} installs the routes. All methods may be called from any thread;
 * the futures complete on a Vert.x context.
 */
public final class QueueServer {

    private static final Logger LOG = LoggerFactory.getLogger(QueueServer.class);

    private final Vertx vertx;
    private final Options options;
    private final HttpServer server;
    private volatile Handler<HttpServerRequest> handler = QueueServer::starting;
    private volatile HttpApi api;
    private volatile Authenticator authenticator;

    private QueueServer(Vertx vertx, Options options) {
        this.vertx = vertx;
        this.options = options;
        this.server = vertx.createHttpServer(new HttpServerOptions(options.httpServerOptions)
                .setHost(options.host)
                .setPort(options.port)
                .setHttp2ClearTextEnabled(options.h2c));
    }

    /** What the server serves and where. Mutable builder; not thread-safe; read once by {@link #listen}. */
    public static final class Options {
        private String host = "0.0.0.0";
        private int port = 8080;
        private List<Account> accounts = List.of();
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private StreamLimits streamLimits = StreamLimits.defaults();
        /** Idle keep-alive connections are closed after 2 minutes; event streams send a heartbeat well before. */
        private HttpServerOptions httpServerOptions = new HttpServerOptions().setIdleTimeout(120);

        private boolean h2c;
        private int kioskIssuesPerMinute = HttpApi.KIOSK_ISSUES_PER_MINUTE;
        private List<String> allowedOrigins = List.of();
        private java.time.Duration auditRetention = org.xephang.core.auth.AuditTrail.DEFAULT_RETENTION;

        private final List<Consumer<HttpApi>> extensions = new ArrayList<>();
        private java.util.function.Function<
                        org.xephang.core.auth.Authenticator, io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>>
                forwarding;

        /** The interface to bind; {@code 0.0.0.0} (every interface) by default. */
        public Options host(String value) {
            host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** The port; 0 picks a free one ({@link QueueServer#port()} tells which). 8080 by default. */
        public Options port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be 0–65535, got " + value);
            }
            port = value;
            return this;
        }

        /** Who may sign in (the configuration's accounts, bcrypt hashes). */
        public Options accounts(List<Account> value) {
            accounts = List.copyOf(value);
            return this;
        }

        /**
         * Where the token signing key is kept so tokens survive a restart; null (the default) keeps it in memory only.
         */
        public Options dataDir(Path value) {
            dataDir = value;
            return this;
        }

        public Options clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Options streamLimits(StreamLimits value) {
            streamLimits = Objects.requireNonNull(value, "streamLimits");
            return this;
        }

        /**
         * Base HTTP options (TLS, buffer sizes…); host and port are set from this builder, and HTTP/2 over clear text
         * from {@link #h2c}.
         */
        public Options httpServerOptions(HttpServerOptions value) {
            httpServerOptions = new HttpServerOptions(value);
            return this;
        }

        /**
         * Serves HTTPS with the PEM certificate chain {@code certificate} and its PEM private key {@code key} (issue 13:
         * tokens and passwords never cross the network in clear).
         */
        public Options tls(Path certificate, Path key) {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            httpServerOptions = new HttpServerOptions(httpServerOptions)
                    .setSsl(true)
                    .setKeyCertOptions(new PemKeyCertOptions()
                            .setCertPath(certificate.toString())
                            .setKeyPath(key.toString()));
            return this;
        }

        /**
         * Serves HTTPS with the PKCS#12 keystore {@code keystore} (certificate chain and key) opened with {@code
         * password}.
         */
        public Options tlsKeystore(Path keystore, String password) {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
            httpServerOptions = new HttpServerOptions(httpServerOptions)
                    .setSsl(true)
                    .setKeyCertOptions(new io.vertx.core.net.PfxOptions()
                            .setPath(keystore.toString())
                            .setPassword(password));
            return this;
        }

        /** HTTPS as the {@code server.tls} section says (PEM or PKCS#12); null leaves the options as they are. */
        public Options tls(ServerSettings.Tls tls) {
            if (tls == null) {
                return this;
            }
            return tls.keystore() != null
                    ? tlsKeystore(tls.keystore(), tls.keystorePassword())
                    : tls(tls.certificate(), tls.privateKey());
        }

        /**
         * The origins ({@code scheme://host[:port]}, port may be {@code *}) of other pages that may call the API; none
         * by default (the server's own pages only).
         */
        public Options allowedOrigins(List<String> value) {
            allowedOrigins = List.copyOf(value);
            return this;
        }

        /** How long the audit log keeps its entries (400 days by default); older ones are deleted every 6 hours. */
        public Options auditRetention(java.time.Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("auditRetention must be positive, got " + value);
            }
            auditRetention = value;
            return this;
        }

        /**
         * How many tickets one kiosk account may issue a minute, in bursts of a third of that (default 30: a person
         * needs seconds per ticket; a script taking the day's numbers is refused and counted).
         */
        public Options kioskIssuesPerMinute(int value) {
            if (value < 3) {
                throw new IllegalArgumentException("kioskIssuesPerMinute must be at least 3, got " + value);
            }
            kioskIssuesPerMinute = value;
            return this;
        }

        /** Accepts HTTP/2 upgrades over clear text (h2c); off by default (issue 13: a second parser to smuggle through). */
        public Options h2c(boolean value) {
            h2c = value;
            return this;
        }

        /** Mounts a sub-router under {@code pathPrefix} (for example {@code "/kiosk"}) on the same server. */
        public Options mount(String pathPrefix, Router subRouter) {
            Objects.requireNonNull(subRouter, "subRouter");
            String prefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
            if (!prefix.startsWith("/") || prefix.length() < 2 || prefix.startsWith("/api") || prefix.equals("/t")) {
                throw new IllegalArgumentException("cannot mount on " + pathPrefix);
            }
            extensions.add(api -> api.router().route(prefix + "/*").subRouter(subRouter));
            return this;
        }

        /** Lets {@code customization} add to these options (mounts, extensions); answers this builder. */
        public Options apply(Consumer<Options> customization) {
            customization.accept(this);
            return this;
        }

        /**
         * In a cluster: the handler (given the authenticator) that forwards requests for sites another node owns; it
         * runs before every site and ticket route.
         */
        public Options forwarding(
                java.util.function.Function<
                                org.xephang.core.auth.Authenticator,
                                io.vertx.core.Handler<io.vertx.ext.web.RoutingContext>>
                        value) {
            forwarding = value;
            return this;
        }

        /** Adds routes with access to the API's router and authenticator (the dossier back-end's routes). */
        public Options extend(Consumer<HttpApi> extension) {
            extensions.add(Objects.requireNonNull(extension, "extension"));
            return this;
        }
    }

    /** {@link #listen} then {@link #serve}: the usual way when the queue is ready before the port is known. */
    public static Future<QueueServer> start(Vertx vertx, QueueService queue, Options options) {
        return listen(vertx, options).compose(server -> server.serve(queue).map(server));
    }

    /** Binds the port; every request is answered 503 UNAVAILABLE until {@link #serve} is done. */
    public static Future<QueueServer> listen(Vertx vertx, Options options) {
        QueueServer queueServer = new QueueServer(vertx, options);
        return queueServer
                .server
                .requestHandler(request -> {
                    if (HttpFraming.refuseAmbiguous(request)) {
                        return;
                    }
                    queueServer.handler.handle(request);
                })
                .invalidRequestHandler(HttpFraming::answerInvalid)
                .listen()
                .map(bound -> queueServer);
    }

    /** Builds the routes for {@code queue} (on a worker: it reads the signing key and resources) and serves them. */
    public Future<Void> serve(QueueService queue) {
        return vertx.executeBlocking(
                        () -> {
                            if (options.dataDir != null) {
                                DataFolder.restrictToOwner(options.dataDir);
                            }
                            authenticator = Authenticator.create(
                                    vertx,
                                    options.accounts,
                                    options.dataDir,
                                    options.clock,
                                    queue.configurationStore()
                                            .map(store -> new StoredAccountStorage(
                                                    store, queue.storeWrites().orElseThrow()))
                                            .orElse(null));
                            authenticator.retainAudit(options.auditRetention);
                            HttpApi created = HttpApi.create(
                                    vertx,
                                    queue,
                                    authenticator,
                                    options.clock,
                                    options.streamLimits,
                                    options.kioskIssuesPerMinute,
                                    options.allowedOrigins,
                                    options.forwarding);
                            options.extensions.forEach(extension -> extension.accept(created));
                            return created;
                        },
                        false)
                .map(created -> {
                    api = created;
                    Router router = created.router();
                    IndexPage.mount(router);
                    handler = router;
                    LOG.info("Serving the queue API on {}:{}", options.host, port());
                    return null;
                });
    }

    private static void starting(HttpServerRequest request) {
        QueueError error = new QueueError(
                ErrorCode.UNAVAILABLE,
                "Máy chủ đang khởi động; hãy thử lại sau giây lát.",
                "The server is starting; please try again in a moment.");
        request.response()
                .setStatusCode(error.code().httpStatus())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Retry-After", "1")
                .end(error.toJson().toBuffer());
    }

    /** The pages this server serves, named and in the order of the index at {@code /}; none before it serves. */
    public List<ServedPage> pages() {
        return handler instanceof Router router ? IndexPage.servedBy(router) : List.of();
    }

    /** The bound port (the real one when the options asked for 0). */
    public int port() {
        return server.actualPort();
    }

    /**
     * The server as seen from this machine: {@code http://127.0.0.1:PORT} when it listens on every interface (the
     * default), otherwise {@code http://HOST:PORT}.
     */
    public String localUrl() {
        String host = options.host;
        boolean everyInterface = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String shown =
                everyInterface ? "127.0.0.1" : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return (options.httpServerOptions.isSsl() ? "https://" : "http://") + shown + ":" + port();
    }

    /** What the server really listens on, for the start-up message: {@code 0.0.0.0:8080 (every interface)}. */
    public String boundAddress() {
        String host = options.host;
        boolean everyInterface = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        return host + ":" + port() + (everyInterface ? " (every network interface)" : "")
                + (options.httpServerOptions.isSsl() ? ", HTTPS" : ", plain HTTP");
    }

    /**
     * The server as a phone on the LAN reaches it: with every interface, this machine's LAN address when it has one
     * ({@link LanAddress}), otherwise {@link #localUrl()}. The demo's QR codes use it.
     */
    public String phoneUrl() {
        if (LanAddress.isEveryInterface(options.host)) {
            return LanAddress.find().map(lan -> "http://" + lan + ":" + port()).orElseGet(this::localUrl);
        }
        return localUrl();
    }

    /** Stops accepting requests and closes open connections (event streams included). */
    public Future<Void> close() {
        return server.close().andThen(closed -> {
            HttpApi current = api;
            if (current != null) {
                current.close();
            }
            Authenticator auth = authenticator;
            if (auth != null) {
                auth.close();
            }
        });
    }
}
