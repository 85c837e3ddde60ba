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
import org.xephang.counter.CounterAgentConfig;
import org.xephang.counter.CounterAgentServer;
import org.xephang.device.InvalidDeviceUriException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xephang counter --server URL --config counter.json}: a standalone counter agent serving the officer page,
 * with the LED displays and rating keypads of its counters (see {@link CounterAgentConfig}).
 */
@Command(name = "counter", mixinStandardHelpOptions = true, description = "Chạy tác tử quầy / run a counter agent")
final class CounterCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "Máy chủ xếp hàng, ví dụ http://10.0.0.2:8080")
    private String server;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Tệp cấu hình quầy (JSON)")
    private Path config;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CounterAgentConfig settings;
        try {
            settings = CounterAgentConfig.load(config, server);
        } catch (IOException e) {
            err.println("xephang counter: cannot read " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("xephang counter: " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        }
        Vertx vertx = Vertx.vertx();
        CounterAgentServer agent;
        try {
            agent = CounterAgentServer.start(vertx, settings)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            vertx.close();
            if (cause instanceof InvalidDeviceUriException) {
                err.println("xephang counter: " + config + ": device: " + cause.getMessage());
                return Xephang.EXIT_USAGE;
            }
            err.println("xephang counter: could not start: " + cause.getMessage());
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
                        "xephang-counter-shutdown"));
        out.println("counter page on " + agent.url() + " (server "
                + settings.options().serverUrl() + ", site "
                + settings.options().site() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
