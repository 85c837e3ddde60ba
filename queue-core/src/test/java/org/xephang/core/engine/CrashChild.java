package org.xephang.core.engine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.xephang.core.IssueCommand;
import org.xephang.core.persistence.StoreLocation;

/**
 * The process {@link EngineCrashIT} kills: issues tickets from 8 threads forever and prints "ACK id number" for each
 * acknowledged (committed) one. Its argument is a data folder (SQLite) or a {@code postgresql://} store URL.
 */
final class CrashChild {

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        StoreLocation store = args[0].startsWith("postgresql://")
                ? StoreLocation.parse(args[0])
                : StoreLocation.Sqlite.inFolder(Path.of(args[0]));
        QueueEngine engine = QueueEngine.open(
                EngineFixture.config(), store, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        Semaphore inFlight = new Semaphore(32);
        out.println("READY");
        while (true) {
            inFlight.acquire();
            threads.execute(() -> engine.issue(
                            EngineFixture.SITE, new IssueCommand("B", null, null, null), EngineFixture.KIOSK)
                    .whenComplete((result, failure) -> {
                        inFlight.release();
                        if (failure == null) {
                            synchronized (out) {
                                out.println("ACK " + result.ticket().id() + " "
                                        + result.ticket().number());
                            }
                        }
                    }));
        }
    }
}
