package org.xephang.core;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.QueueServerMain.UsageException;

/**
 * The Netty transport the server's event loops run on ({@code xephang server --transport}). {@link #AUTO} takes Linux's
 * native epoll transport when its library loads (it cut the server's CPU per WebSocket message, ADR 0037) and Java's
 * NIO otherwise; {@link #NIO} forces NIO; {@link #EPOLL} and {@link #IO_URING} insist on a native transport and refuse
 * to start without it (io_uring's library is not shipped: it measured worse than epoll, ADR 0037; put
 * {@code netty-transport-native-io_uring} on the classpath to try it). The transport that runs is logged once, at
 * INFO.
 */
public enum ServerTransport {
    AUTO,
    NIO,
    EPOLL,
    IO_URING;

    private static final Logger LOG = LoggerFactory.getLogger(ServerTransport.class);

    /** The option's value: {@code auto}, {@code nio}, {@code epoll}, {@code io_uring}. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code --transport}; the message names the allowed values. */
    public static ServerTransport parse(String value) throws UsageException {
        for (ServerTransport transport : values()) {
            if (transport.optionValue().equals(value)) {
                return transport;
            }
        }
        throw new UsageException("--transport must be one of "
                + Arrays.stream(values()).map(ServerTransport::optionValue).collect(Collectors.joining(", "))
                + ", got " + value);
    }

    /**
     * The Vert.x transport to run: for {@link #AUTO} epoll when it loads, else NIO (saying why at INFO). Throws for an
     * explicit native transport that cannot load, with the reason.
     */
    public Transport resolve() throws UsageException {
        return switch (this) {
            case NIO -> Transport.NIO;
            case AUTO -> {
                Transport epoll = Transport.EPOLL;
                if (epoll != null && epoll.available()) {
                    yield epoll;
                }
                LOG.info(
                        "The native epoll transport is not available ({}); the server runs on Java NIO",
                        epoll == null ? "netty-transport-native-epoll is not on the classpath" : reason(epoll));
                yield Transport.NIO;
            }
            case EPOLL -> required(Transport.EPOLL);
            case IO_URING -> required(Transport.IO_URING);
        };
    }

    private Transport required(Transport transport) throws UsageException {
        if (transport == null) {
            throw new UsageException(
                    "--transport " + optionValue() + ": Netty's native library for it is not on the classpath");
        }
        if (!transport.available()) {
            throw new UsageException("--transport " + optionValue() + " is not available on this machine: "
                    + reason(transport) + "; use --transport auto or nio");
        }
        return transport;
    }

    private static String reason(Transport transport) {
        Throwable cause = transport.unavailabilityCause();
        return cause == null ? "unknown reason" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** A Vert.x instance on this transport; logs once, at INFO, which transport its event loops run on. */
    public Vertx vertx() throws UsageException {
        Transport transport = resolve();
        Vertx vertx = Vertx.builder().withTransport(transport).build();
        LOG.info("Event loops run on the {} transport (--transport {})", transport.name(), optionValue());
        return vertx;
    }
}
