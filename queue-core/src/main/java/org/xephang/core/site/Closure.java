package org.xephang.core.site;

import java.time.LocalDate;
import java.util.Objects;

/** Days the site is closed (a holiday, Tết, a closure), {@code from} to {@code to} inclusive. */
public record Closure(LocalDate from, LocalDate to, String name) {
    public Closure {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("closure ends before it starts: " + from + " > " + to);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
