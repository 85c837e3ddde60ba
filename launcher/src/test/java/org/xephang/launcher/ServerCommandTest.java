package org.xephang.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.xephang.core.QueueServerCommand;
import picocli.CommandLine;

/** Bad arguments and bad configuration end with exit code 2 and one line naming the option or key. */
class ServerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Xephang.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aConfigurationProblemExitsWithTwoAndOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("centre.yaml");
        Files.writeString(config, """
                sites:
                  - code: demo
                    name: Thử
                    services:
                      - { code: A, name: Đất đai, prefix: a1 }
                    counters:
                      - { number: 1, services: [A] }
                accounts: []
                """);

        int code = run(
                "server",
                "--config",
                config.toString(),
                "--port",
                "0",
                "--data",
                dir.resolve("data").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang server: ").contains("sites[0].services[0]");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aStartFailureSaysSoInOneLineAndLogsItsStackTrace(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("centre.yaml");
        Files.writeString(config, """
                sites:
                  - code: demo
                    name: Thử
                    services:
                      - { code: A, name: Đất đai }
                    counters:
                      - { number: 1, services: [A] }
                accounts: []
                """);
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("xephang.db"), "not a database, written by the test\n".repeat(200));
        Logger logger = (Logger) LoggerFactory.getLogger(QueueServerCommand.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            int code = run(
                    "server",
                    "--config",
                    config.toString(),
                    "--port",
                    "0",
                    "--host",
                    "127.0.0.1",
                    "--data",
                    data.toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString().strip().lines()).hasSize(1);
            assertThat(err.toString()).startsWith("xephang server: could not start: ");
            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).contains("could not start");
                assertThat(event.getThrowableProxy()).as("the stack trace").isNotNull();
                assertThat(event.getThrowableProxy().getStackTraceElementProxyArray())
                        .isNotEmpty();
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void aMissingConfigurationFileOrBadPortExitsWithTwo(@TempDir Path dir) {
        assertThat(run("server", "--config", dir.resolve("missing.yaml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--config").doesNotContain("Exception");
        assertThat(run("server", "--config", "x.yaml", "--port", "70000")).isEqualTo(2);
        assertThat(run("server")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMalformedOrUnreachableStoreExitsWithTwoAndOneLineNamingTheOption(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("centre.yaml");
        Files.writeString(config, """
                sites:
                  - code: demo
                    name: Thử
                    services:
                      - { code: A, name: Đất đai }
                    counters:
                      - { number: 1, services: [A] }
                accounts: []
                """);
        String data = dir.resolve("data").toString();

        assertThat(run("server", "--config", config.toString(), "--data", data, "--store", "mysql://x/y"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("xephang server: --store: ");
        assertThat(err.toString().strip().lines()).hasSize(1);

        err.getBuffer().setLength(0);
        // Port 1 on the loopback: nothing listens, the connection is refused at once.
        int code = run(
                "server",
                "--config",
                config.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data",
                data,
                "--store",
                "postgresql://127.0.0.1:1/xephang?user=xephang&password=secret-in-test");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("xephang server: --store postgresql://xephang@127.0.0.1:1/xephang: ")
                .contains("cannot reach PostgreSQL at 127.0.0.1:1")
                .doesNotContain("secret-in-test");
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void onEveryInterfaceWithoutAPublicUrlTheServerRefusesToStartNamingTheOption(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("centre.yaml");
        Files.writeString(config, """
                sites:
                  - code: demo
                    name: Thử
                    services:
                      - { code: A, name: Đất đai }
                    counters:
                      - { number: 1, services: [A] }
                accounts: []
                """);

        int code = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> run(
                        "server",
                        "--config",
                        config.toString(),
                        "--port",
                        "0",
                        "--data",
                        dir.resolve("data").toString()));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("xephang server: --public-url").contains("127.0.0.1");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @Timeout(60)
    void aServerWhoseAccountsKeepThePublishedDemoPasswordRefusesToStart(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("centre.yaml");
        Files.writeString(config, """
                sites:
                  - code: demo
                    name: Thử
                    services:
                      - { code: A, name: Đất đai }
                    counters:
                      - { number: 1, services: [A] }
                accounts:
                  - { username: admin, role: admin, passwordHash: "$2a$10$KFU.4FB0deaMJ1v6RlOeuOmUS4kOscOIaw1QhdmeY7YhZBXblZq8m" }
                """);

        int code = run(
                "server",
                "--config",
                config.toString(),
                "--port",
                "0",
                "--host",
                "127.0.0.1",
                "--data",
                dir.resolve("data").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("admin").contains("demo password");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aTlsCertificateWithoutItsKeyExitsWithTwo(@TempDir Path dir) {
        assertThat(run(
                        "server",
                        "--config",
                        "x.yaml",
                        "--tls-cert",
                        dir.resolve("cert.pem").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--tls-key");
    }
}
