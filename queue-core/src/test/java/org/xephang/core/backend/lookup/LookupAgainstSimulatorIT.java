package org.xephang.core.backend.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xephang.testkit.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.testkit.SimulatorLink;
import org.xephang.dossiersim.DossierSimulator;
import org.xephang.dossiersim.SampleDossier;
import org.xephang.dossiersim.SimulatedFailure;
import org.xephang.dossiersim.SimulatedFailure.Scope;
import org.xephang.testkit.MutableClock;

/** Real HTTP against the simulated dossier system on port 0, in each of the three lookup styles. */
class LookupAgainstSimulatorIT {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private static Vertx vertx;
    private static DossierSimulator simulator;

    @BeforeAll
    static void startSimulator() throws Exception {
        vertx = Vertx.vertx();
        simulator = await(DossierSimulator.start(vertx, DossierSimulator.Options.defaults()));
        // The first request of a JVM loads the HTTP client and JSON classes; keep that out of the timed tests.
        try (DossierLookup warmUp = DossierLookup.create(
                vertx, SimulatorLink.lookup(simulator, "generic", Duration.ofSeconds(10)), Clock.systemUTC())) {
            await(warmUp.lookup(simulator.samples().get(0).code(), "warm-up"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        await(vertx.close());
    }

    @BeforeEach
    void normalBehaviour() {
        simulator.clearFailures();
    }

    @ParameterizedTest
    @ValueSource(strings = {"generic", "igate", "dvcqg"})
    void everySampleDossierIsNormalisedToItsNationalStatusWithoutPersonalData(String style) throws Exception {
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, style, TIMEOUT), Clock.systemUTC())) {
            for (SampleDossier sample : simulator.samples()) {
                JsonObject answer =
                        await(lookup.lookup(" " + sample.code().toLowerCase() + " ", "test-" + style + sample.code()));

                assertThat(answer.getJsonObject("status").getInteger("code"))
                        .as(style + " " + sample.label())
                        .isEqualTo(sample.status());
                assertThat(answer.getString("code")).isEqualTo(sample.code());
                assertThat(answer.encode())
                        .as("no ID, phone or full name")
                        .doesNotContain(sample.idNumber(), sample.phone(), sample.ownerName());
                assertThat(answer.getString("owner"))
                        .startsWith(sample.ownerName().split(" ")[0] + " ")
                        .contains("***");
                boolean expectedOverdue = sample.label().contains("trễ hạn");
                assertThat(answer.getBoolean("overdue"))
                        .as(style + " " + sample.label())
                        .isEqualTo(expectedOverdue);
                assertThat(answer.getString("rescheduledAppointmentAt") != null)
                        .isEqualTo(sample.rescheduledAppointmentAt() != null);
                assertThat(answer.getString("source")).isEqualTo(style);
            }
        }
    }

