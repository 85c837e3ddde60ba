package org.xephang.kiosk;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xephang.agent.DeviceReporter;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;

/**
 * The kiosk's scanner as its scans show it (docs/devices.md): a hint for the technician when something spoils the
 * scans (an input method left on: ERROR, the hint as its description, so the supervisor's page shows it), ONLINE once
 * a scan reads well again. Reported through the agent's {@link DeviceReporter} from its first trouble on, and named
 * by the heartbeats from then on; a scanner never in trouble is never reported, and nothing is sent while nothing
 * changed. Used on the agent's context.
 */
final class ScannerHealth {

    static final String READS_WELL = "Đọc mã bình thường";

    private final String deviceId;
    private final Clock clock;
    private final List<DeviceStatusListener> listeners = new CopyOnWriteArrayList<>();
    private String hint;
    private DeviceStatus status;

    ScannerHealth(String deviceId, Clock clock) {
        this.deviceId = deviceId;
        this.clock = clock;
    }

    /** What the last scan says: a hint for the technician, or null when it read well. */
    void read(String newHint, DeviceReporter reporter) {
        if (Objects.equals(newHint, hint) || (newHint == null && status == null)) {
            return;
        }
        hint = newHint;
        DeviceStatus previous = status;
        status = newHint == null
                ? new DeviceStatus(DeviceState.ONLINE, "", READS_WELL, clock.instant())
                : new DeviceStatus(DeviceState.ERROR, "", newHint, clock.instant());
        if (previous == null) {
            reporter.add(
                    new DeviceReporter.Reported(deviceId, "scanner", () -> status, listeners::add, listeners::remove));
        } else {
            DeviceStatus current = status;
            listeners.forEach(listener -> listener.statusChanged(previous, current));
        }
    }
}
