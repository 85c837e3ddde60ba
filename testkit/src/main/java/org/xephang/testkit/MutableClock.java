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

    /**
     * The real time in Vietnam, or 21:00 today when it is later than 22:00: a test that moves the clock forward by up
     * to an hour stays within the day (a clock started at 23:50 crossed midnight, and the day's rollover took the
     * test's tickets away), and tokens signed at once stay valid by the real time too (staff tokens last 8 h).
     */
    public static MutableClock nowAwayFromMidnight() {
        LocalDateTime now = LocalDateTime.now(VIETNAM);
        return at(now.getHour() >= 22 ? now.toLocalDate().atTime(21, 0) : now);
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
