package org.xephang.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.xephang.api.DeviceHealth;
import org.xephang.core.DeviceStatusReport;

/**
 * The devices of one site as last heard of, in memory and rebuilt from the agents' reports after a restart (they
 * report on every reconnection and send a heartbeat every 20 s). Plain Java, time passed in.
 *
 * <p><b>Threads.</b> Status reports, the silence check and the return of a silent device run on the writer thread;
 * {@link #touch} (a heartbeat of a live device) runs on any thread and only moves its last-seen time, so the usual
 * heartbeat never waits for the writer. Every change is one atomic {@link ConcurrentMap#compute}.
 */
final class DeviceRegistry {

    static final String OFFLINE = "OFFLINE";
    static final String AGENT_ONLINE_DETAIL = "Đang hoạt động";

    private final Duration silenceLimit;
    private final ConcurrentMap<String, Entry> devices = new ConcurrentHashMap<>();

    /**
     * What the device last reported and when it was last heard of.
     *
     * @param silentSince when it was declared OFFLINE for silence, or null while it is heard
     */
    private record Entry(
            String device,
            String kind,
            String state,
            String detail,
            Instant since,
            Instant lastSeen,
            Instant silentSince) {

        DeviceHealth health(String silentDetail) {
            return silentSince == null
                    ? new DeviceHealth(device, kind, state, detail, since, lastSeen)
                    : new DeviceHealth(device, kind, OFFLINE, silentDetail, silentSince, lastSeen);
        }
    }

    DeviceRegistry(Duration silenceLimit) {
        if (silenceLimit.isNegative() || silenceLimit.isZero()) {
            throw new IllegalArgumentException("the silence limit must be positive, got " + silenceLimit);
        }
        this.silenceLimit = silenceLimit;
    }

    /** What a silent device shows: "no signal for more than 60 seconds". */
    String silentDetail() {
        return "Không nhận được tín hiệu quá " + silenceLimit.toSeconds() + " giây";
    }

    /**
     * Records a status report (writer thread). Returns what the device now shows when that changed (a new device, a new
     * state, kind or detail, or a silent device heard again): the caller makes it a {@code device.status} event. A
     * repeated report only moves the last-seen time.
     */
    Optional<DeviceHealth> report(DeviceStatusReport report, Instant now) {
        DeviceHealth[] changed = {null};
        devices.compute(report.device(), (id, old) -> {
            boolean same = old != null
                    && old.silentSince() == null
                    && old.kind().equals(report.kind())
                    && old.state().equals(report.state())
                    && Objects.equals(old.detail(), report.detail());
            if (same) {
                return new Entry(id, old.kind(), old.state(), old.detail(), old.since(), now, null);
            }
            Instant since = report.since() == null ? now : report.since();
            Entry entry = new Entry(id, report.kind(), report.state(), report.detail(), since, now, null);
            changed[0] = entry.health(silentDetail());
            return entry;
        });
        return Optional.ofNullable(changed[0]);
    }

    /**
     * A heartbeat of a device (any thread): a known device still heard of only moves its last-seen time and this
     * answers true; an unknown device, or one already declared silent, answers false and is left for the writer
     * ({@link #report} or {@link #revive}), which makes its event.
     */
    boolean touch(String device, Instant now) {
        boolean[] live = {false};
        devices.computeIfPresent(device, (id, old) -> {
            if (old.silentSince() != null) {
                return old;
            }
            live[0] = true;
            return new Entry(id, old.kind(), old.state(), old.detail(), old.since(), latest(old.lastSeen(), now), null);
        });
        return live[0];
    }

    /** Whether {@link #silence} has work at {@code now} (any thread, no change). */
    boolean anyFallenSilent(Instant now) {
        return devices.values().stream().anyMatch(e -> fellSilent(e, now));
    }

    /**
     * Writer thread: every device not heard of for longer than the silence limit becomes OFFLINE; returns what each of
     * them now shows (one {@code device.status} event each).
     */
    List<DeviceHealth> silence(Instant now) {
        List<DeviceHealth> silenced = new ArrayList<>();
        for (String id : List.copyOf(devices.keySet())) {
            devices.computeIfPresent(id, (key, old) -> {
                if (!fellSilent(old, now)) {
                    return old;
                }
                Entry silent = new Entry(key, old.kind(), old.state(), old.detail(), old.since(), old.lastSeen(), now);
                silenced.add(silent.health(silentDetail()));
                return silent;
            });
        }
        silenced.sort(Comparator.comparing(DeviceHealth::device));
        return silenced;
    }

    /**
     * Writer thread: a heartbeat of a device declared silent brings back its last reported state; returns it (one
     * {@code device.status} event), or empty when the device is unknown or was not silent.
     */
    Optional<DeviceHealth> revive(String device, Instant now) {
        DeviceHealth[] revived = {null};
        devices.computeIfPresent(device, (id, old) -> {
            if (old.silentSince() == null) {
                return new Entry(
                        id, old.kind(), old.state(), old.detail(), old.since(), latest(old.lastSeen(), now), null);
            }
            Entry back = new Entry(id, old.kind(), old.state(), old.detail(), now, now, null);
            revived[0] = back.health(silentDetail());
            return back;
        });
        return Optional.ofNullable(revived[0]);
    }

    int size() {
        return devices.size();
    }

    boolean knows(String device) {
        return devices.containsKey(device);
    }

    /** Every device, ordered by id (any thread). */
    List<DeviceHealth> list() {
        return devices.values().stream()
                .map(e -> e.health(silentDetail()))
                .sorted(Comparator.comparing(DeviceHealth::device))
                .toList();
    }

    private boolean fellSilent(Entry entry, Instant now) {
        return entry.silentSince() == null
                && entry.lastSeen().plus(silenceLimit).isBefore(now);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
