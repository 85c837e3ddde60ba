package org.xephang.device.printer.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs a {@link PrinterSimulator} received, oldest first; each saved as {@code .bin} + {@code .png} when a folder
 * is given.
 *
 * <p>Thread-safe: sessions add, tests wait.
 */
final class ReceivedJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ReceivedJobs.class);

    private final Path saveDir;
    private final List<PrintedJob> jobs = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();

    /** @param saveDir where to save jobs, or {@code null} to keep them in memory only */
    ReceivedJobs(Path saveDir) {
        this.saveDir = saveDir;
    }

    /**
     * Keeps (and saves) a job.
     *
     * @param printed whether all of it reached the paper
     * @param ended whether it ended with a cut (saved without the {@code -incomplete} suffix)
     */
    void add(byte[] bytes, PaperRoll roll, boolean printed, boolean ended) {
        Path png = save(bytes, roll, ended);
        synchronized (jobs) {
            jobs.add(new PrintedJob(bytes, roll, printed, png));
            jobs.notifyAll();
        }
    }

    List<PrintedJob> all() {
        synchronized (jobs) {
            return List.copyOf(jobs);
        }
    }

    /** Waits until at least {@code count} jobs were received; returns those there are then. */
    List<PrintedJob> await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (jobs) {
            while (jobs.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                jobs.wait(Math.max(1, left / 1_000_000));
            }
            return List.copyOf(jobs);
        }
    }

    private Path save(byte[] bytes, PaperRoll roll, boolean ended) {
        if (saveDir == null) {
            return null;
        }
        String base = String.format("sim-job-%04d%s", counter.incrementAndGet(), ended ? "" : "-incomplete");
        try {
            Files.createDirectories(saveDir);
            Files.write(saveDir.resolve(base + ".bin"), bytes);
            Path png = saveDir.resolve(base + ".png");
            ImageIO.write(roll.image(), "png", png.toFile());
            return png;
        } catch (IOException e) {
            LOG.error("printer simulator: cannot save {} in {}: {}", base, saveDir, e.getMessage());
            return null;
        }
    }
}
