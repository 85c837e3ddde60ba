package org.xephang.device.transport.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.DeviceUri;
import org.xephang.testkit.SocatPtyPair;

/**
 * Writes on a real serial line (a socat pty pair) to a device that stops taking bytes ({@link SocatPtyPair#stall()},
 * as a printer holding CTS low when its paper runs out) or takes them slowly.
 */
class SerialTransportSocatIT {

    @TempDir
    Path dir;

    private SocatPtyPair pty;
    private SerialTransport host;
    private SerialTransport device;

    @BeforeEach
    void plugIn() throws Exception {
        SocatPtyPair.assumeSocat();
        pty = SocatPtyPair.start(dir);
    }

    @AfterEach
    void unplug() throws Exception {
        for (SerialTransport t : new SerialTransport[] {host, device}) {
            if (t != null) {
                t.close();
            }
        }
        if (pty != null) {
            pty.close();
        }
    }

    private static SerialTransport open(Path end, String params) throws DeviceException {
        SerialTransport t = SerialTransport.from(DeviceUri.parse("escpos:serial://" + end + "?" + params), 115200);
        t.open();
        return t;
    }

    @Test
    void aDeviceThatTakesNothingFailsTheWriteNamingThePortInsteadOfHanging() throws Exception {
        host = open(pty.hostEnd(), "flow=rtscts&writeTimeout=500ms");
        pty.stall();
        byte[] job = new byte[1 << 20]; // far more than the pty buffers hold

        long start = System.nanoTime();
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try {
                host.write(job);
            } catch (DeviceException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS))
                .as("the write must fail, not hang")
                .hasCauseInstanceOf(IllegalStateException.class)
                .rootCause()
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining("serial://" + pty.hostEnd())
                .hasMessageContaining("accepted nothing for 500 ms")
                .hasMessageContaining("CTS held low");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(host.isOpen())
                .as("closed, so that the rest of the job is not sent later")
                .isFalse();

        // The device takes bytes again: the port reopens and works.
        pty.resume();
        device = open(pty.deviceEnd(), "");
        drain(device); // whatever the pty buffers held before the port was closed
        host.open();
        host.write(new byte[] {0x1B, 0x40});
        assertThat(readAtLeast(device, 2, Duration.ofSeconds(2))).endsWith(0x1B, 0x40);
    }

    @Test
    void aSlowDeviceThatKeepsTakingBytesIsNotCutOffHoweverLongTheWriteTakes() throws Exception {
        // The write timeout runs on a clock this test moves: it moves 200 ms (less than the 300 ms timeout) each time
        // the transport's progress has grown since the test last looked, and never otherwise. So between two changes
        // of progress that the transport can see, at most 200 ms pass: whatever the machine's load, no stall is ever
        // seen, while the write as a whole lasts many times the timeout.
        AtomicLong clock = new AtomicLong();
        host = SerialTransport.from(
                DeviceUri.parse("escpos:serial://" + pty.hostEnd() + "?writeTimeout=300ms"), 115200, clock::get);
        host.open();
        device = open(pty.deviceEnd(), "");
        byte[] job = new byte[160 * 1024]; // more than the pty buffers hold: the writer must wait for the reader
        Arrays.fill(job, (byte) 'x');

        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try {
                host.write(job);
            } catch (DeviceException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] buffer = new byte[1024];
        long received = 0;
        long progressSeen = host.bytesWritten();
        while (received < job.length) {
            received += device.read(buffer, Duration.ofMillis(100));
            long progress = host.bytesWritten();
            if (progress != progressSeen) {
                progressSeen = progress;
                clock.addAndGet(Duration.ofMillis(200).toNanos());
            }
        }
        write.get(20, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(clock.get()))
                .as("the write lasted many write timeouts on the transport's clock")
                .isGreaterThan(Duration.ofMillis(3 * 300));
        assertThat(host.isOpen()).isTrue();
    }

    private static void drain(SerialTransport t) throws DeviceException {
        byte[] buffer = new byte[8192];
        while (t.read(buffer, Duration.ofMillis(200)) > 0) {
            // discard
        }
    }

    private static byte[] readAtLeast(SerialTransport t, int count, Duration timeout) throws DeviceException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[256];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count && System.nanoTime() < deadline) {
            int n = t.read(buffer, Duration.ofMillis(100));
            got.write(buffer, 0, n);
        }
        return got.toByteArray();
    }
}