    @Test
    void igateTokenIsFetchedOnceAndReusedUntilItExpires() throws Exception {
        int before = simulator.tokenRequests();
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "igate", TIMEOUT), Clock.systemUTC())) {
            for (SampleDossier sample : simulator.samples()) {
                await(lookup.lookup(sample.code(), "token-test-" + sample.code()));
            }
        }
        assertThat(simulator.tokenRequests() - before).isEqualTo(1);
    }

    @Test
    void dvcqgLogsInAgainWhenTheGatewayForgotTheSession() throws Exception {
        var samples = simulator.samples();
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "dvcqg", TIMEOUT), Clock.systemUTC())) {
            await(lookup.lookup(samples.get(0).code(), "session-test"));
            int logins = simulator.loginRequests();
            simulator.expireSessions();

            JsonObject answer = await(lookup.lookup(samples.get(1).code(), "session-test"));

            assertThat(answer.getString("code")).isEqualTo(samples.get(1).code());
            assertThat(simulator.loginRequests()).isEqualTo(logins + 1);
        }
    }

    @Test
    void unknownCodeIsUnknownDossier() {
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "igate", TIMEOUT), Clock.systemUTC())) {
            assertThatThrownBy(() -> await(lookup.lookup("H56.27-990101-9999", "unknown-test")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNKNOWN_DOSSIER));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "server-error", "rate-limited"})
    void troubleAtTheDossierSystemAnswersBusyWithinTheTimeout(String kind) {
        simulator.script(
                Scope.LOOKUP,
                switch (kind) {
                    case "timeout" -> SimulatedFailure.timeout();
                    case "server-error" -> SimulatedFailure.serverError();
                    default -> SimulatedFailure.rateLimited(Duration.ofSeconds(30));
                },
                10);
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "generic", TIMEOUT), Clock.systemUTC())) {
            long started = System.nanoTime();
            assertThatThrownBy(
                            () -> await(lookup.lookup(simulator.samples().get(3).code(), "busy-" + kind)))
                    .satisfies(e -> {
                        assertThat(code(e)).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getCause()).hasMessage(DossierLookup.BUSY);
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        }
    }

    @Test
    void malformedAnswerIsAClearErrorNotACrash() {
        simulator.script(Scope.LOOKUP, SimulatedFailure.malformedJson(), 1);
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "generic", TIMEOUT), Clock.systemUTC())) {
            assertThatThrownBy(
                            () -> await(lookup.lookup(simulator.samples().get(4).code(), "malformed")))
                    .satisfies(e -> assertThat(e.getCause()).hasMessage(DossierLookup.BAD_ANSWER));
        }
    }

    @Test
    void answersAreReusedForAMinuteWithoutAskingTheDossierSystemAgain() throws Exception {
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "generic", TIMEOUT), Clock.systemUTC())) {
            String code = simulator.samples().get(5).code();
            await(lookup.lookup(code, "cache"));
            int asked = simulator.lookupRequests();

            await(lookup.lookup(code, "cache"));
            await(lookup.lookup("https://dvc.example.vn/tra-cuu?MaHoSo=" + code, "cache"));

            assertThat(simulator.lookupRequests()).isEqualTo(asked);
        }
    }

    @Test
    void aClientAskingTooOftenGetsRateLimitedWithAVietnameseMessage() throws Exception {
        LookupConfig config = SimulatorLink.lookup(simulator, "generic", TIMEOUT);
        LookupConfig strict =
                new LookupConfig(config.style(), config.timeout(), config.cacheFor(), 6, config.generic(), null, null);
        try (DossierLookup lookup = DossierLookup.create(vertx, strict, Clock.systemUTC())) {
            String code = simulator.samples().get(6).code();
            await(lookup.lookup(code, "10.0.0.9"));
            await(lookup.lookup(code, "10.0.0.9"));

            assertThatThrownBy(() -> await(lookup.lookup(code, "10.0.0.9"))).satisfies(e -> {
                assertThat(code(e)).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(e.getCause().getMessage()).startsWith("Bạn đã tra cứu quá nhiều lần");
            });
            assertThat(await(lookup.lookup(code, "10.0.0.10")).getString("code"))
                    .isEqualTo(code);
        }
    }

    @Test
    void withoutADossierSystemTheAnswerSaysItIsNotConnected() {
        try (DossierLookup lookup = DossierLookup.create(vertx, LookupConfig.none(), Clock.systemUTC())) {
            assertThatThrownBy(() -> await(lookup.lookup("H56.27-261122-0001", "none")))
                    .satisfies(e -> {
                        assertThat(code(e)).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getCause().getMessage()).startsWith("Chưa kết nối hệ thống hồ sơ");
                    });
        }
    }

    @Test
    void anUnknownCodeIsAskedAgainAfterTenSecondsNotAMinute() throws Exception {
        MutableClock clock = new MutableClock(Instant.now(), MutableClock.VIETNAM);
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(simulator, "generic", TIMEOUT), clock)) {
            String code = "H56.27-261122-9999";
            assertThatThrownBy(() -> await(lookup.lookup(code, "negative")));
            int asked = simulator.lookupRequests();

            assertThatThrownBy(() -> await(lookup.lookup(code, "negative")));
            assertThat(simulator.lookupRequests()).as("reused").isEqualTo(asked);

            clock.advance(Duration.ofSeconds(11));
            assertThatThrownBy(() -> await(lookup.lookup(code, "negative")))
                    .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.UNKNOWN_DOSSIER));
            assertThat(simulator.lookupRequests()).as("asked again").isEqualTo(asked + 1);
        }
    }

    @Test
    void igateFetchesANewTokenOnceTheOldOneExpires() throws Exception {
        DossierSimulator shortTokens = await(DossierSimulator.start(
                vertx, DossierSimulator.Options.defaults().withTokenLifetime(Duration.ofSeconds(40))));
        MutableClock clock = new MutableClock(Instant.now(), MutableClock.VIETNAM);
        try (DossierLookup lookup =
                DossierLookup.create(vertx, SimulatorLink.lookup(shortTokens, "igate", TIMEOUT), clock)) {
            var samples = shortTokens.samples();
            await(lookup.lookup(samples.get(0).code(), "expiry"));
            clock.advance(Duration.ofSeconds(5));
            await(lookup.lookup(samples.get(1).code(), "expiry"));
            assertThat(shortTokens.tokenRequests()).as("still valid").isEqualTo(1);

            clock.advance(Duration.ofSeconds(6)); // 11 s: within 30 s of the 40 s expiry
            await(lookup.lookup(samples.get(2).code(), "expiry"));

            assertThat(shortTokens.tokenRequests()).isEqualTo(2);
        } finally {
            shortTokens.close();
        }
    }

    @Test
    void refusedCredentialsAreAClearConfigurationError() {
        LookupConfig good = SimulatorLink.lookup(simulator, "igate", TIMEOUT);
        LookupConfig.Igate wrongSecret = new LookupConfig.Igate(
                good.igate().tokenUrl(),
                good.igate().clientId(),
                "wrong",
                good.igate().searchUrl(),
                null);
        LookupConfig config = new LookupConfig("igate", TIMEOUT, null, 0, null, wrongSecret, null);
        try (DossierLookup lookup = DossierLookup.create(vertx, config, Clock.systemUTC())) {
            assertThatThrownBy(
                            () -> await(lookup.lookup(simulator.samples().get(0).code(), "refused")))
                    .satisfies(e -> {
                        assertThat(code(e)).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getCause()).hasMessage(DossierLookup.REFUSED);
                    });
        }
    }

    private static ErrorCode code(Throwable e) {
        assertThat(e.getCause()).isInstanceOf(QueueError.class);
        return ((QueueError) e.getCause()).code();
    }
}
