package org.xephang.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceStatusTrackerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T01:15:00Z"), ZoneOffset.UTC);

    @Test
    void startsOfflineNotStartedAndNotifiesOnlyRealChanges() {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", clock);
        List<DeviceStatus> seen = new ArrayList<>();
        tracker.addListener((previous, current) -> seen.add(current));

        assertThat(tracker.current().state()).isEqualTo(DeviceState.OFFLINE);
        tracker.update(DeviceState.ONLINE, "");
        tracker.update(DeviceState.ONLINE, "");
        tracker.update(DeviceState.PAPER_OUT, "DLE EOT 4 = 0x72");

        assertThat(seen).extracting(DeviceStatus::state).containsExactly(DeviceState.ONLINE, DeviceState.PAPER_OUT);
        assertThat(seen.get(1).description()).isEqualTo("Hết giấy");
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        DeviceStatusTracker tracker = new DeviceStatusTracker("p1", clock);
        List<DeviceState> seen = new ArrayList<>();
        tracker.addListener((previous, current) -> {
            throw new IllegalStateException("boom");
        });
        tracker.addListener((previous, current) -> seen.add(current.state()));

        tracker.update(DeviceState.COVER_OPEN, "");

        assertThat(seen).containsExactly(DeviceState.COVER_OPEN);
    }
}
