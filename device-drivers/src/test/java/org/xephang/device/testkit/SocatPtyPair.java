package org.xephang.device.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A pair of connected pseudo-terminals made by socat ({@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}):
 * the host (driver) opens {@link #hostEnd()}, a simulated device serves {@link #deviceEnd()}. {@link #unplug()}
 * kills socat, which removes both links (as unplugging a USB adapter removes its device node); {@link #replug()}
 * starts it again under the same names.
 *
 * <p>Tests call {@link #assumeSocat()} first: without socat they are skipped with a clear message.
 */
public final class SocatPtyPair implements AutoCloseable {

    private final Path host;
    private final Path device;
    private Process process;

    private SocatPtyPair(Path dir) {
        this.host = dir.resolve("host");
        this.device = dir.resolve("device");
    }

    /** Skips the calling test (JUnit assumption) when socat is not installed. */
    public static void assumeSocat() {
        boolean present;
        try {
            Process probe =
                    new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            present = probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        Assumptions.assumeTrue(present, "socat is not installed: skipping the pty round trip (apt-get install socat)");
    }

    /** Starts socat with its two links in {@code dir}. */
    public static SocatPtyPair start(Path dir) throws IOException, InterruptedException {
        SocatPtyPair pair = new SocatPtyPair(dir);
        pair.replug();
        return pair;
    }

    public Path hostEnd() {
        return host;
    }

    public Path deviceEnd() {
        return device;
    }

    /** Kills socat: both ends disappear. */
    public synchronized void unplug() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** Starts socat again and waits (up to 5 s) for both links. */
    public synchronized void replug() throws IOException, InterruptedException {
        unplug();
        process = new ProcessBuilder(List.of("socat", "pty,raw,echo=0,link=" + host, "pty,raw,echo=0,link=" + device))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(host) && Files.exists(device))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("socat did not create " + host + " and " + device);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        unplug();
    }
}
