package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xephang.api.DeviceHealth;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.QueueError;
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.DeviceStatusReport;

/**
 * The status reports and heartbeats of a site's devices (printers, scanners, LEDs, keypads and the agents themselves)
 * kept in its {@link DeviceRegistry}, and every change of what a device shows as a {@code device.status} event.
 */
final class DeviceReports {

    /** More devices than any centre has: a bound on memory and on the metrics' series. */
    static final int MAX_DEVICES_PER_SITE = 1000;

    private final SiteEvents events;
    private final DeviceRegistry registry;

    DeviceReports(SiteEvents events, DeviceRegistry registry) {
        this.events = events;
        this.registry = registry;
    }

    DeviceRegistry registry() {
        return registry;
    }

    /**
     * Records a device's status; a report equal to the device's last one (same kind, state and detail) makes no new
     * event and counts as a heartbeat.
     */
    void report(SiteQueue.Writes writes, DeviceStatusReport report, Instant now) throws SQLException {
        CommandChecks.requireComplete(report);
        if (!registry.knows(report.device()) && registry.size() >= MAX_DEVICES_PER_SITE) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Điểm này đã có " + MAX_DEVICES_PER_SITE + " thiết bị; không nhận thêm thiết bị mới \""
                            + report.device() + "\".",
                    "This site already has " + MAX_DEVICES_PER_SITE + " devices; no new device \"" + report.device()
                            + "\" is accepted.");
        }
        Optional<DeviceHealth> changed = registry.report(report, now);
        if (changed.isPresent()) {
            emit(writes, changed.get(), now);
        }
    }

    /**
     * Any thread: the part of a heartbeat that needs no writer (devices heard of and live). Answers the ids left for
     * {@link #heartbeatChanges}: the agent when it is new or was silent, and its devices that were silent.
     */
    List<String> touch(DeviceHeartbeat heartbeat, Instant now) {
        CommandChecks.requireComplete(heartbeat);
        List<String> left = new ArrayList<>();
        if (!registry.touch(heartbeat.agent(), now)) {
            left.add(heartbeat.agent());
        }
        for (String device : heartbeat.devices()) {
            if (!registry.touch(device, now) && registry.knows(device)) {
                left.add(device);
            }
        }
        return left;
    }

    /** Writer thread: a new agent becomes ONLINE, a silent agent or device returns, each with its event. */
    void heartbeatChanges(SiteQueue.Writes writes, DeviceHeartbeat heartbeat, List<String> left, Instant now)
            throws SQLException {
        for (String device : left) {
            if (device.equals(heartbeat.agent()) && !registry.knows(device)) {
                report(
                        writes,
                        new DeviceStatusReport(
                                device, heartbeat.kind(), "ONLINE", DeviceRegistry.AGENT_ONLINE_DETAIL, now),
                        now);
            } else {
                Optional<DeviceHealth> revived = registry.revive(device, now);
                if (revived.isPresent()) {
                    emit(writes, revived.get(), now);
                }
            }
        }
    }

    /** Writer thread: devices silent too long become OFFLINE, each with its event. */
    void silence(SiteQueue.Writes writes, Instant now) throws SQLException {
        for (DeviceHealth silenced : registry.silence(now)) {
            emit(writes, silenced, now);
        }
    }

    private void emit(SiteQueue.Writes writes, DeviceHealth device, Instant now) throws SQLException {
        JsonObject details = new JsonObject()
                .put("device", device.device())
                .put("kind", device.kind())
                .put("state", device.state())
                .put("detail", device.detail())
                .put("since", device.since() == null ? null : device.since().toString())
                .put("lastSeen", device.lastSeen().toString());
        events.emit(writes, EventType.DEVICE_STATUS, null, null, details, now);
    }
}
