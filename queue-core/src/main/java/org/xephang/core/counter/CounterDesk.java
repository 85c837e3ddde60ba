package org.xephang.core.counter;

import java.time.Instant;
import java.util.Objects;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * A counter's live state: CLOSED (nobody signed in), OPEN (an officer signed in), PAUSED (with a reason and the instant
 * the pause began), the officer and the one ticket it holds (CALLED or SERVING), if any. Immutable; every change returns
 * a new desk or throws {@link QueueError} with a Vietnamese message and changes nothing.
 *
 * @param pausedAt when the pause began (PAUSED only; null otherwise, or when a stored pause's start is unknown)
 */
public record CounterDesk(
        int number, CounterState state, String pauseReason, Instant pausedAt, String officer, String ticketId) {

    public CounterDesk {
        Objects.requireNonNull(state, "state");
    }

    public static CounterDesk closed(int number) {
        return new CounterDesk(number, CounterState.CLOSED, null, null, null, null);
    }

    /** An officer signs in; the same officer again changes nothing; another officer's counter is refused. */
    public CounterDesk signIn(String username) {
        if (officer != null && !officer.equals(username)) {
            throw new QueueError(
                    ErrorCode.COUNTER_BUSY,
                    "Quầy " + number + " đang có cán bộ " + officer + " làm việc. Cán bộ đó cần đăng xuất trước.",
                    "Counter " + number + " has officer " + officer + " working. That officer must sign out first.");
        }
        if (officer != null) {
            return this;
        }
        return new CounterDesk(number, CounterState.OPEN, null, null, username, ticketId);
    }

    /** The officer leaves; refused while the counter holds a ticket, so no ticket is left without a counter. */
    public CounterDesk signOut() {
        if (state == CounterState.CLOSED) {
            throw new QueueError(
                    ErrorCode.INVALID_TRANSITION,
                    "Quầy " + number + " chưa có cán bộ đăng nhập.",
                    "No officer is signed in at counter " + number + ".");
        }
        requireNoTicket("đăng xuất");
        return new CounterDesk(number, CounterState.CLOSED, null, null, null, null);
    }

    /** OPEN → PAUSED at {@code now}; the reason is mandatory (shown on the board). */
    public CounterDesk pause(String reason, Instant now) {
        Objects.requireNonNull(now, "now");
        if (reason == null || reason.isBlank()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cần nhập lý do tạm dừng quầy " + number + ".",
                    "Please enter the reason for pausing counter " + number + ".");
        }
        if (state != CounterState.OPEN) {
            throw new QueueError(
                    ErrorCode.INVALID_TRANSITION,
                    "Quầy " + number + " " + describe() + ", không thể tạm dừng.",
                    "Counter " + number + " " + describeEn() + "; it cannot pause.");
        }
        return new CounterDesk(number, CounterState.PAUSED, reason.strip(), now, officer, ticketId);
    }

    /** PAUSED → OPEN. */
    public CounterDesk resume() {
        if (state != CounterState.PAUSED) {
            throw new QueueError(
                    ErrorCode.INVALID_TRANSITION,
                    "Quầy " + number + " " + describe() + ", không cần tiếp tục.",
                    "Counter " + number + " " + describeEn() + "; there is nothing to resume.");
        }
        return new CounterDesk(number, CounterState.OPEN, null, null, officer, ticketId);
    }

    /** Checks that the counter may call a ticket: OPEN and holding none. */
    public void requireCanCall() {
        if (state != CounterState.OPEN) {
            throw new QueueError(
                    ErrorCode.INVALID_TRANSITION,
                    "Quầy " + number + " " + describe() + ", không thể gọi số.",
                    "Counter " + number + " " + describeEn() + "; it cannot call a number.");
        }
        requireNoTicket("gọi số mới");
    }

    /** The counter now holds this ticket (CALLED or SERVING). */
    public CounterDesk hold(String newTicketId) {
        Objects.requireNonNull(newTicketId, "ticketId");
        return new CounterDesk(number, state, pauseReason, pausedAt, officer, newTicketId);
    }

    /** The counter's ticket left it (done, no-show, cancelled, transferred). */
    public CounterDesk release() {
        return new CounterDesk(number, state, pauseReason, pausedAt, officer, null);
    }

    private void requireNoTicket(String action) {
        if (ticketId != null) {
            throw new QueueError(
                    ErrorCode.COUNTER_BUSY,
                    "Quầy " + number + " đang phục vụ một vé. Hãy hoàn thành, bỏ qua hoặc chuyển vé đó trước khi "
                            + action + ".",
                    "Counter " + number + " is serving a ticket. Finish, skip or transfer that ticket before you "
                            + ACTIONS_EN.getOrDefault(action, action) + ".");
        }
    }

    /** The English of the actions of {@link #requireNoTicket}. */
    private static final java.util.Map<String, String> ACTIONS_EN =
            java.util.Map.of("đăng xuất", "signing out", "gọi số mới", "calling a new number");

    private String describeEn() {
        return switch (state) {
            case OPEN -> "is open";
            case PAUSED -> "is paused (" + pauseReason + ")";
            case CLOSED -> "has no officer signed in";
        };
    }

    private String describe() {
        return switch (state) {
            case OPEN -> "đang mở";
            case PAUSED -> "đang tạm dừng (" + pauseReason + ")";
            case CLOSED -> "chưa có cán bộ đăng nhập";
        };
    }
}
