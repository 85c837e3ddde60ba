package org.xephang.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;

class CrashAuditTest {

    private final CrashLedger ledger = new CrashLedger();
    private final Map<String, Ticket> server = new HashMap<>();

    private CrashAudit.Result audit() {
        return CrashAudit.check(ledger, id -> Optional.ofNullable(server.get(id)));
    }

    private void onServer(String id, String number, TicketState state, Integer counter) {
        server.put(
                id,
                new Ticket(
                        id,
                        "s001",
                        number,
                        "A",
                        null,
                        "kiosk",
                        state,
                        Instant.EPOCH,
                        null,
                        null,
                        null,
                        counter,
                        0,
                        null,
                        null,
                        null,
                        null));
    }

    @Test
    void everyAcknowledgedTicketInItsAcknowledgedStateIsClean() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.issued("k2", "t2", "s001", "A0002");
        ledger.called("t1", "s001", "A0001", 3);
        ledger.acknowledged("t1", TicketState.SERVING);
        onServer("t1", "A0001", TicketState.SERVING, 3);
        onServer("t2", "A0002", TicketState.WAITING, null);

        CrashAudit.Result result = audit();

        assertThat(result.clean()).isTrue();
        assertThat(result.line()).isEqualTo("lost=0 duplicates=0 double_calls=0");
        assertThat(result.checked()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedTicketMissingAfterRestartIsLost() {
        ledger.issued("k1", "t1", "s001", "A0001");

        CrashAudit.Result result = audit();

        assertThat(result.lost()).singleElement().asString().contains("A0001").contains("missing");
    }

    @Test
    void aTicketBackInAnEarlierStateThanAcknowledgedIsLost() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.called("t1", "s001", "A0001", 2);
        ledger.acknowledged("t1", TicketState.DONE);
        onServer("t1", "A0001", TicketState.SERVING, 2);

        assertThat(audit().lost()).singleElement().asString().contains("acknowledged DONE@2 but is SERVING@2");
    }

    @Test
    void anUnansweredOperationMayOrMayNotHaveHappened() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.called("t1", "s001", "A0001", 2);
        ledger.sent("t1", CrashLedger.Pending.START);
        onServer("t1", "A0001", TicketState.SERVING, 2);
        assertThat(audit().clean()).isTrue();

        onServer("t1", "A0001", TicketState.CALLED, 2);
        assertThat(audit().clean()).isTrue();

        onServer("t1", "A0001", TicketState.DONE, 2);
        assertThat(audit().lost()).hasSize(1);
    }

    @Test
    void aWaitingTicketMayHaveBeenCalledOnlyByACounterWhoseCallGotNoAnswer() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.callInDoubt("s001", 4);

        onServer("t1", "A0001", TicketState.CALLED, 4);
        assertThat(audit().clean()).isTrue();

        onServer("t1", "A0001", TicketState.CALLED, 5);
        assertThat(audit().lost()).hasSize(1);
    }

    @Test
    void twoTicketsWithOneNumberAreDuplicates() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.issued("k2", "t2", "s001", "A0001");
        onServer("t1", "A0001", TicketState.WAITING, null);
        onServer("t2", "A0001", TicketState.WAITING, null);

        assertThat(audit().duplicates()).singleElement().asString().contains("s001/A0001");
    }

    @Test
    void anIdempotencyKeyAnsweredWithTwoTicketsIsADuplicate() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.issued("k1", "t2", "s001", "A0002");
        onServer("t1", "A0001", TicketState.WAITING, null);
        onServer("t2", "A0002", TicketState.WAITING, null);

        assertThat(audit().duplicates()).anySatisfy(d -> assertThat(d).contains("key k1"));
    }

    @Test
    void aTicketCalledByTwoCountersIsADoubleCall() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.called("t1", "s001", "A0001", 1);
        ledger.called("t1", "s001", "A0001", 2);
        onServer("t1", "A0001", TicketState.CALLED, 2);

        assertThat(audit().doubleCalls())
                .singleElement()
                .asString()
                .contains("t1")
                .contains("[1, 2]");
    }

    @Test
    void aCounterHoldingTwoTicketsIsADoubleCall() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.issued("k2", "t2", "s001", "A0002");
        ledger.callInDoubt("s001", 7);
        onServer("t1", "A0001", TicketState.CALLED, 7);
        onServer("t2", "A0002", TicketState.CALLED, 7);

        assertThat(audit().doubleCalls()).singleElement().asString().contains("counter s001/7 holds both");
    }

    @Test
    void findingAnInDoubtCallAtItsCounterAfterRestartCountsAsThatCountersOnlyCall() {
        ledger.issued("k1", "t1", "s001", "A0001");
        ledger.callInDoubt("s001", 4);
        ledger.foundAtCounter("t1", "s001", "A0001", 4, TicketState.CALLED);
        ledger.foundAtCounter("t1", "s001", "A0001", 4, TicketState.CALLED);
        onServer("t1", "A0001", TicketState.CALLED, 4);

        assertThat(audit().clean()).isTrue();
    }
}
