package org.xephang.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Role;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

/**
 * A start that fails after the engine opened (serving the API, starting the dossier forwarder) leaves nothing behind:
 * the engine is closed (its threads end, its SQLite connections close: the WAL file is checkpointed away), and the
 * data folder opens again at once.
 */
class ServerStartFailureIT {

    @TempDir
    Path dir;

    @Test
    void aFailureToServeClosesTheEngineItOpened() throws Exception {
        Vertx vertx = Vertx.vertx();

        assertThatThrownBy(() -> launch(
                        vertx,
                        DossierConfig.none(),
                        options -> options.extend(api -> {
                            throw new IllegalStateException("extension broken");
                        })))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("extension broken");

        assertEverythingClosed(vertx);
    }

    @Test
    void aFailureToStartTheForwarderClosesTheEngineItOpened() throws Exception {
        Vertx vertx = Vertx.vertx();
        DossierConfig noSecret =
                new DossierConfig(LookupConfig.none(), ForwarderConfig.webhook("http://127.0.0.1:9/webhook", " "));

        assertThatThrownBy(() -> launch(vertx, noSecret, options -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dossier.forward.secret");

        assertEverythingClosed(vertx);
    }

    private QueueServerMain.Running launch(Vertx vertx, DossierConfig dossier, Consumer<QueueServer.Options> customize)
            throws Exception {
        return QueueServerMain.launch(
                vertx,
                centre(),
                dossier,
                new QueueServerMain.Settings(centreFile(), 0, dir, true, "127.0.0.1", null),
                customize);
    }

    private void assertEverythingClosed(Vertx vertx) throws Exception {
        assertThat(dir.resolve("xephang.db")).exists();
        assertThat(dir.resolve("xephang.db-wal"))
                .as("SQLite connections left open")
                .doesNotExist();
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(Thread::isAlive)
                        .map(Thread::getName))
                .as("the engine's threads")
                .doesNotContain("xephang-writer", "xephang-housekeeping");
        try (QueueEngine again = QueueEngine.open(centre(), dir, Clock.systemUTC(), new EngineOptions(true, "x"))) {
            assertThat(again.issue("demo", new IssueCommand("A", null, null, null), new Actor("k", Role.KIOSK))
                            .toCompletableFuture()
                            .join()
                            .ticket()
                            .number())
                    .isEqualTo("A0001");
        }
    }

    private static Path centreFile() throws URISyntaxException {
        return Path.of(
                ServerStartFailureIT.class.getResource("/http/centre.yaml").toURI());
    }

    private static CentreConfig centre() throws Exception {
        return CentreConfigLoader.load(centreFile());
    }
}
