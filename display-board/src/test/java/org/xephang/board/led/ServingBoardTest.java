package org.xephang.board.led;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xephang.api.EventType;
import org.xephang.api.TicketState;

class ServingBoardTest {

    private final LedEvents events = new LedEvents();
    private final ServingBoard board = new ServingBoard();

    @Test
    void aSnapshotGivesEachCounterItsTicketAndTheCallOrder() {
        board.reset(events.snapshot());

        assertThat(board.numberAt(1)).contains("A001");
        assertThat(board.numberAt(2)).contains("B002");
        assertThat(board.numberAt(3)).isEmpty();
        assertThat(board.newestFirst(6))
                .extracting(ServingBoard.Serving::number)
                .containsExactly("A001", "B002");
    }

    @Test
    void aCallPutsItsCounterFirstAndACompletionFreesTheCounter() {
        board.reset(events.snapshot());

        assertThat(board.apply(events.call("A003", 3))).isTrue();
        assertThat(board.newestFirst(2))
                .extracting(ServingBoard.Serving::counter)
                .containsExactly(3, 1);

        assertThat(board.apply(events.complete("A001", 1))).isTrue();
        assertThat(board.numberAt(1)).isEmpty();
        assertThat(board.newestFirst(6))
                .extracting(ServingBoard.Serving::number)
                .containsExactly("A003", "B002");
    }

    @Test
    void aTicketCalledToAnotherCounterLeavesTheFirstOne() {
        board.reset(events.snapshot());

        board.apply(events.call("B002", 3));

        assertThat(board.numberAt(2)).isEmpty();
        assertThat(board.numberAt(3)).contains("B002");
    }

    @Test
    void eventsThatDoNotChangeWhatIsServedChangeNothing() {
        board.reset(events.snapshot());

        assertThat(board.apply(events.event(
                        EventType.TICKET_ISSUED, LedEvents.ticket("A009", TicketState.WAITING, null), null)))
                .isFalse();
        assertThat(board.apply(events.complete("Z999", 5))).isFalse();
    }
}
