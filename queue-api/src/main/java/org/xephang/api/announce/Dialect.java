package org.xephang.api.announce;

import java.util.Locale;

/**
 * The regional standard used to read numbers aloud. The two differ in a few words only: {@code nghìn}/{@code ngàn}
 * for thousands and {@code linh}/{@code lẻ} for a zero tens digit (docs/domain-vn.md §4). Immutable and thread-safe.
 */
public enum Dialect {
    /** Northern standard: nghìn, linh. */
    NORTH,
    /** Southern standard: ngàn, lẻ. */
    SOUTH;

    /** The name used in JSON, configuration and on the command line: {@code north} or {@code south}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code north} or {@code south} (any case).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Dialect fromWireName(String name) {
        for (Dialect dialect : values()) {
            if (dialect.wireName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("dialect must be north or south, got: " + name);
    }
}
