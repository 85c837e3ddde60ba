package org.xephang.localpg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.testkit.RequiredTools;

@Timeout(240)
class ThrowawayPostgresIT {

    @Test
    void startsAServerThatTakesConnectionsAndLeavesNothingBehindWhenClosed() throws Exception {
        RequiredTools.require(
                ThrowawayPostgres.binaries().isPresent(),
                "the PostgreSQL server binaries (/usr/lib/postgresql/N/bin)",
                "apt-get install postgresql",
                System.getenv());
        Path home;
        try (ThrowawayPostgres server = ThrowawayPostgres.start("xephang-localpg-it", true, false)) {
            home = server.home();
            Properties user = new Properties();
            user.setProperty("user", ThrowawayPostgres.USER);
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres", user);
                    Statement statement = connection.createStatement();
                    ResultSet answer = statement.executeQuery("SHOW fsync")) {
                answer.next();
                assertThat(answer.getString(1))
                        .as("a test server needs no fsync")
                        .isEqualTo("off");
            }
            assertThat(server.url("x")).isEqualTo("postgresql://127.0.0.1:" + server.port() + "/x?user=postgres");
        }
        assertThat(Files.exists(home)).as("its folder removed").isFalse();
    }
}
