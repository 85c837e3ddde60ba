package org.xephang.launcher;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.kiosk.KioskAgentConfig;
import org.xephang.kiosk.KioskAgentServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xephang kiosk --server URL --config kiosk.json}: a standalone kiosk agent serving the touch page for the
 * kiosk's browser, with its printer (see {@link KioskAgentConfig}).
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true, description = "Chạy tác tử ki-ốt / run a kiosk agent")
final class KioskCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "Máy chủ xếp hàng, ví dụ http://10.0.0.2:8080")
    private String server;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Tệp cấu hình ki-ốt (JSON)")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KioskAgentConfig settings;
        try {
            settings = KioskAgentConfig.load(config, server);
        } catch (IOException e) {
            err.println("xephang kiosk: cannot read " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("xephang kiosk: " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        }
        Vertx vertx = Vertx.vertx();
        KioskAgentServer agent;
        try {
            agent = KioskAgentServer.start(vertx, settings)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            vertx.close();
            if (cause instanceof InvalidDeviceUriException) {
                err.println("xephang kiosk: " + config + ": printer: " + cause.getMessage());
                return Xephang.EXIT_USAGE;
            }
            err.println("xephang kiosk: could not start: " + cause.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            agent.close();
                            vertx.close();
                            stopped.countDown();
                        },
                        "xephang-kiosk-shutdown"));
        out.println("kiosk page on " + agent.url() + " (server "
                + settings.options().serverUrl() + ", site "
                + settings.options().site() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
