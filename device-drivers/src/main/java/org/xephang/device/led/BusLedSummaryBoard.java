package org.xephang.device.led;

import java.time.Clock;
import java.util.List;
import org.xephang.device.DeviceException;

/** A summary board: one line per consecutive address on a {@link LedBus}; only changed lines are sent. */
final class BusLedSummaryBoard extends BusLedDevice implements LedSummaryBoard {

    private final LedFrame[] sent;

    BusLedSummaryBoard(String id, SharedLedBuses.Lease lease, int firstAddress, int lines, Clock clock) {
        super(id, lease, firstAddress, lines, clock);
        this.sent = new LedFrame[lines];
    }

    @Override
    public int lines() {
        return lineCount;
    }

    @Override
    public synchronized void show(List<Line> lines) throws DeviceException {
        if (lines.size() > lineCount) {
            throw new IllegalArgumentException(
                    lines.size() + " lines given to a summary board of " + lineCount + " lines");
        }
        LedFrame[] wanted = new LedFrame[lineCount];
        for (int i = 0; i < lineCount; i++) {
            wanted[i] = i < lines.size() ? lines.get(i).frame() : LedFrame.blank();
            lease.bus().codec().encode(firstAddress + i, wanted[i]); // refuse before sending anything
        }
        DeviceException firstFailure = null;
        for (int i = 0; i < lineCount; i++) {
            if (wanted[i].equals(sent[i])) {
                continue;
            }
            try {
                lease.bus().send(firstAddress + i, wanted[i]);
                sent[i] = wanted[i];
            } catch (DeviceException e) {
                sent[i] = null; // unknown: send again next time
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }
}
