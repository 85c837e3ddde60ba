package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.testkit.Poll;

class CounterAgentTest {

    private Vertx vertx;
    private Context context;
    private FakeCounterCore core;
    private final FakeDevices.Led led3 = new FakeDevices.Led();
    private final FakeDevices.Keypad keypad3 = new FakeDevices.Keypad();
    private final FakeDevices.Led led4 = new FakeDevices.Led();
    private HidKeypadDesk hid5;
    private CounterAgent agent;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        core = new FakeCounterCore();
        CounterOptions options = CounterOptions.of(
                        "http://127.0.0.1:1",
                        "demo",
                        List.of(
                                new CounterOptions.DeskOptions(3, "sim:led", "sim:keypad"),
                                new CounterOptions.DeskOptions(4, "sim:led", null),
                                new CounterOptions.DeskOptions(5, null, "hid")))
                .withRatingWindow(Duration.ofSeconds(30));
        hid5 = HidKeypadDesk.create("hid", 5, options.ratingWindow(), options.clock());
        agent = new CounterAgent(
                core,
                (counter, event, data) -> {},
                options,
                List.of(new Desk(3, led3, keypad3), new Desk(4, led4, null), new Desk(5, null, hid5)));
        agent.deployOn(vertx).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        context = agent.context();
    }

    @AfterEach
    void stop() throws Exception {
        agent.undeploy().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWrongPasswordIsRefusedWithTheServersExplanation() {
        assertThatThrownBy(() -> onContext(() -> agent.signIn("officer3", "nope", 3)))
                .rootCause()
                .isInstanceOf(QueueError.class)
                .hasMessage("Sai tên đăng nhập hoặc mật khẩu");
    }

    @Test
    void anOfficerTheServerRefusesAtTheCounterLeavesNoOpenSessionBehind() throws Exception {
        core.signInFailure = new QueueError(
                ErrorCode.COUNTER_BUSY, "Quầy 3 đang có cán bộ khác làm việc", "Counter 3 has another officer working");

        assertThatThrownBy(() -> onContext(() -> agent.signIn("officer3", "demo", 3)))
                .rootCause()
                .hasMessage("Quầy 3 đang có cán bộ khác làm việc");
        assertThat(core.openSessions).isEmpty();

        core.signInFailure = null;
        signIn(3);
        assertThat(core.openSessions).containsExactly("officer3");
    }

    @Test
    void signingInAtACounterThisAgentDoesNotServeIsRefused() {
        assertThatThrownBy(() -> onContext(() -> agent.signIn("officer7", "demo", 7)))
                .rootCause()
                .hasMessageContaining("không phục vụ quầy 7");
    }

    @Test
    void theLedShowsTheCalledNumberAndGoesBlankWhenTheCounterPauses() throws Exception {
        core.enqueue("A");
        String session = signIn(3);

        JsonObject called = onContext(() -> agent.act(session, "call-next", new JsonObject()));
        assertThat(called.getJsonObject("desk").getJsonObject("ticket").getString("number"))
                .isEqualTo("A001");
        await(() -> "A001".equals(led3.last()));

        onContext(() -> agent.act(session, "complete", new JsonObject()));
        onContext(() -> agent.act(session, "pause", new JsonObject().put("reason", "Họp")));

        await(() -> "".equals(led3.last()));
        assertThat(led4.shown).doesNotContain("A001");
    }

    @Test
    void pausingWithoutAReasonIsRefused() throws Exception {
        String session = signIn(3);

        assertThatThrownBy(() -> onContext(() -> agent.act(session, "pause", new JsonObject().put("reason", " "))))
                .rootCause()
                .hasMessage("Vui lòng nhập lý do tạm dừng");
    }

    @Test
    void afterCompletionTheKeypadInvitesAndOnePressRatesThatTicketOnce() throws Exception {
        core.enqueue("A");
        String session = signIn(3);
        onContext(() -> agent.act(session, "call-next", new JsonObject()));
        onContext(() -> agent.act(session, "complete", new JsonObject()));
        assertThat(keypad3.invitations).containsExactly("id1");

        keypad3.press(1, 3);
        keypad3.pressFor("id1", 3, 3);

        await(() -> !core.ratings.isEmpty());
        drain(); // the second press was taken in, after the first
        assertThat(core.ratings)
                .containsExactly(new FakeCounterCore.RatingRecord("id1", 1, 3, "sim:keypad#1", "officer3"));
    }

    @Test
    void aPressWithNothingAwaitingARatingIsIgnored() throws Exception {
        core.enqueue("A");
        String session = signIn(3);

        keypad3.press(2, 5);
        keypad3.pressFor("id9", 1, 5);
        drain();

        assertThat(core.ratings).isEmpty();
        onContext(() -> agent.act(session, "call-next", new JsonObject()));
        onContext(() -> agent.act(session, "complete", new JsonObject()));
        keypad3.press(3, 3);
        await(() -> !core.ratings.isEmpty());
        assertThat(core.ratings)
                .containsExactly(new FakeCounterCore.RatingRecord("id1", 3, 3, "sim:keypad#1", "officer3"));
    }

    @Test
    void aKeyOfAUsbHidKeypadReadInThePageRatesTheCompletedTicketThroughTheSamePathAsAnyKeypad() throws Exception {
        core.enqueue("A");
        String session = signIn(5);
        onContext(() -> agent.act(session, "call-next", new JsonObject()));
        JsonObject completed = onContext(() -> agent.act(session, "complete", new JsonObject()));
        JsonObject desk = completed.getJsonObject("desk");
        assertThat(desk.getString("awaitingRating")).isEqualTo("A001");
        assertThat(desk.getJsonArray("keypadKeys").getList()).containsExactly("1", "2", "3");

        JsonObject answer = onContext(() -> agent.keypadKey(session, "2"));
        await(() -> !core.ratings.isEmpty());
        drain();

        assertThat(answer.getBoolean("rating")).isTrue();
        assertThat(core.ratings)
                .containsExactly(new FakeCounterCore.RatingRecord("id1", 2, 3, "keypad:hid/counter5", "officer5"));
        assertThat(agent.deskView(5).getString("awaitingRating")).isNull();
    }

    @Test
    void aCounterWithoutAUsbHidKeypadRefusesItsKeys() throws Exception {
        String session = signIn(3);

        assertThatThrownBy(() -> onContext(() -> agent.keypadKey(session, "1")))
                .rootCause()
                .hasMessageContaining("không dùng bàn phím đánh giá");
    }

    @Test
    void aNumberSeenOnTheEventStreamCanBeCalledByItsPrintedNumber() throws Exception {
        core.enqueue("A");
        var second = core.enqueue("A");
        String session = signIn(3);
        context.runOnContext(v -> core.events.accept(new org.xephang.api.QueueEvent(
                "e1", 2, org.xephang.api.EventType.TICKET_ISSUED, second.issuedAt(), "demo", second, null, null)));
        drain(); // the agent has taken the event in

        JsonObject called = onContext(() -> agent.act(session, "call", new JsonObject().put("number", "a2")));

        assertThat(called.getJsonObject("desk").getJsonObject("ticket").getString("number"))
                .isEqualTo("A002");
    }

    @Test
    void aNumberSeenOnTheEventStreamIsResolvedWithoutAskingTheServer() throws Exception {
        var first = core.enqueue("A");
        String session = signIn(3);
        context.runOnContext(v -> core.events.accept(new org.xephang.api.QueueEvent(
                "e1", 2, org.xephang.api.EventType.TICKET_ISSUED, first.issuedAt(), "demo", first, null, null)));
        onContext(() -> Future.succeededFuture());

        onContext(() -> agent.act(session, "call", new JsonObject().put("number", "A001")));

        assertThat(core.numberLookups).isEmpty();
    }

    @Test
    void aNumberIssuedBeforeTheAgentStartedIsFoundAtTheServer() throws Exception {
        core.enqueue("A");
        core.enqueue("A"); // issued before this agent started: never seen on its event stream
        String session = signIn(3);

        JsonObject called = onContext(() -> agent.act(session, "call", new JsonObject().put("number", "a2")));

        assertThat(called.getJsonObject("desk").getJsonObject("ticket").getString("number"))
                .isEqualTo("A002");
        assertThat(core.numberLookups).containsExactly("A2");
    }

    @Test
    void aNumberTheServerDoesNotKnowEitherIsRefusedSuggestingTheQrCode() throws Exception {
        String session = signIn(3);

        assertThatThrownBy(() -> onContext(() -> agent.act(session, "call", new JsonObject().put("number", "B077"))))
                .rootCause()
                .isInstanceOfSatisfying(QueueError.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_TICKET);
                    assertThat(error.getMessage())
                            .isEqualTo("Không tìm thấy số B077 trong hàng chờ hôm nay. Có thể quét mã QR trên vé.");
                });
        assertThat(core.numberLookups).containsExactly("B077");
    }

    @Test
    void aDossierCodeIsNormalisedBeforeItIsLinked() throws Exception {
        core.enqueue("A");
        String session = signIn(3);
        onContext(() -> agent.act(session, "call-next", new JsonObject()));

        JsonObject answer =
                onContext(() -> agent.act(session, "dossier", new JsonObject().put("code", " h21.65-261122-0001 ")));

        assertThat(answer.getString("message")).contains("H21.65-261122-0001");
        assertThat(core.tickets.get("id1").dossierCode()).isEqualTo("H21.65-261122-0001");
    }

    @Test
    void anUnknownSessionMustSignInAgain() {
        assertThatThrownBy(() -> onContext(() -> agent.act("forged", "call-next", new JsonObject())))
                .rootCause()
                .hasMessageContaining("đăng nhập lại");
    }

    private String signIn(int counter) throws Exception {
        return onContext(() -> agent.signIn("officer" + counter, "demo", counter))
                .getString("session");
    }

    /** Waits until the agent's context has run everything queued so far (keypad presses hop onto it). */
    private void drain() throws Exception {
        onContext(() -> Future.succeededFuture());
    }

    private static void await(BooleanSupplier condition) {
        Poll.until(Duration.ofSeconds(3), "the condition", condition);
    }

    private <T> T onContext(Supplier<Future<T>> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(done -> {
            if (done.succeeded()) {
                result.complete(done.result());
            } else {
                result.completeExceptionally(done.cause());
            }
        }));
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer in 5 s", e);
        }
    }
}
