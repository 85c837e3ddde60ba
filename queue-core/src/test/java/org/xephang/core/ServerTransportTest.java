package org.xephang.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xephang.core.QueueServerMain.UsageException;

class ServerTransportTest {

    @Test
    void theOptionTakesTheFourNamesAndRefusesAnythingElseNamingThem() throws UsageException {
        assertThat(ServerTransport.parse("auto")).isEqualTo(ServerTransport.AUTO);
        assertThat(ServerTransport.parse("nio")).isEqualTo(ServerTransport.NIO);
        assertThat(ServerTransport.parse("epoll")).isEqualTo(ServerTransport.EPOLL);
        assertThat(ServerTransport.parse("io_uring")).isEqualTo(ServerTransport.IO_URING);
        assertThatThrownBy(() -> ServerTransport.parse("EPOLL"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--transport must be one of auto, nio, epoll, io_uring, got EPOLL");
    }

    @Test
    void autoRunsOnEpollWhereItsLibraryLoadsAndOnNioElsewhere() throws Exception {
        Transport expected = Transport.EPOLL != null && Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
        assertThat(ServerTransport.AUTO.resolve().name()).isEqualTo(expected.name());
        Vertx vertx = ServerTransport.AUTO.vertx();
        try {
            assertThat(vertx.isNativeTransportEnabled()).isEqualTo(expected != Transport.NIO);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nioCanBeForcedWhereEpollWouldRun() throws Exception {
        assertThat(ServerTransport.NIO.resolve().name()).isEqualTo(Transport.NIO.name());
        Vertx vertx = ServerTransport.NIO.vertx();
        try {
            assertThat(vertx.isNativeTransportEnabled()).isFalse();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anExplicitNativeTransportThatCannotRunRefusesToStartSayingWhy() throws UsageException {
        Transport ioUring = Transport.IO_URING;
        if (ioUring != null && ioUring.available()) {
            assertThat(ServerTransport.IO_URING.resolve().name()).isEqualTo(ioUring.name());
            return;
        }
        assertThatThrownBy(ServerTransport.IO_URING::resolve)
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--transport io_uring");
    }
}
