package org.xephang.board.led;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;

/**
 * Writes to LED devices off the event loop, keeping only the latest wanted content of each device: under a burst
 * of calls a slow RS-485 bus shows the newest state rather than working through every intermediate one. Failures are
 * logged with the device id; the devices themselves report OFFLINE/ERROR as status and re-send once reconnected.
 * Thread-safe; {@link #post} never blocks.
 */
final class FrameWriter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameWriter.class);

    /** One device write. */
    interface Write {
        void run() throws DeviceException;
    }

    private final Executor executor;
    private final Map<String, Write> pending = new LinkedHashMap<>();
    private boolean scheduled;

    /** @param executor a single-threaded executor that may block */
    FrameWriter(Executor executor) {
        this.executor = executor;
    }

    /** Asks for {@code write} to be done on the device {@code deviceId}, replacing any write not yet done there. */
    void post(String deviceId, Write write) {
        synchronized (pending) {
            pending.remove(deviceId);
            pending.put(deviceId, write);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Map.Entry<String, Write> next;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    scheduled = false;
                    return;
                }
                var iterator = pending.entrySet().iterator();
                next = iterator.next();
                iterator.remove();
            }
            try {
                next.getValue().run();
            } catch (DeviceDisconnectedException e) {
                // Already reported as the device's OFFLINE status; the bus shows the frame once it reconnects.
                LOG.debug("LED {}: disconnected, shown on reconnect: {}", next.getKey(), e.getMessage());
            } catch (DeviceException e) {
                LOG.warn("LED {}: not updated: {}", next.getKey(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("LED {}: cannot show the content", next.getKey(), e);
            }
        }
    }
}
