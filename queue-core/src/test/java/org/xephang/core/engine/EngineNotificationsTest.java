package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.officer;
import static org.xephang.core.engine.QueueEngineTest.await;
import static org.xephang.core.engine.QueueEngineTest.refusal;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.Ticket;
import org.xephang.core.IssueCommand;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.NotificationStore.Message;
import org.xephang.testkit.MutableClock;

/**
 * The engine records "sắp đến lượt" and "mời đến quầy" in the write group of the change that made them due: once
 * per ticket and kind, across a restart too; recalls and later changes add nothing; numbers go at the end of the day.
 */
class EngineNotificationsTest {

    private static final String YAML = EngineFixture.YAML.replace(
            "    ticketCutoffMinutes: 15\n",
            "    ticketCutoffMinutes: 15\n    notifications: { provider: sms, nearPosition: 2, nearMinutes: 0 }\n");
    private static final PhoneNumber PHONE = PhoneNumber.require("0912345678");

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(MONDAY_MORNING);
    private QueueEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private QueueEngine open() {
        engine = QueueEngine.open(EngineFixture.config(YAML), dir, clock, new EngineOptions(false, "http://q.test"));
        return engine;
    }

    private Ticket issue() {
        return await(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK))
                .ticket();
    }

    /** Counter 1 calls and completes the next ticket. */
    private void callNext() {
        Ticket next = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
        await(engine.complete(next.id(), officer(1)));
    }

    private List<Message> messages() throws Exception {
        return engine.notificationOutbox().due(clock.instant().plus(Duration.ofDays(1)), 100);
    }

    @Test
    void aSubscribedTicketIsOwedNearTurnOnceNearAndCalledOnceCalledAcrossARestart() throws Exception {
        open();
        AtomicInteger woken = new AtomicInteger();
        engine.onNotificationsDue(woken::incrementAndGet);
        await(engine.signIn(SITE, 1, officer(1)));
        issue();
        issue();
        issue();
        Ticket mine = issue(); // position 4
        await(engine.subscribeNotifications(mine.id(), PHONE));
        assertThat(messages()).isEmpty();

        callNext(); // position 3
        assertThat(messages()).isEmpty();
        callNext(); // position 2: near
        assertThat(messages()).extracting(Message::id).containsExactly(mine.id() + ":near-turn");
        assertThat(woken).hasValue(1);
        JsonObject near = new JsonObject(messages().get(0).payload());
        assertThat(near.getString("ticketNumber")).isEqualTo(mine.number());
        assertThat(near.getInteger("position")).isEqualTo(2);
        assertThat(messages().get(0).phone()).isEqualTo("0912345678");
        assertThat(messages().get(0).provider()).isEqualTo("sms");

        engine.close();
        open(); // a restart: the near message stays recorded, not recorded again
        callNext(); // position 1
        assertThat(messages()).hasSize(1);

        await(engine.callNext(SITE, 1, officer(1))).orElseThrow(); // mine is called
        await(engine.recall(mine.id(), officer(1)));
        assertThat(messages())
                .extracting(Message::id)
                .containsExactlyInAnyOrder(mine.id() + ":near-turn", mine.id() + ":called");
        Message called = messages().stream()
                .filter(m -> m.kind().equals("called"))
                .findFirst()
                .orElseThrow();
        assertThat(new JsonObject(called.payload()).getString("counter")).isEqualTo("1");

        engine.close();
        open();
        await(engine.complete(mine.id(), officer(1)));
        assertThat(messages()).hasSize(2);
    }

    @Test
    void aTicketAlreadyNearWhenSubscribedIsOwedItsMessageAtOnce() throws Exception {
        open();
        Ticket mine = issue();
        await(engine.subscribeNotifications(mine.id(), PHONE));
        assertThat(messages()).extracting(Message::id).containsExactly(mine.id() + ":near-turn");
    }

    @Test
    void onlyAWaitingTicketOfASiteThatSendsMessagesTakesANumber() throws Exception {
        open();
        await(engine.signIn(SITE, 1, officer(1)));
        Ticket called = issue();
        await(engine.callNext(SITE, 1, officer(1)));
        assertThat(refusal(engine.subscribeNotifications(called.id(), PHONE)).code())
                .isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(refusal(engine.subscribeNotifications("no-such-ticket", PHONE))
                        .code())
                .isEqualTo(ErrorCode.UNKNOWN_TICKET);

        engine.close();
        engine = EngineFixture.open(dir, clock); // the same database, notifications off
        Ticket other = issue();
        assertThat(refusal(engine.subscribeNotifications(other.id(), PHONE)).code())
                .isEqualTo(ErrorCode.CONFLICT);
    }
}
