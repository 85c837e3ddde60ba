package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.xephang.core.http.TestApi.await;
import static org.xephang.core.http.TestApi.eventually;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.EventStream;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Role;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueServer;
import org.xephang.core.QueueServerMain;
import org.xephang.core.engine.EngineOptions;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.site.CentreConfig;

/**
 * Issue 13 finding 7: the server speaks HTTPS from a PEM certificate and key, and an agent's {@link QueueClient}
 * trusts a site's own CA file, verifies the host name, and refuses a server it cannot verify. The certificate is made
 * with openssl (the test is skipped where there is none).
 */
@Timeout(60)
class TlsIT {

    @Test
    void aClientTrustingTheSitesCaTalksHttpsAndOneWithoutItIsRefused(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        selfSigned(cert, key);
        Vertx vertx = Vertx.vertx();
        CentreConfig config = TestApi.config();
        QueueEngine engine = QueueEngine.open(
                config, dir.resolve("data"), Clock.systemUTC(), new EngineOptions(true, "https://q.test"));
        QueueServer server = await(QueueServer.start(
                vertx,
                engine,
                new QueueServer.Options()
                        .host("127.0.0.1")
                        .port(0)
                        .accounts(config.accounts())
                        .tls(cert, key)));
        try {
            assertThat(server.localUrl()).startsWith("https://127.0.0.1:");

            QueueClient trusting = QueueClient.create(vertx, server.localUrl(), cert);
            assertThat(await(trusting.login("kiosk1", TestApi.PASSWORD)).token())
                    .isNotBlank();
            assertThat(await(trusting.siteInfo("demo")).code()).isEqualTo("demo");

            // The event stream over TLS: the shared frames (written to the channel below Vert.x) are encrypted too.
            List<QueueSnapshot> snapshots = new CopyOnWriteArrayList<>();
            List<QueueEvent> events = new CopyOnWriteArrayList<>();
            try (EventStream stream = trusting.events("demo")
                    .onSnapshot(snapshots::add)
                    .onEvent(events::add)
                    .start()) {
                eventually(Duration.ofSeconds(30), () -> snapshots.size() == 1);
                for (int i = 0; i < 3; i++) {
                    engine.issue("demo", new IssueCommand("A", null, null, null), new Actor("kiosk1", Role.KIOSK))
                            .toCompletableFuture()
                            .join();
                }
                eventually(Duration.ofSeconds(30), () -> events.size() >= 3);
                long seq = snapshots.get(0).seq();
                for (QueueEvent event : events) {
                    assertThat(event.seq()).isEqualTo(++seq);
                }
                assertThat(snapshots).hasSize(1);
            }

            QueueClient untrusting = QueueClient.create(vertx, server.localUrl());
            assertThatThrownBy(() -> await(untrusting.siteInfo("demo"))).isInstanceOf(IllegalStateException.class);

            QueueClient plain = QueueClient.create(vertx, server.localUrl().replace("https://", "http://"));
            assertThatThrownBy(() -> await(plain.siteInfo("demo"))).isInstanceOf(IllegalStateException.class);
        } finally {
            await(server.close());
            engine.close();
            await(vertx.close());
        }
    }

    @Test
    void theServerSpeaksHttpsFromTheTlsSectionOfTheYamlFileWithPemOrAPkcs12Keystore(@TempDir Path dir)
            throws Exception {
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        selfSigned(cert, key);
        run(
                dir,
                List.of(
                        "openssl",
                        "pkcs12",
                        "-export",
                        "-in",
                        cert.toString(),
                        "-inkey",
                        key.toString(),
                        "-out",
                        dir.resolve("server.p12").toString(),
                        "-passout",
                        "pass:mat-khau-kho"));
        String centre = Files.readString(TestApi.configFile());
        for (String tls : List.of(
                "  tls: {certificate: server.pem, privateKey: server.key}\n",
                "  tls: {keystore: server.p12, keystorePassword: mat-khau-kho}\n")) {
            Path file = dir.resolve("centre.yaml");
            Files.writeString(file, centre + "\nserver:\n" + tls);
            QueueServerMain.Running running = QueueServerMain.launch(new QueueServerMain.Settings(
                    file, 0, dir.resolve("data-" + tls.hashCode()), true, "127.0.0.1", "https://q.test"));
            try {
                assertThat(running.server().localUrl()).startsWith("https://127.0.0.1:");
                QueueClient trusting =
                        QueueClient.create(running.vertx(), running.server().localUrl(), cert);
                assertThat(await(trusting.siteInfo("demo")).code()).as(tls).isEqualTo("demo");
            } finally {
                running.close();
            }
        }
    }

    @Test
    void aTlsSectionThatCannotBeUsedIsRefusedNamingItsKey(@TempDir Path dir) throws Exception {
        String centre = Files.readString(TestApi.configFile());
        Path file = dir.resolve("centre.yaml");
        Files.writeString(file, centre + "\nserver:\n  tls: {certificate: missing.pem}\n");
        assertThatThrownBy(() -> QueueServerMain.launch(new QueueServerMain.Settings(
                        file, 0, dir.resolve("data"), true, "127.0.0.1", "https://q.test")))
                .isInstanceOf(QueueServerMain.UsageException.class)
                .hasMessageContaining("server.tls.certificate: cannot read");
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.log").toFile())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(dir.resolve("run.log")))
                .isZero();
    }

    private static void selfSigned(Path cert, Path key) throws IOException, InterruptedException {
        List<String> command = List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString());
        Process openssl;
        try {
            openssl = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(cert.resolveSibling("openssl.log").toFile())
                    .start();
        } catch (IOException noOpenssl) {
            assumeTrue(false, "openssl is not installed");
            return;
        }
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue())
                .as(Files.readString(cert.resolveSibling("openssl.log")))
                .isZero();
    }
}
