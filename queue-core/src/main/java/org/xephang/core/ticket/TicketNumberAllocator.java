package org.xephang.core.ticket;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.xephang.api.ErrorCode;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;

/**
 * Ticket numbers of one site: per (service, local day), starting at 1, so they reset at the site's local midnight;
 * zero-padded to the service's width ("A001"); refused with {@code DAILY_CAP_REACHED} past the daily cap, naming the
 * first session of the next working day of the site's calendar (message and {@code nextOpening}, as {@code
 * SITE_CLOSED} does). Not thread-safe: the site's single writer owns it. {@link #restore} rebuilds it from the
 * database on start.
 */
public final class TicketNumberAllocator {

    private final SiteCalendar calendar;
    private final Map<Key, Integer> lastSequence = new HashMap<>();

    /** @param calendar the site's calendar: where a refused person is sent once the day's numbers are gone */
    public TicketNumberAllocator(SiteCalendar calendar) {
        this.calendar = calendar;
    }

    private record Key(String service, LocalDate day) {}

    /** A number given out: its sequence within the day and its printed form. */
    public record Allocation(int sequence, String number) {}

    /**
     * Checks the cap and gives the next number of {@code day} (the site's local day). Nothing is reserved until {@link #commit} (a refused or failed issue
     * leaves no gap).
     */
    public Allocation next(ServiceConfig service, LocalDate day) {
        int next = lastSequence.getOrDefault(new Key(service.code(), day), 0) + 1;
        if (service.dailyCap() != null && next > service.dailyCap()) {
            throw SiteCalendar.refusal(
                    ErrorCode.DAILY_CAP_REACHED,
                    "Lĩnh vực " + service.name() + " đã hết số thứ tự trong ngày (tối đa " + service.dailyCap()
                            + " số).",
                    calendar.firstOpeningAfter(day));
        }
        return new Allocation(next, format(service.prefix(), service.width(), next));
    }

    /** Records that a number was issued. */
    public void commit(String service, LocalDate day, int sequence) {
        lastSequence.merge(new Key(service, day), sequence, Math::max);
    }

    /** Rebuilds from stored tickets: the last sequence issued for a service on a day. */
    public void restore(String service, LocalDate day, int sequence) {
        commit(service, day, sequence);
    }

    /** How many numbers a service has issued on a day. */
    public int issued(String service, LocalDate day) {
        return lastSequence.getOrDefault(new Key(service, day), 0);
    }

    /** The same numbering (every sequence given out so far) with a site's new calendar, after a configuration change. */
    public TicketNumberAllocator withCalendar(SiteCalendar next) {
        TicketNumberAllocator copy = new TicketNumberAllocator(next);
        copy.lastSequence.putAll(lastSequence);
        return copy;
    }

    /** Forgets days before {@code today} (they can no longer issue). */
    public void forgetBefore(LocalDate today) {
        lastSequence.keySet().removeIf(k -> k.day().isBefore(today));
    }

    /** "A" + 7 at width 3 → "A007"; a sequence longer than the width is printed in full. */
    public static String format(String prefix, int width, int sequence) {
        String digits = Integer.toString(sequence);
        return prefix + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
