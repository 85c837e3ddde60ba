package org.xephang.core;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.QueueServerMain.Running;
import org.xephang.core.QueueServerMain.Settings;
import org.xephang.core.QueueServerMain.UsageException;
import org.xephang.core.cluster.ClusterOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The server's command line, parsed in one place: {@code xephang server} registers this command, and {@link
 * QueueServerMain} (the server as its own process, for the crash tests) runs it alone. Prints exactly one line, {@code
 * listening on http://HOST:PORT}, once requests are served, then runs until SIGTERM; a bad argument or configuration
 * ends with {@link QueueServerMain#EXIT_USAGE} and one line naming the option or key; a start failure ends with 1, one
 * line, and the stack trace in the log.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "Chạy máy chủ xếp hàng (queue-core) / run the queue server")
public final class QueueServerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(QueueServerCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Tệp cấu hình trung tâm (YAML)")
    private Path config;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "Cổng HTTP; 0 = cổng trống bất kỳ")
    private int port;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR", description = "Thư mục dữ liệu (SQLite, khoá)")
    private Path dataDir;

    @Option(names = "--always-open", description = "Bỏ qua giờ làm việc (thử nghiệm)")
    private boolean alwaysOpen;

    @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "H", description = "Địa chỉ lắng nghe")
    private String host;

    @Option(
            names = "--public-url",
            paramLabel = "URL",
            description = "Địa chỉ công dân mở bằng mã QR trên phiếu, ví dụ http://192.168.1.10:8080")
    private String publicUrl;

    @Option(
            names = "--store",
            paramLabel = "URL",
            description = "Nơi lưu dữ liệu xếp hàng: sqlite:DIR (mặc định: tệp xephang.db trong --data) hoặc"
                    + " postgresql://HOST:PORT/DB?user=…&password=… (cấp tỉnh) / where the queue state is kept")
    private String store;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "Chứng chỉ HTTPS (PEM, cả chuỗi); cần kèm --tls-key / HTTPS certificate chain")
    private Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "Khoá riêng của chứng chỉ HTTPS (PEM) / the certificate's private key")
    private Path tlsKey;

    @Option(
            names = "--transport",
            defaultValue = "${sys:xephang.transport:-auto}",
            paramLabel = "T",
            description = "Cách vòng sự kiện dùng mạng: auto (epoll gốc của Linux nếu nạp được, không thì NIO), nio,"
                    + " epoll, io_uring (mặc định: ${DEFAULT-VALUE}, hoặc -Dxephang.transport) / the event loops'"
                    + " network transport")
    private String transport;

    @Option(
            names = "--cluster",
            description = "Chạy như một nút của cụm máy chủ dùng chung PostgreSQL (--store postgresql://…)"
                    + " / run as a node of a cluster over one PostgreSQL store")
    private boolean cluster;

    @Option(
            names = "--cluster-host",
            defaultValue = "127.0.0.1",
            paramLabel = "H",
            description = "Địa chỉ của nút này trong cụm / this node's cluster address")
    private String clusterHost;

    @Option(
            names = "--cluster-port",
            defaultValue = "5701",
            paramLabel = "P",
            description = "Cổng cụm của nút này / this node's cluster port")
    private int clusterPort;

    @Option(
            names = "--cluster-members",
            paramLabel = "HOST:PORT,…",
            description = "Các nút khác của cụm (TCP/IP, không dùng multicast) / the other members")
    private String clusterMembers;

    @Option(
            names = "--cluster-hold-back",
            defaultValue = "20",
            paramLabel = "SECONDS",
            description = "Nút vừa tham gia chỉ nhận điểm của nút khác sau chừng ấy giây (mặc định: ${DEFAULT-VALUE})"
                    + " / a (re)joined node is handed other live nodes' sites only after this long")
    private int clusterHoldBack;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("xephang server: --port must be a number from 0 to 65535, got " + port);
            err.flush();
            return QueueServerMain.EXIT_USAGE;
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            err.println("xephang server: --tls-cert and --tls-key go together (PEM certificate chain and its key)");
            err.flush();
            return QueueServerMain.EXIT_USAGE;
        }
        for (Path file : new Path[] {tlsCert, tlsKey}) {
            if (file != null && !Files.isReadable(file)) {
                err.println("xephang server: cannot read " + file);
                err.flush();
                return QueueServerMain.EXIT_USAGE;
            }
        }
        Running running;
        try {
            running = QueueServerMain.launch(
                    new Settings(
                            config,
                            port,
                            dataDir,
                            alwaysOpen,
                            host,
                            publicUrl,
                            store,
                            clusterOptions(),
                            ServerTransport.parse(transport)),
                    options -> {
                        if (tlsCert != null) {
                            options.tls(tlsCert, tlsKey);
                        }
                    });
        } catch (UsageException e) {
            err.println("xephang server: " + e.getMessage());
            err.flush();
            return QueueServerMain.EXIT_USAGE;
        } catch (RuntimeException cannotStart) {
            // One line for the operator; the stack trace (and any suppressed clean-up failure) for the log.
            LOG.error("The queue server could not start (config {}, data {})", config, dataDir, cannotStart);
            err.println("xephang server: could not start: " + cannotStart.getMessage());
            err.flush();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            running.close();
                            stopped.countDown();
                        },
                        "xephang-shutdown"));
        out.println("listening on " + running.server().localUrl());
        out.println("bound to " + running.server().boundAddress());
        out.println("bound to " + running.server().boundAddress());
        out.flush();
        stopped.await();
        return 0;
    }

    /** {@code --cluster} and its options; null without {@code --cluster}. */
    private ClusterOptions clusterOptions() throws UsageException {
        boolean clusterDetails = clusterMembers != null
                || spec.commandLine().getParseResult().hasMatchedOption("--cluster-host")
                || spec.commandLine().getParseResult().hasMatchedOption("--cluster-port")
                || spec.commandLine().getParseResult().hasMatchedOption("--cluster-hold-back");
        if (!cluster) {
            if (clusterDetails) {
                throw new UsageException(
                        "--cluster-host, --cluster-port, --cluster-members and --cluster-hold-back need --cluster");
            }
            return null;
        }
        List<ClusterOptions.Member> members;
        try {
            members = ClusterOptions.parseMembers(clusterMembers);
        } catch (IllegalArgumentException bad) {
            throw new UsageException("--cluster-members: " + bad.getMessage());
        }
        if (clusterPort < 1 || clusterPort > 65535) {
            throw new UsageException("--cluster-port must be a number from 1 to 65535, got " + clusterPort);
        }
        if (clusterHost.isBlank()) {
            throw new UsageException("--cluster-host is empty");
        }
        if (clusterHoldBack < 0 || clusterHoldBack > 3600) {
            throw new UsageException(
                    "--cluster-hold-back must be a number of seconds from 0 to 3600, got " + clusterHoldBack);
        }
        return new ClusterOptions(clusterHost, clusterPort, members, java.time.Duration.ofSeconds(clusterHoldBack));
    }
}
