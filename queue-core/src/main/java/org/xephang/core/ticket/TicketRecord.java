package org.xephang.core.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;

/**
 * A ticket as the server keeps it, with the state machine of docs/architecture.md §6.5. Immutable: every transition returns
 * a new record, or throws {@link QueueError} {@code INVALID_TRANSITION} with a Vietnamese message and changes nothing.
 *
 * <pre>
 * WAITING ──call──▶ CALLED ──start──▶ SERVING ──complete──▶ DONE
 *                    │ ↺ recall (call count + 1)
 *                    ├──no-show──▶ NO_SHOW ──call──▶ CALLED, or ──transfer (re-queue)──▶ WAITING
 *                    └──complete──▶ DONE (started = called: the officer skipped "Bắt đầu")
 * WAITING, CALLED, SERVING, NO_SHOW ──cancel──▶ CANCELLED
 * WAITING, CALLED, SERVING, NO_SHOW ──transfer──▶ WAITING (other service or counter, same number)
 * </pre>
 *
 * @param localDay the site's local day of issue: numbers are unique per (site, service, localDay)
 * @param sequence the number within the day (12 for A012)
 * @param issueOrder the site-wide server sequence of issue: "issue order" of docs/architecture.md §6.4, never a clock
 * @param queueKey the position in its queue, increasing with issue order; a transfer to the front gives a key smaller
 *     than every other, to the back one larger than every other
 * @param assignedCounter the counter the ticket was transferred to (only that counter calls it), or null
 * @param counter the counter that called or served it, or null
 * @param officer the username of the officer who called or served it, or null
 * @param rated whether a rating was recorded (one per ticket)
 */
