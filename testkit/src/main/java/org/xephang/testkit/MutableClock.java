package org.xephang.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock the test moves by hand; thread-safe. */
public final class MutableClock extends Clock {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private volatile Instant now;
    private final ZoneId zone;

    public MutableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock at a local time in Vietnam. */
    public static MutableClock at(LocalDateTime vietnamTime) {
        return new MutableClock(vietnamTime.atZone(VIETNAM).toInstant(), VIETNAM);
    }

    public void set(LocalDateTime vietnamTime) {
        now = vietnamTime.atZone(VIETNAM).toInstant();
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
