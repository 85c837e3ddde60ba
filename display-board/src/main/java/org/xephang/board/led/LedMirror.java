package org.xephang.board.led;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.device.led.LedDisplay;
import org.xephang.device.led.LedFrame;
import org.xephang.device.led.LedSummaryBoard;

/**
 * Mirrors a site's calls to LED devices: each counter display shows the number its counter is serving (blank when
 * none), and the wall summary board shows the counters most recently called, newest first ({@code 05 A1023}). Fed by
 * an event stream's {@code onSnapshot}/{@code onEvent}; writes happen on the given executor, never on the caller's
 * thread. Callbacks must come from one thread at a time (an event stream's context).
 */
public final class LedMirror {

    private final Map<Integer, LedDisplay> counterDisplays;
    private final LedSummaryBoard summary;
    private final FrameWriter writer;
    private final ServingBoard board = new ServingBoard();

    /**
     * @param counterDisplays the display of each counter (by counter number)
     * @param summary the wall summary board, or null
     * @param blockingExecutor a single-threaded executor for the blocking device writes
     */
    public LedMirror(Map<Integer, LedDisplay> counterDisplays, LedSummaryBoard summary, Executor blockingExecutor) {
        this.counterDisplays = Map.copyOf(counterDisplays);
        this.summary = summary;
        this.writer = new FrameWriter(Objects.requireNonNull(blockingExecutor, "blockingExecutor"));
    }

    public void onSnapshot(QueueSnapshot snapshot) {
        board.reset(snapshot);
        refresh(true);
    }

    public void onEvent(QueueEvent event) {
        if (board.apply(event)) {
            refresh(false);
        }
    }

    /** @param everything also re-send unchanged frames (after a snapshot: boards may show numbers from before) */
    private void refresh(boolean everything) {
        counterDisplays.forEach((counter, display) -> {
            LedFrame frame = board.numberAt(counter).map(LedFrame::number).orElse(LedFrame.blank());
            if (everything || !frame.equals(display.current())) {
                writer.post(display.id(), () -> display.show(frame));
            }
        });
        if (summary != null) {
            List<LedSummaryBoard.Line> lines = board.newestFirst(summary.lines()).stream()
                    .filter(serving -> serving.counter() <= 99)
                    .map(serving -> new LedSummaryBoard.Line(serving.counter(), serving.number()))
                    .toList();
            writer.post(summary.id(), () -> summary.show(lines));
        }
    }
}
