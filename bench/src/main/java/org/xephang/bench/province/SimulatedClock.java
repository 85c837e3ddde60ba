package org.xephang.bench.province;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** The engine's clock in the replay: set by the simulation to the time of the event being submitted. */
final class SimulatedClock extends Clock {

    private final ZoneId zone;
    private volatile long epochMillis;

    SimulatedClock(Instant start, ZoneId zone) {
        this.zone = zone;
        this.epochMillis = start.toEpochMilli();
    }

    void set(Instant instant) {
        epochMillis = instant.toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        SimulatedClock other = new SimulatedClock(instant(), zone);
        return other;
    }

    @Override
    public long millis() {
        return epochMillis;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(epochMillis);
    }
}
