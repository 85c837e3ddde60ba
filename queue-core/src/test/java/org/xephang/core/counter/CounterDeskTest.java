package org.xephang.core.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

class CounterDeskTest {

    private static final Instant AT = Instant.parse("2026-03-02T02:15:00Z");

    static void assertRefused(Runnable action, ErrorCode code, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOf(QueueError.class)
                .hasMessageContaining(message)
                .extracting(e -> ((QueueError) e).code())
                .isEqualTo(code);
    }

    @Test
    void signingInOpensTheCounterForThatOfficer() {
        CounterDesk desk = CounterDesk.closed(3).signIn("officer3");

        assertThat(desk.state()).isEqualTo(CounterState.OPEN);
        assertThat(desk.officer()).isEqualTo("officer3");
    }

    @Test
    void anotherOfficerCannotSignInAtAnOccupiedCounter() {
        CounterDesk desk = CounterDesk.closed(3).signIn("officer3");

        assertRefused(() -> desk.signIn("officer4"), ErrorCode.COUNTER_BUSY, "đang có cán bộ officer3");
        assertThat(desk.signIn("officer3")).isEqualTo(desk);
    }

    @Test
    void pauseNeedsAReasonAndAnOpenCounter() {
        CounterDesk open = CounterDesk.closed(3).signIn("officer3");

        assertRefused(() -> open.pause("  ", AT), ErrorCode.INVALID_REQUEST, "Cần nhập lý do tạm dừng quầy 3.");
        assertRefused(() -> CounterDesk.closed(3).pause("họp", AT), ErrorCode.INVALID_TRANSITION, "chưa có cán bộ");
        CounterDesk paused = open.pause(" Họp giao ban ", AT);
        assertThat(paused.state()).isEqualTo(CounterState.PAUSED);
        assertThat(paused.pauseReason()).isEqualTo("Họp giao ban");
        assertThat(paused.pausedAt()).isEqualTo(AT);
        assertThat(paused.hold("t1").release().pausedAt()).isEqualTo(AT);
        assertRefused(() -> paused.pause("x", AT), ErrorCode.INVALID_TRANSITION, "đang tạm dừng (Họp giao ban)");
    }

    @Test
    void resumeReopensAPausedCounterOnly() {
        CounterDesk paused = CounterDesk.closed(3).signIn("officer3").pause("Nghỉ giải lao", AT);

        assertThat(paused.resume().state()).isEqualTo(CounterState.OPEN);
        assertThat(paused.resume().pauseReason()).isNull();
        assertThat(paused.resume().pausedAt()).isNull();
        assertRefused(() -> paused.resume().resume(), ErrorCode.INVALID_TRANSITION, "không cần tiếp tục");
    }

    @Test
    void aCounterHoldsAtMostOneTicket() {
        CounterDesk holding = CounterDesk.closed(3).signIn("officer3").hold("t1");

        assertRefused(holding::requireCanCall, ErrorCode.COUNTER_BUSY, "đang phục vụ một vé");
        holding.release().requireCanCall();
    }

    @Test
    void aPausedOrClosedCounterCannotCall() {
        assertRefused(CounterDesk.closed(3)::requireCanCall, ErrorCode.INVALID_TRANSITION, "không thể gọi số");
        assertRefused(
                CounterDesk.closed(3).signIn("o").pause("Họp", AT)::requireCanCall,
                ErrorCode.INVALID_TRANSITION,
                "đang tạm dừng");
    }

    @Test
    void signingOutIsRefusedWhileHoldingATicket() {
        CounterDesk holding = CounterDesk.closed(3).signIn("officer3").hold("t1");

        assertRefused(holding::signOut, ErrorCode.COUNTER_BUSY, "trước khi đăng xuất");
        CounterDesk closed = holding.release().signOut();
        assertThat(closed.state()).isEqualTo(CounterState.CLOSED);
        assertThat(closed.officer()).isNull();
    }
}
