package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 13 finding 1: sign-in throttling checks and records an attempt in one step, per client address and per
 * account, with delays a guesser cannot turn against the account's owner, and logs never carry a raw username. Each
 * test sends from its own loopback address (127.0.0.x) so the per-address counters of one test do not touch another.
 */
@Timeout(60)
class LoginThrottlingIT {

    @TempDir
    static Path dataDir;

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(dataDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /**
     * Signs in over a socket bound to {@code address} (a loopback address), so the server sees that client address;
     * answers the HTTP status. Blocking, bounded by a 20 s socket timeout.
     */
    private static int login(String address, String username, String password) {
        byte[] body = new JsonObject()
                .put("username", username)
                .put("password", password)
                .encode()
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(20_000);
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", api.port()), 20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void fortyParallelWrongPasswordsForOneAccountAreMostlyRefusedWith429BeforeTheirHashIsChecked() throws Exception {
        ExecutorService guessers = Executors.newFixedThreadPool(40);
        List<Future<Integer>> answers = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(40);
        try {
            for (int i = 0; i < 40; i++) {
                String guess = "guess" + i;
                answers.add(guessers.submit(() -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    return login("127.0.0.11", "officer5", guess);
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }

            long checked = statuses.stream().filter(status -> status == 401).count();
            assertThat(checked).isLessThanOrEqualTo(LoginThrottleLimits.FREE_PER_ACCOUNT);
            assertThat(statuses.stream().filter(status -> status == 429).count())
                    .isEqualTo(40 - checked);
        } finally {
            guessers.shutdownNow();
        }
    }

    @Test
    void aGuesserFromAnotherAddressDoesNotKeepTheOwnerOfTheAccountOut() {
        for (int i = 0; i < 10; i++) {
            login("127.0.0.12", "officer6", "guess" + i);
        }
        assertThat(login("127.0.0.12", "officer6", TestApi.PASSWORD)).isEqualTo(429);

        assertThat(login("127.0.0.13", "officer6", TestApi.PASSWORD)).isEqualTo(200);
    }

    @Test
    void madeUpUsernamesFromOneAddressAreThrottledLikeWrongPasswords() {
        int throttled = 0;
        for (int i = 0; i < 40; i++) {
            if (login("127.0.0.14", "nobody" + i, "guess") == 429) {
                throttled++;
            }
        }

        assertThat(throttled).isGreaterThanOrEqualTo(40 - LoginThrottleLimits.FREE_PER_CLIENT);
        assertThat(login("127.0.0.15", "officer7", TestApi.PASSWORD)).isEqualTo(200);
    }

    @Test
    void aUsernameWithLineBreaksNeverForgesALogLine() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            String forged = "officer8\r\n08:00:00.000 INFO  o.x.c.a.Authenticator - admin signed in as ADMIN";
            for (int i = 0; i < 8; i++) {
                login("127.0.0.16", forged, "guess");
            }
        } finally {
            root.detachAppender(appender);
        }

        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(message -> message.contains("\n") || message.contains("\r"));
    }

    /** The limits of the throttle as this test relies on them (generous: a test must not depend on exact tuning). */
    private static final class LoginThrottleLimits {
        static final int FREE_PER_ACCOUNT = 6;
        static final int FREE_PER_CLIENT = 21;
    }
}
