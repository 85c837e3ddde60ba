package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code xephang backup}, {@code restore} and {@code migrate} from the command line. */
@Timeout(60)
class StoreCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aBackupIsWrittenCheckedAndRestoredIntoAnotherFolder(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.copy(
                Path.of("../queue-core/src/test/resources/fixtures/schema-v1/xephang.db"), data.resolve("xephang.db"));
        Path backup = dir.resolve("backup.db");

        assertThat(run("backup", "--data", data.toString(), "--to", backup.toString()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("5 ticket(s), 21 event(s), 2 rating(s)");
        assertThat(run("backup", "--data", data.toString(), "--to", backup.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang backup: --to: ").contains("already exists");

        assertThat(run(
                        "restore",
                        "--from",
                        backup.toString(),
                        "--data",
                        dir.resolve("other").toString()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("restored").contains("5 ticket(s)");
        assertThat(dir.resolve("other/xephang.db")).exists();
    }

    @Test
    void wrongStoresExitWithTwoAndOneLineNamingTheOption(@TempDir Path dir) {
        assertThat(run(
                        "backup",
                        "--data",
                        dir.resolve("nothing").toString(),
                        "--to",
                        dir.resolve("b.db").toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang backup: --data: no SQLite store");

        assertThat(run("restore", "--from", dir.resolve("missing.db").toString(), "--data", dir.toString()))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang restore: --from: no backup file");

        assertThat(run("migrate", "--from", "sqlite:" + dir.resolve("none"), "--to", "postgresql://h/db?user=u"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang migrate: --from: no SQLite store");

        assertThat(run("migrate", "--from", "sqlite:" + dir, "--to", "sqlite:" + dir))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang migrate: --to: give the province's PostgreSQL");
        assertThat(err.toString().strip().lines()).hasSize(1);
    }
}