public record TicketRecord(
        String id,
        String site,
        String service,
        LocalDate localDay,
        int sequence,
        String number,
        String priority,
        String channel,
        TicketState state,
        long issueOrder,
        long queueKey,
        Integer assignedCounter,
        Integer counter,
        String officer,
        int callCount,
        Instant issuedAt,
        Instant calledAt,
        Instant startedAt,
        Instant finishedAt,
        String dossierCode,
        String idempotencyKey,
        boolean rated) {

    private static final Map<TicketState, String> STATE_NAMES = Map.of(
            TicketState.WAITING, "đang chờ",
            TicketState.CALLED, "đã được gọi",
            TicketState.SERVING, "đang được phục vụ",
            TicketState.DONE, "đã hoàn thành",
            TicketState.NO_SHOW, "vắng mặt",
            TicketState.CANCELLED, "đã hủy");

    /** The English of {@link #STATE_NAMES}, after "the ticket". */
    private static final Map<TicketState, String> STATE_NAMES_EN = Map.of(
            TicketState.WAITING, "is waiting",
            TicketState.CALLED, "has been called",
            TicketState.SERVING, "is being served",
            TicketState.DONE, "is finished",
            TicketState.NO_SHOW, "was a no-show",
            TicketState.CANCELLED, "is cancelled");

    /** The English of the actions named in refusals ("gọi" → "call"). */
    private static final Map<String, String> ACTIONS_EN = Map.of(
            "gọi", "call",
            "gọi lại", "recall",
            "bắt đầu phục vụ", "start serving",
            "hoàn thành", "finish",
            "đánh dấu vắng mặt", "mark as a no-show",
            "hủy", "cancel",
            "chuyển", "transfer",
            "gắn mã hồ sơ", "attach a dossier code to",
            "đánh giá", "rate");

    public TicketRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(localDay, "localDay");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** A new WAITING ticket. */
    public static TicketRecord issued(
            String id,
            String site,
            String service,
            LocalDate localDay,
            int sequence,
            String number,
            String priority,
            String channel,
            long issueOrder,
            long queueKey,
            Instant at,
            String idempotencyKey) {
        return new TicketRecord(
                id,
                site,
                service,
                localDay,
                sequence,
                number,
                priority,
                channel,
                TicketState.WAITING,
                issueOrder,
                queueKey,
                null,
                null,
                null,
                0,
                at,
                null,
                null,
                null,
                null,
                idempotencyKey,
                false);
    }

    /** The Vietnamese name of a state, for messages ("đang chờ", "đã hoàn thành", …). */
    public static String stateName(TicketState state) {
        return STATE_NAMES.get(state);
    }

    public boolean isPriority() {
        return priority != null;
    }

    /** WAITING or NO_SHOW → CALLED at a counter; the call count goes up by one. */
    public TicketRecord call(int atCounter, String byOfficer, Instant at) {
        require("gọi", TicketState.WAITING, TicketState.NO_SHOW);
        if (assignedCounter != null && assignedCounter != atCounter) {
            throw new QueueError(
                    ErrorCode.INVALID_TRANSITION,
                    "Vé " + number + " đã được chuyển đến quầy " + assignedCounter + ", chỉ quầy đó được gọi.",
                    "Ticket " + number + " was transferred to counter " + assignedCounter
                            + "; only that counter may call it.");
        }
        Draft d = new Draft(this);
        d.state = TicketState.CALLED;
        d.assignedCounter = null;
        d.counter = atCounter;
        d.officer = byOfficer;
        d.callCount = callCount + 1;
        d.calledAt = at;
        d.startedAt = null;
        d.finishedAt = null;
        return d.build();
    }

    /** CALLED → CALLED again (Gọi lại): the call count goes up; the call time stays the first call's. */
    public TicketRecord recall() {
        require("gọi lại", TicketState.CALLED);
        return withState(state, callCount + 1, startedAt, finishedAt);
    }

    /** CALLED → SERVING (Bắt đầu). */
    public TicketRecord start(Instant at) {
        require("bắt đầu phục vụ", TicketState.CALLED);
        return withState(TicketState.SERVING, callCount, at, null);
    }

    /**
     * SERVING → DONE (Hoàn thành). Also CALLED → DONE when the officer skipped "Bắt đầu": the start time is then the call
     * time, so the service time covers the walk to the counter.
     */
    public TicketRecord complete(Instant at) {
        require("hoàn thành", TicketState.SERVING, TicketState.CALLED);
        Instant started = startedAt == null ? calledAt : startedAt;
        return withState(TicketState.DONE, callCount, started, at);
    }

    /** CALLED → NO_SHOW (Bỏ qua): the citizen did not come; an officer may call or re-queue the ticket later. */
    public TicketRecord noShow(Instant at) {
        require("đánh dấu vắng mặt", TicketState.CALLED);
        return withState(TicketState.NO_SHOW, callCount, null, at);
    }

    /** Any open state → CANCELLED. */
    public TicketRecord cancel(Instant at) {
        require("hủy", TicketState.WAITING, TicketState.CALLED, TicketState.SERVING, TicketState.NO_SHOW);
        return withState(TicketState.CANCELLED, callCount, startedAt, at);
    }

    /**
     * WAITING, CALLED, SERVING or NO_SHOW → WAITING in another queue (Chuyển quầy / Chuyển lĩnh vực, or re-queue after a
     * no-show), keeping the number.
     *
     * @param toService the new service (the same one for a counter transfer or a re-queue)
     * @param toCounter the counter that alone may call it, or null for the service's common queue
     * @param newQueueKey the new position (see {@link #queueKey()})
     */
    public TicketRecord transfer(String toService, Integer toCounter, long newQueueKey) {
        require("chuyển", TicketState.WAITING, TicketState.CALLED, TicketState.SERVING, TicketState.NO_SHOW);
        Draft d = new Draft(this);
        d.service = toService;
        d.state = TicketState.WAITING;
        d.queueKey = newQueueKey;
        d.assignedCounter = toCounter;
        d.counter = null;
        d.officer = null;
        d.calledAt = null;
        d.startedAt = null;
        d.finishedAt = null;
        return d.build();
    }

    /**
     * The same ticket one place further back in the queue's order: room was made for an offline ticket tapped before it
     * (docs/adr/0029-offline-issuing.md).
     */
    public TicketRecord withQueueKey(long newQueueKey) {
        Draft d = new Draft(this);
        d.queueKey = newQueueKey;
        return d.build();
    }

    /** Links a dossier code (already normalised) to a ticket that reached a counter (CALLED, SERVING or DONE). */
    public TicketRecord linkDossier(String code) {
        require("gắn mã hồ sơ", TicketState.CALLED, TicketState.SERVING, TicketState.DONE);
        Draft d = new Draft(this);
        d.dossierCode = code;
        return d.build();
    }

    /** Marks the ticket rated; only once, and only after it reached a counter. */
    public TicketRecord rate() {
        if (rated) {
            throw new QueueError(
                    ErrorCode.ALREADY_RATED,
                    "Vé " + number + " đã được đánh giá. Xin cảm ơn!",
                    "Ticket " + number + " has already been rated. Thank you!");
        }
        require("đánh giá", TicketState.CALLED, TicketState.SERVING, TicketState.DONE);
        Draft d = new Draft(this);
        d.rated = true;
        return d.build();
    }

    /** The API view; {@code waitingAhead} and {@code estimatedWaitSeconds} only for a WAITING ticket. */
    public Ticket toApi(Integer waitingAhead, Long estimatedWaitSeconds, String statusUrl) {
        boolean waiting = state == TicketState.WAITING;
        return new Ticket(
                id,
                site,
                number,
                service,
                priority,
                channel,
                state,
                issuedAt,
                calledAt,
                startedAt,
                finishedAt,
                waiting ? assignedCounter : counter,
                callCount,
                waiting ? waitingAhead : null,
                waiting ? estimatedWaitSeconds : null,
                statusUrl,
                dossierCode);
    }

    private void require(String action, TicketState... allowed) {
        for (TicketState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new QueueError(
                ErrorCode.INVALID_TRANSITION,
                "Không thể " + action + " vé " + number + " vì vé " + stateName(state) + ".",
                "Cannot " + ACTIONS_EN.getOrDefault(action, action) + " ticket " + number + " because the ticket "
                        + STATE_NAMES_EN.get(state) + ".");
    }

    private TicketRecord withState(TicketState newState, int newCallCount, Instant started, Instant finished) {
        Draft d = new Draft(this);
        d.state = newState;
        d.callCount = newCallCount;
        d.startedAt = started;
        d.finishedAt = finished;
        return d.build();
    }

    /** A mutable copy for building the next record of a transition; only the changed fields are set. */
    private static final class Draft {
        private final TicketRecord from;
        String service;
        TicketState state;
        long queueKey;
        Integer assignedCounter;
        Integer counter;
        String officer;
        int callCount;
        Instant calledAt;
        Instant startedAt;
        Instant finishedAt;
        String dossierCode;
        boolean rated;

        Draft(TicketRecord from) {
            this.from = from;
            service = from.service;
            state = from.state;
            queueKey = from.queueKey;
            assignedCounter = from.assignedCounter;
            counter = from.counter;
            officer = from.officer;
            callCount = from.callCount;
            calledAt = from.calledAt;
            startedAt = from.startedAt;
            finishedAt = from.finishedAt;
            dossierCode = from.dossierCode;
            rated = from.rated;
        }

        TicketRecord build() {
            return new TicketRecord(
                    from.id,
                    from.site,
                    service,
                    from.localDay,
                    from.sequence,
                    from.number,
                    from.priority,
                    from.channel,
                    state,
                    from.issueOrder,
                    queueKey,
                    assignedCounter,
                    counter,
                    officer,
                    callCount,
                    from.issuedAt,
                    calledAt,
                    startedAt,
                    finishedAt,
                    dossierCode,
                    from.idempotencyKey,
                    rated);
        }
    }
}
