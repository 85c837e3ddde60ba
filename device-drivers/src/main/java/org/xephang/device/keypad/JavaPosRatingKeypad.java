package org.xephang.device.keypad;

import java.time.Clock;
import java.util.Objects;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSKeyboard;
import jpos.POSKeyboardConst;
import jpos.events.DataEvent;
import jpos.events.StatusUpdateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceState;

/**
 * A rating keypad behind a JavaPOS POSKeyboard service ({@code keypad:javapos://POSKeyboard1}): each key-down data
 * event's {@code POSKeyData} (a number) is the button name, so map them: {@code map=1:1,2:2,3:3} for keypads that
 * number their keys, {@code map=49:1,50:2,51:3} for ones that send character codes.
 *
 * <p>Threading: see {@link RatingKeypad}; presses arrive on the service's event thread.
 */
final class JavaPosRatingKeypad extends TrackedRatingKeypad {

    private static final Logger LOG = LoggerFactory.getLogger(JavaPosRatingKeypad.class);
    private static final int CLAIM_TIMEOUT_MS = 3000;

    private final String logicalName;
    private final POSKeyboard keyboard;
    private boolean ready;

    JavaPosRatingKeypad(String logicalName, POSKeyboard control, RatingCollector collector, Clock clock) {
        super("keypad:javapos://" + logicalName, collector, clock);
        this.logicalName = logicalName;
        this.keyboard = Objects.requireNonNull(control, "control");
        keyboard.addDataListener(this::dataOccurred);
        keyboard.addStatusUpdateListener(this::statusUpdateOccurred);
    }

    @Override
    public synchronized void start() {
        if (ready) {
            return;
        }
        try {
            keyboard.open(logicalName);
            keyboard.claim(CLAIM_TIMEOUT_MS);
            try {
                keyboard.setPowerNotify(JposConst.JPOS_PN_ENABLED);
            } catch (JposException e) {
                LOG.debug("{}: power notification not supported: {}", id(), e.getMessage());
            }
            keyboard.setDeviceEnabled(true);
            keyboard.setEventTypes(POSKeyboardConst.KBD_ET_DOWN);
            keyboard.setDataEventEnabled(true);
            ready = true;
            tracker().update(DeviceState.ONLINE, "JavaPOS " + logicalName);
        } catch (JposException e) {
            closeQuietly();
            tracker()
                    .update(
                            DeviceState.OFFLINE,
                            "JavaPOS " + logicalName + ": cannot open, claim and enable: " + e.getMessage() + " (error "
                                    + e.getErrorCode() + ")");
        }
    }

    private void dataOccurred(DataEvent event) {
        try {
            if (keyboard.getPOSKeyEventType() == POSKeyboardConst.KBD_KET_KEYDOWN) {
                press(Integer.toString(keyboard.getPOSKeyData()));
            }
        } catch (JposException e) {
            LOG.warn("{}: reading key data failed: {}", id(), e.getMessage());
        } finally {
            try {
                keyboard.setDataEventEnabled(true);
            } catch (JposException e) {
                tracker()
                        .update(
                                DeviceState.ERROR,
                                "JavaPOS " + logicalName + ": cannot re-enable data events: " + e.getMessage());
            }
        }
    }

    private void statusUpdateOccurred(StatusUpdateEvent event) {
        switch (event.getStatus()) {
            case JposConst.JPOS_SUE_POWER_ONLINE -> tracker().update(DeviceState.ONLINE, "JavaPOS " + logicalName);
            case JposConst.JPOS_SUE_POWER_OFF, JposConst.JPOS_SUE_POWER_OFFLINE, JposConst.JPOS_SUE_POWER_OFF_OFFLINE ->
                tracker().update(DeviceState.OFFLINE, "JavaPOS " + logicalName + ": power state " + event.getStatus());
            default -> LOG.debug("{}: status update {}", id(), event.getStatus());
        }
    }

    private void closeQuietly() {
        try {
            keyboard.close();
        } catch (JposException e) {
            LOG.debug("{}: close: {}", id(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (ready) {
            try {
                keyboard.setDeviceEnabled(false);
                keyboard.release();
            } catch (JposException e) {
                LOG.debug("{}: disable/release: {}", id(), e.getMessage());
            }
            closeQuietly();
            ready = false;
        }
        tracker().update(DeviceState.OFFLINE, "closed");
    }
}
