package org.xephang.launcher;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.xephang.core.QueueServerMain.UsageException;
import org.xephang.launcher.demo.DemoCentre;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Chạy toàn bộ hệ thống mô phỏng trong một tiến trình / everything in one process with simulated devices")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "Cổng HTTP; 0 = cổng trống bất kỳ")
    private int port;

    @Option(
            names = "--data",
            defaultValue = "data/demo",
            paramLabel = "DIR",
            description = "Thư mục dữ liệu (SQLite, vé đã in)")
    private Path dataDir;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Tệp cấu hình trung tâm; mặc định examples/centre.yaml của kho mã")
    private Path config;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            paramLabel = "H",
            description = "Địa chỉ lắng nghe; mặc định chỉ máy này (tài khoản mẫu có mật khẩu demo)")
    private String host;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("xephang demo: --port must be a number from 0 to 65535, got " + port);
            return Xephang.EXIT_USAGE;
        }
        Path configFile = config != null ? config : exampleConfig();
        if (!Files.isRegularFile(configFile)) {
            err.println("xephang demo: --config: no such file " + configFile);
            return Xephang.EXIT_USAGE;
        }
        DemoCentre centre;
        try {
            centre = DemoCentre.start(configFile, dataDir, host, port);
        } catch (UsageException e) {
            err.println("xephang demo: " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (RuntimeException cannotStart) {
            err.println("xephang demo: could not start: " + cannotStart.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            centre.close();
                            stopped.countDown();
                        },
                        "xephang-demo-shutdown"));
        centre.describe(out);
        exposureWarning(host).ifPresent(err::println);
        out.flush();
        err.flush();
        stopped.await();
        return 0;
    }

    /**
     * The warning printed when the demo listens beyond this machine: its accounts all have the published password
     * {@code demo}, and its kiosk and device pages need no sign-in.
     */
    static Optional<String> exposureWarning(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        boolean loopback = h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
        return loopback
                ? Optional.empty()
                : Optional.of("xephang demo: CẢNH BÁO / WARNING: đang mở trên " + host
                        + " — mọi tài khoản mẫu (mật khẩu \"demo\"), ki-ốt và thiết bị mô phỏng đều truy cập được từ"
                        + " mạng; the demo accounts (password \"demo\") and simulated devices are exposed to the"
                        + " network. Không dùng cho trung tâm thật / never use it for a real centre.");
    }

    /** {@code examples/centre.yaml} of the repository ({@code ./xephang} passes its folder as xephang.home). */
    private static Path exampleConfig() {
        String home = System.getProperty("xephang.home", ".");
        return Path.of(home, "examples", "centre.yaml");
    }
}
