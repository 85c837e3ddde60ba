package org.xephang.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pair of connected pseudo-terminals made by socat ({@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}):
 * the host (driver) opens {@link #hostEnd()}, a simulated device serves {@link #deviceEnd()}. {@link #unplug()}
 * kills socat, which removes both links (as unplugging a USB adapter removes its device node); {@link #replug()}
 * starts it again under the same names. {@link #stall()} stops socat (SIGSTOP) so that nothing written to either end
 * is taken any more, as a serial device holding CTS low; {@link #resume()} lets it go on.
 *
 * <p>Tests call {@link #assumeSocat()} first: without socat they are skipped with a clear message (failed under
 * {@code CI=true}).
 */
public final class SocatPtyPair implements AutoCloseable {

    private final Path host;
    private final Path device;
    private Process process;
    private boolean stalled;

    private SocatPtyPair(Path dir) {
        this.host = dir.resolve("host");
        this.device = dir.resolve("device");
    }

    /** Skips the calling test when socat is not installed (fails it under {@code CI=true}; see {@link RequiredTools}). */
    public static void assumeSocat() {
        RequiredTools.requireSocat();
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

    /**
     * Stops socat (SIGSTOP): the links stay, but nothing moves between them; writes fill the pty buffers (about 64 KB)
     * and then block, as on a serial line whose device holds CTS low.
     */
    public synchronized void stall() throws IOException, InterruptedException {
        signal("-STOP");
        stalled = true;
    }

    /** Lets a {@link #stall() stalled} socat go on (SIGCONT). */
    public synchronized void resume() throws IOException, InterruptedException {
        signal("-CONT");
        stalled = false;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("socat is not running");
        }
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed: " + output.strip());
        }
    }

    /** Kills socat: both ends disappear. */
    public synchronized void unplug() throws InterruptedException {
        if (process != null) {
            if (stalled) {
                try {
                    resume(); // a stopped process would not see SIGTERM
                } catch (IOException e) {
                    process.destroyForcibly();
                }
            }
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
