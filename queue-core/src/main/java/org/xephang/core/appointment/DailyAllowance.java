package org.xephang.core.appointment;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * How many times each key (a client address) may do something per local day, counted in memory: the count starts
 * again on a new day and after a restart. Thread-safe.
 */
public final class DailyAllowance {

    private final int perDay;
    private final Map<String, Integer> used = new HashMap<>();
    private LocalDate day;

    /** @param perDay the uses allowed per key and day (at least 1) */
    public DailyAllowance(int perDay) {
        if (perDay < 1) {
            throw new IllegalArgumentException("perDay must be at least 1, got " + perDay);
        }
        this.perDay = perDay;
    }

    /** Takes one use for {@code key} on {@code today}; false (nothing taken) when its uses for the day are gone. */
    public synchronized boolean tryTake(String key, LocalDate today) {
        if (!today.equals(day)) {
            used.clear();
            day = today;
        }
        int count = used.getOrDefault(key, 0);
        if (count >= perDay) {
            return false;
        }
        used.put(key, count + 1);
        return true;
    }

    /** Gives back a use taken for a request that was then refused for another reason. */
    public synchronized void giveBack(String key, LocalDate today) {
        if (today.equals(day)) {
            used.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
        }
    }

    public int perDay() {
        return perDay;
    }
}
