package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.site.CentreConfigLoader;
import picocli.CommandLine;

/** {@code xephang config import} then {@code export}: the example centre comes back exactly. */
@Timeout(60)
class ConfigCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "centre.yaml");

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
    void theExampleCentreRoundTrips(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");

        assertThat(run("config", "import", EXAMPLE.toString(), "--data", data.toString()))
                .isEqualTo(0);
        assertThat(out.toString()).contains("site demo v1").contains("account officer1");
        assertThat(run("config", "export", "--data", data.toString())).isEqualTo(0);
        String exported = out.toString();

        String original = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = (Map<String, Object>) CentreConfigLoader.readTree(original, "centre.yaml");
        stored.remove("server"); // the server's own settings stay in its --config file, like dossier:
        assertThat(CentreConfigLoader.readTree(exported, "export")).isEqualTo(stored);
        assertThat(CentreConfigLoader.parse(exported, "export")).isEqualTo(CentreConfigLoader.load(EXAMPLE));
    }

    @Test
    void aBadFileImportsNothingAndNamesTheKey(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(EXAMPLE, StandardCharsets.UTF_8)
                        .replace("ticketCutoffMinutes: 15", "ticketCutoffMinutes: -1"),
                StandardCharsets.UTF_8);

        assertThat(run(
                        "config",
                        "import",
                        bad.toString(),
                        "--data",
                        dir.resolve("data").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("nothing was imported").contains("sites[0].ticketCutoffMinutes");
        assertThat(run("config", "export", "--data", dir.resolve("data").toString()))
                .isEqualTo(0);
        assertThat(out.toString().strip()).isEqualTo("sites: []");
    }

    @Test
    void exportingAFolderWithoutAStoreSaysSo(@TempDir Path dir) {
        assertThat(run("config", "export", "--data", dir.resolve("none").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("xephang config export: --data ").contains("no SQLite store");
    }
}
