package org.xephang.device.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.transport.loopback.LoopbackTransport;
import org.xephang.testkit.MutableClock;

class ReconnectingTransportTest {

    @Test
    void backoffGrowsToItsMaximum() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(1), 2);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(30)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void reopensOnlyAfterTheBackoffDelayAndThenWorksAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"), ZoneOffset.UTC);
        LoopbackTransport inner = new LoopbackTransport("t");
        ReconnectingTransport transport = new ReconnectingTransport(inner, ReconnectBackoff.DEFAULT, clock);
        transport.open();

        inner.peer().disconnect();
        // The first reconnection attempt is immediate (inside this write) and fails; the next one waits 250 ms.
        assertThatThrownBy(() -> transport.write(new byte[] {1}))
                .isInstanceOf(DeviceDisconnectedException.class)
                .hasMessageContaining("no device connected");
        assertThatThrownBy(transport::ensureOpen).hasMessageContaining("next attempt in 250 ms");

        inner.peer().reconnect();
        clock.advance(Duration.ofMillis(249));
        assertThatThrownBy(transport::ensureOpen).hasMessageContaining("next attempt in 1 ms");
        clock.advance(Duration.ofMillis(1));
        transport.write(new byte[] {7});

        byte[] got = new byte[4];
        assertThat(inner.peer().read(got, Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(got[0]).isEqualTo((byte) 7);
    }
}
