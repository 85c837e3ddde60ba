package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;
import org.xephang.device.DeviceState;

class KioskAgentTest {

    private Vertx vertx;
    private Context context;
    private FakeCore core;
    private FakeReceiptPrinter printer;
    private final List<JsonObject> printEvents = new CopyOnWriteArrayList<>();
    private KioskAgent agent;

    @BeforeEach
    void startAgent() throws Exception {
        vertx = Vertx.vertx();
        core = new FakeCore();
        printer = new FakeReceiptPrinter();
        KioskOptions options = KioskOptions.of("http://127.0.0.1:1", "demo", "kiosk1", "demo", "sim:printer")
                .withRetries(4, Duration.ofMillis(10));
        agent = new KioskAgent(
                core,
                printer,
                (event, data) -> {
                    if (event.equals("print")) {
                        printEvents.add(data);
                    }
                },
                options);
        agent.deployOn(vertx).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        context = agent.context();
    }

    @AfterEach
    void stop() throws Exception {
        agent.undeploy().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void isReadyOnlyOnceItsLinkToTheServerIsUp() throws Exception {
        Future<Void> ready = agent.ready();
        context.runOnContext(v -> core.connection.accept(false));
        onContext(() -> Future.succeededFuture(new JsonObject()));
        assertThat(ready.isComplete()).as("ready before the link was up").isFalse();

        context.runOnContext(v -> core.connection.accept(true));

        ready.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void issuesTheTicketThenPrintsItAndTellsThePage() throws Exception {
        JsonObject answer = onContext(() -> agent.issue("A", null, "r1"));

        assertThat(answer.getJsonObject("ticket").getString("number")).isEqualTo("A001");
        awaitPrintEvent("PRINTED");
        assertThat(printer.printed).extracting(t -> t.number()).containsExactly("A001");
        assertThat(core.issueKeys).containsExactly("kiosk1:r1");
    }

    @Test
    void retriesALostRequestWithTheSameIdempotencyKeySoOnlyOneTicketExists() throws Exception {
        core.nextIssueFailures.add(new ConnectException("Connection refused"));
        core.nextIssueFailures.add(new QueueError(ErrorCode.UNAVAILABLE, "đang khởi động", "starting"));

        JsonObject answer = onContext(() -> agent.issue("B", "elderly", "tap-7"));

        assertThat(core.issueKeys).hasSize(3).containsOnly("kiosk1:tap-7");
        assertThat(core.ticketsByKey).hasSize(1);
        assertThat(answer.getJsonObject("ticket").getString("priority")).isEqualTo("elderly");
    }

    @Test
    void aRequestThatFailedEvenAfterRetriesIsTriedAgainWithTheSameKeyWhenThePageRetries() throws Exception {
        for (int i = 0; i < 4; i++) {
            core.nextIssueFailures.add(new ConnectException("Connection refused"));
        }
        assertThatThrownBy(() -> onContext(() -> agent.issue("A", null, "late")));

        JsonObject answer = onContext(() -> agent.issue("A", null, "late"));

        assertThat(answer.getJsonObject("ticket").getString("number")).isEqualTo("A001");
        assertThat(core.issueKeys).hasSize(5).containsOnly("kiosk1:late");
        assertThat(core.ticketsByKey).hasSize(1);
    }

    @Test
    void theSameTapSentTwiceGivesTheSameTicketAndPrintsItOnce() throws Exception {
        JsonObject first = onContext(() -> agent.issue("A", null, "double"));
        awaitPrintEvent("PRINTED");
        JsonObject second = onContext(() -> agent.issue("A", null, "double"));

        assertThat(second.getJsonObject("ticket").getString("id"))
                .isEqualTo(first.getJsonObject("ticket").getString("id"));
        assertThat(printer.printed).hasSize(1);
    }

    @Test
    void aRefusalFromTheServerIsNotRetriedAndClosedHoursShowTheNextOpening() throws Exception {
        core.nextIssueFailures.add(new QueueError(
                ErrorCode.SITE_CLOSED,
                "Ngoài giờ lấy số. Mời quay lại lúc 07:30 thứ Hai 23/11/2026.",
                "Outside the hours for taking numbers. Please come back at 07:30 on Monday 23/11/2026.",
                new JsonObject().put("nextOpening", "2099-11-23T07:30:00+07:00")));

        assertThatThrownBy(() -> onContext(() -> agent.issue("A", null, "r2")))
                .hasRootCauseInstanceOf(QueueError.class);

        assertThat(core.issueKeys).hasSize(1);
        JsonObject state = onContext(() -> Future.succeededFuture(agent.state()));
        assertThat(state.getJsonObject("closed").getString("message")).contains("Ngoài giờ lấy số");
        assertThat(state.getJsonObject("closed").getString("nextOpening")).isEqualTo("2099-11-23T07:30:00+07:00");
    }

    @Test
    void aServiceAtItsDailyCapIsMarkedOnTheHomeScreen() throws Exception {
        core.nextIssueFailures.add(new QueueError(
                ErrorCode.DAILY_CAP_REACHED,
                "Lĩnh vực này đã hết số hôm nay",
                "This service has no numbers left today"));

        assertThatThrownBy(() -> onContext(() -> agent.issue("C", null, "r3")));

        JsonObject state = onContext(() -> Future.succeededFuture(agent.state()));
        assertThat(state.getJsonArray("capReached").getList()).containsExactly("C");
    }

    @Test
    void theHomeScreenSaysClosedAndNamesTheCappedFieldsBeforeAnyoneTaps() throws Exception {
        core.issuing = new IssuingState(
                false,
                "Ngoài giờ cấp số thứ tự. Mời quay lại lúc 07:30 ngày 30/11/2099.",
                "Outside the hours for taking numbers. Please come back at 07:30 on 30/11/2099.",
                OffsetDateTime.parse("2099-11-30T07:30+07:00"),
                List.of("B"));

        core.connection.accept(false);
        core.connection.accept(true); // on reconnecting the agent asks at once, then every 30 s

        JsonObject state = awaitState(s -> s.getValue("closed") != null);
        assertThat(state.getJsonObject("closed").getString("message"))
                .isEqualTo("Ngoài giờ cấp số thứ tự. Mời quay lại lúc 07:30 ngày 30/11/2099.");
        assertThat(state.getJsonObject("closed").getString("nextOpening")).isEqualTo("2099-11-30T07:30+07:00");
        assertThat(state.getJsonArray("capReached").getList()).containsExactly("B");
        assertThat(core.issueKeys).isEmpty();

        core.issuing = new IssuingState(true, null, null, null, List.of());
        core.connection.accept(false);
        core.connection.accept(true);

        assertThat(awaitState(s -> s.getValue("closed") == null).getJsonArray("capReached"))
                .isEmpty();
    }

    private JsonObject awaitState(Predicate<JsonObject> wanted) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        JsonObject state;
        do {
            state = onContext(() -> Future.succeededFuture(agent.state()));
            if (wanted.test(state)) {
                return state;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        throw new AssertionError("the kiosk's state never became as expected: " + state.encode());
    }

    @Test
    void withThePaperOutTheTicketIsIssuedButNotSentToThePrinterAndCanBeReprintedLater() throws Exception {
        printer.becomes(DeviceState.PAPER_OUT);

        JsonObject answer = onContext(() -> agent.issue("A", null, "r4"));

        JsonObject print = answer.getJsonObject("print");
        assertThat(print.getString("stage")).isEqualTo("REFUSED");
        assertThat(print.getString("message")).startsWith("Máy in hết giấy.").contains("vẫn có hiệu lực");
        assertThat(printer.printed).isEmpty();

        printer.becomes(DeviceState.ONLINE);
        String ticketId = answer.getJsonObject("ticket").getString("id");
        PrintOutcome reprinted = onContext(() -> agent.reprint(ticketId));

        assertThat(reprinted.stage()).isEqualTo(PrintOutcome.Stage.PRINTED);
        assertThat(printer.printed).extracting(t -> t.id()).containsExactly(ticketId);
    }

    @Test
    void paperRunningOutDuringTheJobIsReportedAsAFailureNeverAsPrinted() throws Exception {
        printer.failNextJobWith = DeviceState.PAPER_OUT;

        onContext(() -> agent.issue("A", null, "r5"));

        JsonObject event = awaitPrintEvent("FAILED");
        assertThat(event.getString("reason")).isEqualTo("PAPER_OUT");
        assertThat(event.getString("message")).contains("hết giấy");
        assertThat(printer.printed).isEmpty();
    }

    @Test
    void printerStatusChangesReachTheCoreAndAreResentWhenTheServerComesBack() throws Exception {
        awaitReports(1); // the status at start
        core.reportsFail = true;
        printer.becomes(DeviceState.PAPER_OUT);
        onContext(() -> Future.succeededFuture()); // the change hops onto the agent's context: handled by now
        assertThat(core.refusedReports).extracting(r -> r.getString("state")).containsExactly("PAPER_OUT");
        assertThat(core.reports).hasSize(1);

        core.reportsFail = false;
        context.runOnContext(v -> core.connection.accept(true));

        awaitReports(2);
        JsonObject report = core.reports.get(1);
        assertThat(report.getString("device")).isEqualTo("kiosk1/printer");
        assertThat(report.getString("kind")).isEqualTo("printer");
        assertThat(report.getString("state")).isEqualTo("PAPER_OUT");
        assertThat(report.getString("detail")).isEqualTo("Hết giấy");
    }

    @Test
    void theKioskSendsAHeartbeatNamingItsPrinterAtStart() throws Exception {
        for (int i = 0; i < 200 && core.heartbeats.isEmpty(); i++) {
            Thread.sleep(10);
        }

        assertThat(core.heartbeats).first().isEqualTo(List.of("kiosk1/printer"));
    }

    @Test
    void aDossierLookupThatIsNotConnectedYetSaysSoInVietnamese() {
        core.dossierFailure = new QueueError(ErrorCode.NOT_FOUND, "Không có đường dẫn này", "No such address");

        assertThatThrownBy(() -> onContext(() -> agent.dossier("H21.65-261122-0001")))
                .rootCause()
                .hasMessageStartingWith("Chưa kết nối hệ thống hồ sơ");
    }

    private JsonObject awaitPrintEvent(String stage) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            for (JsonObject event : printEvents) {
                if (stage.equals(event.getString("stage"))) {
                    return event;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no print event " + stage + " in " + printEvents);
    }

    private void awaitReports(int count) throws InterruptedException {
        for (int i = 0; i < 200 && core.reports.size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(core.reports).hasSize(count);
    }

    private <T> T onContext(Supplier<Future<T>> action) throws ExecutionException, InterruptedException {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                action.get().onComplete(done -> {
                    if (done.succeeded()) {
                        result.complete(done.result());
                    } else {
                        result.completeExceptionally(done.cause());
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer in 5 s", e);
        }
    }
}
