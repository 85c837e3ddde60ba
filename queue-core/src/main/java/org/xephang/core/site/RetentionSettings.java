package org.xephang.core.site;

/**
 * How long a site keeps the detail of its tickets (config {@code retention:}; docs/retention.md). After
 * {@code ticketDays} days a ticket, its events, its rating, its messages and its booking are deleted by the daily
 * purge; the statistics keep what they need of it as the day's aggregates. Immutable.
 *
 * @param ticketDays days after a ticket's day (default {@value #DEFAULT_TICKET_DAYS}: twice the 90 days a citizen
 *     has to complain about an administrative act, with room for the complaint's handling)
 */
public record RetentionSettings(int ticketDays) {

    public static final int DEFAULT_TICKET_DAYS = 180;
    public static final int MIN_TICKET_DAYS = 7;
    public static final int MAX_TICKET_DAYS = 3660;

    public static final RetentionSettings DEFAULTS = new RetentionSettings(DEFAULT_TICKET_DAYS);

    public RetentionSettings {
        if (ticketDays < MIN_TICKET_DAYS || ticketDays > MAX_TICKET_DAYS) {
            throw new IllegalArgumentException(
                    "ticketDays must be from " + MIN_TICKET_DAYS + " to " + MAX_TICKET_DAYS + ", got " + ticketDays);
        }
    }
}
