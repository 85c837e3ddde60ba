package org.xephang.core;

import java.util.List;

/**
 * An agent's "still here", sent every {@link org.xephang.api.DeviceHealth#HEARTBEAT_INTERVAL} (20 s): the agent
 * itself is alive, and so are the devices it drives as they last reported (docs/devices.md §7).
 *
 * @param agent the agent's id, e.g. {@code kiosk1}; it becomes a device of its own kind
 * @param kind {@code kiosk}, {@code board} or {@code counter}
 * @param devices the ids of the devices it drives, e.g. {@code kiosk1/printer}; a device not yet reported is ignored
 *     (it appears with its first status report)
 */
public record DeviceHeartbeat(String agent, String kind, List<String> devices) {

    public DeviceHeartbeat {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
