package org.xephang.core;

import java.util.List;

/**
 * An agent's "still here", sent every {@value #INTERVAL_SECONDS} s: the agent itself is alive, and so are the devices
 * it drives as they last reported (docs/devices.md §7).
 *
 * @param agent the agent's id, e.g. {@code kiosk1}; it becomes a device of its own kind
 * @param kind {@code kiosk}, {@code board} or {@code counter}
 * @param devices the ids of the devices it drives, e.g. {@code kiosk1/printer}; a device not yet reported is ignored
 *     (it appears with its first status report)
 */
public record DeviceHeartbeat(String agent, String kind, List<String> devices) {

    /** How often agents send a heartbeat; three missed ones (the default silence limit, 60 s) make a device OFFLINE. */
    public static final int INTERVAL_SECONDS = 20;

    public DeviceHeartbeat {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
