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
import org.xephang.board.BoardAgent;
import org.xephang.board.BoardAgentConfig;
import org.xephang.device.DeviceFactory;
import org.xephang.device.InvalidDeviceUriException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code xephang board --server URL --config board.json}: a standalone board agent serving the board page for the
 * TV's browser and driving the LED displays of its configuration (see {@link BoardAgentConfig}).
 */
@Command(
        name = "board",
        mixinStandardHelpOptions = true,
        description = "Chạy tác tử bảng hiển thị / run a display-board agent")
final class BoardCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "Máy chủ xếp hàng, ví dụ http://10.0.0.2:8080")
    private String server;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Tệp cấu hình bảng (JSON)")
    private Path config;

    @Option(names = "--port", paramLabel = "P", description = "Cổng của trang bảng (mặc định theo tệp, 8090)")
    private Integer port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BoardAgentConfig settings;
        try {
            settings = BoardAgentConfig.load(config, server);
            if (port != null) {
                settings = settings.withPort(port);
            }
        } catch (IOException e) {
            err.println("xephang board: cannot read " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("xephang board: " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        }
        Vertx vertx = Vertx.vertx();
        BoardAgent agent;
        try {
            agent = BoardAgent.start(vertx, settings, DeviceFactory.standard())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            vertx.close();
            if (cause instanceof InvalidDeviceUriException || cause instanceof IllegalArgumentException) {
                err.println("xephang board: " + config + ": leds: " + cause.getMessage());
                return Xephang.EXIT_USAGE;
            }
            err.println("xephang board: could not start: " + cause.getMessage());
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
                        "xephang-board-shutdown"));
        out.println("board on " + agent.url() + " (server " + settings.server() + ", site " + settings.site() + ")");
        out.flush();
        stopped.await();
        return 0;
    }
}
