package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.officer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.core.IssueCommand;
import org.xephang.core.QueueService.Subscription;
import org.xephang.core.testkit.MutableClock;

class QueueEngineTest {

    @TempDir
    Path dir;

    MutableClock clock = MutableClock.at(MONDAY_MORNING);
    QueueEngine engine;

    @BeforeEach
    void open() {
        engine = EngineFixture.open(dir, clock);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    static QueueError refusal(CompletionStage<?> stage) {
        Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueueError.class);
        return (QueueError) thrown.getCause();
    }

    Ticket issue(String service) {
        return await(engine.issue(SITE, new IssueCommand(service, null, null, null), KIOSK))
                .ticket();
    }

    @Test
    void issuedTicketsAreNumberedPerServiceFromOne() {
        assertThat(issue("A").number()).isEqualTo("A001");
        assertThat(issue("A").number()).isEqualTo("A002");
        assertThat(issue("B").number()).isEqualTo("B0001");
    }

    @Test
    void aCalledTicketCarriesItsAnnouncementInTheEvent() {
        List<QueueEvent> events = new CopyOnWriteArrayList<>();
        Subscription subscription = engine.subscribe(SITE, events::add);
        issue("A");
        await(engine.signIn(SITE, 1, officer(1)));

        Ticket called = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();

        assertThat(called.state()).isEqualTo(TicketState.CALLED);
        assertThat(called.counter()).isEqualTo(1);
        QueueEvent event = events.get(events.size() - 1);
        assertThat(event.type()).isEqualTo(EventType.TICKET_CALLED);
        assertThat(event.details().getJsonObject("announcement").getString("text"))
                .contains("quầy số một");
        assertThat(events)
                .extracting(QueueEvent::seq)
                .containsExactly(
                        subscription.snapshot().seq() + 1,
                        subscription.snapshot().seq() + 2,
                        subscription.snapshot().seq() + 3);
        subscription.close();
    }

    @Test
    void unknownServiceIsRefusedWithTheServicesOfTheSite() {
        QueueError error = refusal(engine.issue(SITE, new IssueCommand("Z", null, null, null), KIOSK));

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_SERVICE);
        assertThat(error.getMessage()).contains("A (Hộ tịch)");
    }
}
