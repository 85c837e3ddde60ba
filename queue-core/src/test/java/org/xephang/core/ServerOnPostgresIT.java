package org.xephang.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.persistence.StoreLocation;
import org.xephang.core.testkit.PostgresFixture;

/** {@code xephang server --store postgresql://…}: the whole server on PostgreSQL, and no SQLite file in --data. */
@Timeout(120)
class ServerOnPostgresIT {

    @TempDir
    Path dir;

    @Test
    void theServerKeepsItsStateInPostgresqlWhenToldTo() throws Exception {
        StoreLocation.Postgres database = PostgresFixture.newDatabase("server");
        String url = PostgresFixture.storeArgument(database);
        Path centre = Path.of(
                ServerOnPostgresIT.class.getResource("/http/centre.yaml").toURI());

        QueueServerMain.Settings settings = new QueueServerMain.Settings(centre, 0, dir, true, "127.0.0.1", null, url);
        try (QueueServerMain.Running running = QueueServerMain.launch(settings)) {
            assertThat(running.engine().storeLocation()).isEqualTo(database);
            assertThat(running.engine().storeAnswers()).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(running.server().localUrl() + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
        assertThat(dir.resolve("xephang.db")).doesNotExist();
    }
}
