package org.xephang.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalMeterTest {

    @TempDir
    Path dir;

    @Test
    void countsTheCommitsAndPagesWrittenWhileItPinsTheWal() throws Exception {
        Path db = dir.resolve("xephang.db");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = writer.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE event (seq INTEGER PRIMARY KEY, payload TEXT)");
            s.execute("INSERT INTO event (payload) VALUES ('before')");
            try (WalMeter meter = WalMeter.start(db)) {
                for (int i = 0; i < 5; i++) {
                    s.execute("INSERT INTO event (payload) VALUES ('" + "x".repeat(5000) + "')");
                }
                JsonObject wal = meter.stop(5);

                assertThat(wal.getBoolean("valid")).isTrue();
                assertThat(wal.getLong("commits")).isEqualTo(5);
                // Each row of 5,000 bytes takes an overflow page besides the table's leaf.
                assertThat(wal.getLong("frames")).isBetween(10L, 20L);
                assertThat(wal.getLong("walBytes")).isEqualTo(wal.getLong("frames") * (4096 + 24));
                assertThat(wal.getDouble("commitsPerOp")).isEqualTo(1.0);
            }
        }
    }
}
