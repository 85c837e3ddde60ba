package org.xephang.device.led;

import java.util.List;
import java.util.Objects;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;

/**
 * A wall summary LED board: several lines, each "counter → number being served" ({@code 05 A1023}), one board
 * module per line at consecutive addresses of a bus. Created from {@code ledsummary:ascii+serial:///dev/ttyUSB1
 * ?address=10&lines=6} or {@code sim:ledsummary?address=10&lines=6}.
 *
 * <p>Only lines that changed are sent. Threading and status as {@link LedDisplay}.
 */
public interface LedSummaryBoard extends Device {

    /** How many lines the board has. */
    int lines();

    /**
     * Shows {@code lines} from the top; lines beyond the list are blanked.
     *
     * @throws IllegalArgumentException if there are more lines than the board has, or a line cannot be shown
     * @throws DeviceException as {@link LedDisplay#show}
     */
    void show(List<Line> lines) throws DeviceException;

    /**
     * One line of the board.
     *
     * @param counter the counter number (0–99)
     * @param number the ticket number being served there, e.g. {@code A1023}; empty when none
     */
    record Line(int counter, String number) {
        public Line {
            if (counter < 0 || counter > 99) {
                throw new IllegalArgumentException("counter must be 0..99 on a summary board, not " + counter);
            }
            Objects.requireNonNull(number, "number");
        }

        /** The line as the board shows it: counter zero-padded to two digits, a space, the number. */
        public LedFrame frame() {
            return LedFrame.text(String.format("%02d %s", counter, number.strip()));
        }
    }
}
