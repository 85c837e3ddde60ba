package org.xephang.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xephang.agent.AgentServer;
import org.xephang.api.QueueClient;
import org.xephang.device.InvalidDeviceUriException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one way a standalone agent command runs ({@code xephang kiosk}, {@code counter}, {@code board}): reads its JSON
 * configuration (a problem, or an unreadable file, exits 2 with one message naming every key), starts the agent
 * (a wrong device URI exits 2, anything else 1), prints where its page is, and runs until SIGTERM.
 *
 * @param <C> the agent's configuration
 */
abstract class AgentCommand<C> implements Callable<Integer> {

    private static final long START_TIMEOUT_SECONDS = 60;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--server",
            paramLabel = "URL[,URL…]",
            description = "Máy chủ xếp hàng, ví dụ http://10.0.0.2:8080; các nút của cụm cách nhau bởi dấu phẩy / the"
                    + " queue server, or a cluster's nodes separated by commas (the agent moves to the next when one"
                    + " fails)")
    private String server;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Tệp cấu hình của tác tử (JSON)")
    private Path config;

    @Option(
            names = "--ca-file",
            paramLabel = "FILE",
            description = "Chứng chỉ CA (PEM) để tin máy chủ https:// của điểm / the CA that signed the server's"
                    + " certificate (a site's own CA or a self-signed certificate)")
    private Path caFile;

    /** Reads the configuration file; {@code server} is the {@code --server} URL, or null. */
    abstract C load(Path file, String server) throws IOException;

    /** Starts the agent and its page's server. */
    abstract Future<AgentServer> start(Vertx vertx, C settings);

    /** The configuration key of the devices, named when a device URI is wrong (e.g. {@code printer}). */
    abstract String devicesKey();

    /** The line printed once the page is served, e.g. {@code kiosk page on http://… (server …, site …)}. */
    abstract String startedLine(C settings, AgentServer agent);

    @Override
    public final Integer call() throws InterruptedException {
        String name = "xephang " + spec.name();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (caFile != null) {
            if (!Files.isReadable(caFile)) {
                err.println(name + ": --ca-file: cannot read " + caFile);
                return Xephang.EXIT_USAGE;
            }
            // One server per agent process: its clients all trust this CA (QueueClient reads the property).
            System.setProperty(
                    QueueClient.CA_FILE_PROPERTY, caFile.toAbsolutePath().toString());
        }
        C settings;
        try {
            settings = load(config, server);
        } catch (IOException e) {
            err.println(name + ": cannot read " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println(name + ": " + config + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        }
        Vertx vertx = Vertx.vertx();
        AgentServer agent;
        try {
            agent = start(vertx, settings)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            vertx.close();
            if (cause instanceof InvalidDeviceUriException || cause instanceof IllegalArgumentException) {
                err.println(name + ": " + config + ": " + devicesKey() + ": " + cause.getMessage());
                return Xephang.EXIT_USAGE;
            }
            err.println(name + ": could not start: " + cause.getMessage());
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
                        "xephang-" + spec.name() + "-shutdown"));
        out.println(startedLine(settings, agent));
        out.flush();
        stopped.await();
        return 0;
    }
}
