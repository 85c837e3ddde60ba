package org.xephang.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;

class TicketRecordTest {

    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

    static TicketRecord waiting() {
        return TicketRecord.issued(
                "id1", "s1", "A", LocalDate.of(2026, 11, 23), 12, "A012", null, "kiosk", 7, 7, T0, null);
    }

    static void assertInvalid(Runnable transition, String message) {
        assertThatThrownBy(transition::run)
                .isInstanceOf(QueueError.class)
                .hasMessage(message)
                .extracting(e -> ((QueueError) e).code())
                .isEqualTo(ErrorCode.INVALID_TRANSITION);
    }

    @Test
    void theHappyPathSetsEveryTimestampAndTheCounter() {
        TicketRecord done = waiting()
                .call(3, "officer3", T0.plusSeconds(60))
                .start(T0.plusSeconds(90))
                .complete(T0.plusSeconds(400));

        assertThat(done.state()).isEqualTo(TicketState.DONE);
        assertThat(done.counter()).isEqualTo(3);
        assertThat(done.officer()).isEqualTo("officer3");
        assertThat(done.calledAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(400));
        assertThat(done.callCount()).isEqualTo(1);
    }

    @Test
    void recallCountsCallsAndKeepsTheFirstCallTime() {
        TicketRecord recalled = waiting().call(3, "officer3", T0).recall().recall();

        assertThat(recalled.callCount()).isEqualTo(3);
        assertThat(recalled.calledAt()).isEqualTo(T0);
        assertThat(recalled.state()).isEqualTo(TicketState.CALLED);
    }

    @Test
    void completingACalledTicketCountsTheServiceFromTheCall() {
        TicketRecord done = waiting().call(3, "officer3", T0).complete(T0.plusSeconds(300));

        assertThat(done.startedAt()).isEqualTo(T0);
    }

    @Test
    void aNoShowMayBeCalledAgainAndCountsTheCall() {
        TicketRecord again =
                waiting().call(3, "officer3", T0).noShow(T0.plusSeconds(120)).call(4, "officer4", T0.plusSeconds(600));

        assertThat(again.state()).isEqualTo(TicketState.CALLED);
        assertThat(again.counter()).isEqualTo(4);
        assertThat(again.callCount()).isEqualTo(2);
        assertThat(again.finishedAt()).isNull();
    }

    @Test
    void aNoShowMayBeRequeuedKeepingItsNumber() {
        TicketRecord requeued = waiting().call(3, "officer3", T0).noShow(T0).transfer("A", null, 99);

        assertThat(requeued.state()).isEqualTo(TicketState.WAITING);
        assertThat(requeued.number()).isEqualTo("A012");
        assertThat(requeued.queueKey()).isEqualTo(99);
        assertThat(requeued.counter()).isNull();
    }

    @Test
    void transferToAnotherServiceKeepsTheNumberAndIssueOrder() {
        TicketRecord moved = waiting().call(3, "officer3", T0).start(T0).transfer("C", null, -1);

        assertThat(moved.number()).isEqualTo("A012");
        assertThat(moved.service()).isEqualTo("C");
        assertThat(moved.issueOrder()).isEqualTo(7);
        assertThat(moved.state()).isEqualTo(TicketState.WAITING);
        assertThat(moved.startedAt()).isNull();
    }

    @Test
    void aTicketTransferredToACounterIsCalledOnlyThere() {
        TicketRecord moved = waiting().transfer("A", 5, 100);

        assertInvalid(() -> moved.call(4, "officer4", T0), "Vé A012 đã được chuyển đến quầy 5, chỉ quầy đó được gọi.");
        assertThat(moved.call(5, "officer5", T0).counter()).isEqualTo(5);
    }

    @Test
    void invalidTransitionsAreRefusedWithAVietnameseMessage() {
        TicketRecord waiting = waiting();
        TicketRecord done = waiting.call(1, "o", T0).complete(T0);
        TicketRecord cancelled = waiting.cancel(T0);

        assertInvalid(() -> waiting.start(T0), "Không thể bắt đầu phục vụ vé A012 vì vé đang chờ.");
        assertInvalid(waiting::recall, "Không thể gọi lại vé A012 vì vé đang chờ.");
        assertInvalid(() -> waiting.noShow(T0), "Không thể đánh dấu vắng mặt vé A012 vì vé đang chờ.");
        assertInvalid(() -> done.call(1, "o", T0), "Không thể gọi vé A012 vì vé đã hoàn thành.");
        assertInvalid(() -> done.cancel(T0), "Không thể hủy vé A012 vì vé đã hoàn thành.");
        assertInvalid(() -> cancelled.transfer("A", null, 1), "Không thể chuyển vé A012 vì vé đã hủy.");
        assertInvalid(
                () -> waiting.call(1, "o", T0).start(T0).start(T0),
                "Không thể bắt đầu phục vụ vé A012 vì vé đang được phục vụ.");
    }

    @Test
    void aTicketIsRatedOnceAndOnlyAfterReachingACounter() {
        assertInvalid(() -> waiting().rate(), "Không thể đánh giá vé A012 vì vé đang chờ.");
        TicketRecord rated = waiting().call(1, "o", T0).complete(T0).rate();

        assertThat(rated.rated()).isTrue();
        assertThatThrownBy(rated::rate)
                .isInstanceOf(QueueError.class)
                .extracting(e -> ((QueueError) e).code())
                .isEqualTo(ErrorCode.ALREADY_RATED);
    }

    @Test
    void aDossierIsLinkedOnlyOnceTheTicketReachedACounter() {
        assertInvalid(() -> waiting().linkDossier("X"), "Không thể gắn mã hồ sơ vé A012 vì vé đang chờ.");
        assertThat(waiting()
                        .call(1, "o", T0)
                        .complete(T0)
                        .linkDossier("H21.65-261123-0001")
                        .dossierCode())
                .isEqualTo("H21.65-261123-0001");
    }

    @Test
    void theApiViewShowsWaitingFiguresOnlyWhileWaiting() {
        Ticket waitingView = waiting().toApi(3, 600L, "http://x/t/id1");
        Ticket calledView = waiting().call(2, "o", T0).toApi(3, 600L, "http://x/t/id1");

        assertThat(waitingView.waitingAhead()).isEqualTo(3);
        assertThat(waitingView.estimatedWaitSeconds()).isEqualTo(600L);
        assertThat(calledView.waitingAhead()).isNull();
        assertThat(calledView.estimatedWaitSeconds()).isNull();
        assertThat(calledView.counter()).isEqualTo(2);
    }
}
