package org.xephang.device;

/**
 * What a device can currently do, as one value. The names are the wire values of {@code DeviceStatusReport.state}.
 *
 * <p>Immutable; safe from any thread.
 */
public enum DeviceState {
    /** Working normally. */
    ONLINE("Sẵn sàng", true),
    /** Working, but the paper roll is nearly finished. */
    PAPER_NEAR_END("Sắp hết giấy", true),
    /** Out of paper: cannot print until a new roll is loaded. */
    PAPER_OUT("Hết giấy", false),
    /** The cover is open. */
    COVER_OPEN("Nắp máy đang mở", false),
    /** Not reachable: unplugged, switched off, network down, or not started yet. */
    OFFLINE("Mất kết nối", false),
    /** Reachable but faulty (cutter jam, overheating, unrecoverable error). */
    ERROR("Thiết bị bị lỗi", false);

    private final String vietnamese;
    private final boolean usable;

    DeviceState(String vietnamese, boolean usable) {
        this.vietnamese = vietnamese;
        this.usable = usable;
    }

    /** A short Vietnamese description for screens, e.g. "Hết giấy". */
    public String vietnamese() {
        return vietnamese;
    }

    /** Whether the device can do its job in this state (ONLINE and PAPER_NEAR_END). */
    public boolean usable() {
        return usable;
    }
}
