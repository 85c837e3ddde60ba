package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.xephang.api.EventType;
import org.xephang.core.DeviceStatusReport;

/** The status reports of a site's devices (printers, keypads, boards), as {@code device.status} events. */
final class DeviceReports {

    private final SiteEvents events;
    /** The last reported state and detail per device: a repeated report makes no new event. */
    private final Map<String, String> deviceStates = new HashMap<>();

    DeviceReports(SiteEvents events) {
        this.events = events;
    }

    /**
     * Records a device's status as a {@code device.status} event; a report equal to the device's last one (same state
     * and detail, agents repeat them as a heartbeat) makes no new event.
     */
    void report(SiteQueue.Writes writes, DeviceStatusReport report, Instant now) throws SQLException {
        CommandChecks.requireComplete(report);
        String state = report.kind() + "|" + report.state() + "|" + report.detail();
        if (state.equals(deviceStates.get(report.device()))) {
            return;
        }
        writes.afterCommit(() -> deviceStates.put(report.device(), state));
        JsonObject details = new JsonObject()
                .put("device", report.device())
                .put("kind", report.kind())
                .put("state", report.state())
                .put("detail", report.detail())
                .put("since", report.since() == null ? null : report.since().toString());
        events.emit(writes, EventType.DEVICE_STATUS, null, null, details, now);
    }
}
