package org.xephang.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.core.QueueServerMain.UsageException;
import org.xephang.core.StoreTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The store commands: {@code migrate}, {@code backup}, {@code restore} (docs/scale-out.md). */
final class StoreCommands {

    private static final Logger LOG = LoggerFactory.getLogger(StoreCommands.class);

    private StoreCommands() {}

    @FunctionalInterface
    interface Operation {
        List<String> run() throws UsageException;
    }

    /** Prints the lines of an operation; 2 with one line for a usage problem, 1 with one line for a failure. */
    static int run(CommandSpec spec, String name, Operation operation) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            operation.run().forEach(out::println);
            out.flush();
            return 0;
        } catch (UsageException e) {
            err.println("xephang " + name + ": " + e.getMessage());
            return Xephang.EXIT_USAGE;
        } catch (RuntimeException failed) {
            LOG.error("xephang {} failed", name, failed);
            err.println("xephang " + name + ": " + failed.getMessage());
            return 1;
        }
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Chép lịch sử của một điểm (SQLite) sang PostgreSQL của tỉnh / copy an office's SQLite"
                    + " history into the province's PostgreSQL",
            footer = {
                "",
                "Ví dụ / example:",
                "  xephang migrate --from sqlite:/var/lib/xephang --to 'postgresql://db1:5432/xephang?user=xephang&password=…'"
            })
    static final class Migrate implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "sqlite:FILE_OR_DIR", description = "Kho SQLite")
        private String from;

        @Option(names = "--to", required = true, paramLabel = "postgresql://…", description = "Kho PostgreSQL")
        private String to;

        @Option(
                names = "--replace",
                description =
                        "Ghi đè dữ liệu đã có của các điểm này ở đích / overwrite those sites' data in the target")
        private boolean replace;

        @Override
        public Integer call() {
            return run(spec, "migrate", () -> StoreTools.migrate(from, to, replace));
        }
    }

    @Command(
            name = "backup",
            mixinStandardHelpOptions = true,
            description = "Sao lưu kho SQLite khi máy chủ đang chạy / back up a SQLite store while it serves")
    static final class Backup implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--data", defaultValue = "data", paramLabel = "DIR", description = "Thư mục dữ liệu")
        private Path dataDir;

        @Option(names = "--to", required = true, paramLabel = "FILE", description = "Tệp sao lưu mới")
        private Path target;

        @Override
        public Integer call() {
            return run(spec, "backup", () -> StoreTools.backup(dataDir, target));
        }
    }

    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = "Khôi phục kho SQLite từ bản sao lưu (máy chủ phải dừng) / restore a SQLite store from a"
                    + " backup (the server must be stopped)")
    static final class Restore implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FILE", description = "Tệp sao lưu")
        private Path backup;

        @Option(names = "--data", defaultValue = "data", paramLabel = "DIR", description = "Thư mục dữ liệu")
        private Path dataDir;

        @Override
        public Integer call() {
            return run(spec, "restore", () -> StoreTools.restore(backup, dataDir));
        }
    }
}
