package org.xephang.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.xephang.core.StoreTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code xephang config export|import}: the configuration kept in the store, as YAML (issue #14). */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Xuất/nhập cấu hình trung tâm lưu trong kho dữ liệu / export or import the stored configuration",
        subcommands = {ConfigCommand.Export.class, ConfigCommand.Import.class})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Xephang.EXIT_USAGE;
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "In cấu hình trong kho ra YAML / print the stored configuration as YAML",
            footer = {"", "Ví dụ / example:", "  xephang config export --data /var/lib/xephang > centre.yaml"})
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--data", defaultValue = "data", paramLabel = "DIR", description = "Thư mục dữ liệu (SQLite)")
        private Path dataDir;

        @Option(names = "--store", paramLabel = "URL", description = "sqlite:DIR hoặc postgresql://…")
        private String store;

        @Override
        public Integer call() {
            return StoreCommands.run(spec, "config export", () -> {
                String yaml = StoreTools.exportConfig(dataDir, store);
                return List.of(yaml.endsWith("\n") ? yaml.substring(0, yaml.length() - 1) : yaml);
            });
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Nhập cấu hình YAML vào kho (kiểm tra toàn bộ; có lỗi thì không ghi gì) / import a YAML"
                    + " configuration, validated as a whole, nothing written on any problem",
            footer = {"", "Ví dụ / example:", "  xephang config import centre.yaml --data /var/lib/xephang"})
    static final class Import implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Tệp cấu hình YAML")
        private Path file;

        @Option(names = "--data", defaultValue = "data", paramLabel = "DIR", description = "Thư mục dữ liệu (SQLite)")
        private Path dataDir;

        @Option(names = "--store", paramLabel = "URL", description = "sqlite:DIR hoặc postgresql://…")
        private String store;

        @Override
        public Integer call() {
            return StoreCommands.run(spec, "config import", () -> StoreTools.importConfig(file, dataDir, store));
        }
    }
}
