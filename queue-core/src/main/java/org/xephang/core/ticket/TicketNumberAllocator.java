package org.xephang.core.ticket;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;

/**
 * Ticket numbers of one site: per (service, local day), starting at 1, so they reset at the site's local midnight;
 * zero-padded to the service's width ("A001"); refused with {@code DAILY_CAP_REACHED} past the daily cap, naming the
 * first session of the next working day of the site's calendar (message and {@code nextOpening}, as {@code
 * SITE_CLOSED} does). Numbers leased to a kiosk for offline issuing ({@link #lease}) are skipped: nobody else issues
 * them (docs/adr/0029-offline-issuing.md). Not thread-safe: the site's single writer owns it. {@link #restore} rebuilds it from the
 * database on start.
 */
public final class TicketNumberAllocator {

    /** The highest number a block starts below when the service has no daily cap and a short width. */
    public static final int TOP_WITHOUT_CAP = 999;

    private final SiteCalendar calendar;
    private final Map<Key, Integer> lastSequence = new HashMap<>();
    /** The ranges leased to kiosks, per service and day, in lease order (so in number order). */
    private final Map<Key, List<int[]>> leased = new HashMap<>();

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
        Key key = new Key(service.code(), day);
        int next = skipLeased(key, lastSequence.getOrDefault(key, 0) + 1);
        if (service.dailyCap() != null && next > service.dailyCap()) {
            throw capReached(service, day);
        }
        return new Allocation(next, format(service.prefix(), service.width(), next));
    }

    private QueueError capReached(ServiceConfig service, LocalDate day) {
        return SiteCalendar.refusal(
                ErrorCode.DAILY_CAP_REACHED,
                "Lĩnh vực " + service.name() + " đã hết số thứ tự trong ngày (tối đa " + service.dailyCap() + " số).",
                "The service " + service.name() + " has used all its numbers for the day (at most " + service.dailyCap()
                        + " numbers).",
                calendar.firstOpeningAfter(day));
    }

    private int skipLeased(Key key, int candidate) {
        int next = candidate;
        for (int[] range : leased.getOrDefault(key, List.of())) {
            if (next >= range[0] && next <= range[1]) {
                next = range[1] + 1;
            }
        }
        return next;
    }

    /**
     * The range of the next block of at most {@code size} numbers to lease for {@code day}, taken from the top of the
     * day's numbers down (docs/adr/0029-offline-issuing.md): below every block already leased, from the daily cap (or,
     * without one, from {@value #TOP_WITHOUT_CAP} or the highest number of the service's width), and above every number
     * issued. So the online sequence counts up without a gap while the kiosks' numbers stand apart at the top. Nothing
     * is taken until {@link #lease}.
     *
     * @return {@code [first, last]}
     * @throws org.xephang.api.QueueError DAILY_CAP_REACHED when no number is left between the two
     */
    public int[] nextBlock(ServiceConfig service, LocalDate day, int size) {
        Key key = new Key(service.code(), day);
        int top = service.dailyCap() != null
                ? service.dailyCap()
                : Math.max(TOP_WITHOUT_CAP, (int) Math.min(Integer.MAX_VALUE / 2, Math.pow(10, service.width()) - 1));
        int last = top;
        for (int[] range : leased.getOrDefault(key, List.of())) {
            last = Math.min(last, range[0] - 1);
        }
        int first = Math.max(last - size + 1, lastSequence.getOrDefault(key, 0) + 1);
        if (first > last) {
            throw capReached(service, day);
        }
        return new int[] {first, last};
    }

    /** Records that {@code first..last} of a service's day are leased to a kiosk (also when rebuilt on start). */
    public void lease(String service, LocalDate day, int first, int last) {
        leased.computeIfAbsent(new Key(service, day), k -> new ArrayList<>()).add(new int[] {first, last});
    }

    /** Whether {@code sequence} of a service's day lies in a leased block. */
    public boolean isLeased(String service, LocalDate day, int sequence) {
        return leased.getOrDefault(new Key(service, day), List.of()).stream()
                .anyMatch(r -> sequence >= r[0] && sequence <= r[1]);
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
        leased.forEach((key, ranges) -> copy.leased.put(key, new ArrayList<>(ranges)));
        return copy;
    }

    /** Forgets days before {@code today} (they can no longer issue). */
    public void forgetBefore(LocalDate today) {
        lastSequence.keySet().removeIf(k -> k.day().isBefore(today));
        leased.keySet().removeIf(k -> k.day().isBefore(today));
    }

    /** "A" + 7 at width 3 → "A007"; a sequence longer than the width is printed in full. */
    public static String format(String prefix, int width, int sequence) {
        String digits = Integer.toString(sequence);
        return prefix + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
