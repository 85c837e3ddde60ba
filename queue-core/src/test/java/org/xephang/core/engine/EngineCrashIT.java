package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.IssueCommand;

/** Kills a process that is issuing tickets with SIGKILL, then checks that no acknowledged ticket was lost. */
class EngineCrashIT {

    @TempDir
    Path dir;

    /** The child's argument: the data folder here, a PostgreSQL URL in {@link EngineCrashPostgresIT}. */
    String storeArgument() {
        return dir.toString();
    }

    QueueEngine reopen() {
        return QueueEngine.open(
                EngineFixture.config(), dir, Clock.systemUTC(), new EngineOptions(true, "http://q.test"));
    }

    Connection queryStore() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("xephang.db"));
    }

    @Test
    void aKilledEngineLosesNoAcknowledgedTicketAndNumberingContinuesWithoutDuplicates() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dlogback.configurationFile=none",
                        CrashChild.class.getName(),
                        storeArgument())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<String, String> acknowledged = new HashMap<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < 500 && (line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acknowledged.put(parts[1], parts[2]);
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSize(500);

        try (QueueEngine engine = reopen()) {
            acknowledged.forEach((id, number) -> assertThat(engine.ticket(id))
                    .as("acknowledged ticket %s", number)
                    .hasValueSatisfying(t -> assertThat(t.number()).isEqualTo(number)));
            String next = engine.issue(EngineFixture.SITE, new IssueCommand("B", null, null, null), EngineFixture.KIOSK)
                    .toCompletableFuture()
                    .join()
                    .ticket()
                    .number();
            assertThat(acknowledged.values()).doesNotContain(next);
            try (Connection c = queryStore();
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT number), MAX(sequence) FROM ticket")) {
                rs.next();
                assertThat(rs.getInt(2)).as("distinct numbers").isEqualTo(rs.getInt(1));
                assertThat(rs.getInt(3)).as("gap-free numbering").isEqualTo(rs.getInt(1));
                assertThat(next).isEqualTo(String.format("B%04d", rs.getInt(1)));
            }
        }
    }
}
