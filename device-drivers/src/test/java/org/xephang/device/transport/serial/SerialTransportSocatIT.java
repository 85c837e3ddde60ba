package org.xephang.device.transport.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.DeviceUri;
import org.xephang.device.testkit.SocatPtyPair;

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
        host = open(pty.hostEnd(), "writeTimeout=300ms");
        device = open(pty.deviceEnd(), "");
        byte[] job = new byte[160 * 1024];
        Arrays.fill(job, (byte) 'x');

        // ~40 KB/s: after the pty buffers fill, the rest takes well over the write timeout, with steady progress.
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            byte[] buffer = new byte[4096];
            int total = 0;
            try {
                while (total < job.length) {
                    total += device.read(buffer, Duration.ofMillis(100));
                    Thread.sleep(100);
                }
            } catch (DeviceException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return total;
        });

        long start = System.nanoTime();
        host.write(job);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("the write really waited for the slow device").isGreaterThan(Duration.ofMillis(600));
        assertThat(reader.get(20, TimeUnit.SECONDS)).isEqualTo(job.length);
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
