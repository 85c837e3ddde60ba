package org.xephang.core.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.xephang.api.TicketState;
import org.xephang.core.site.CounterConfig;
import org.xephang.core.site.PriorityRule;
import org.xephang.core.ticket.TicketRecord;

/**
 * The WAITING tickets of one site, kept in calling order per queue, so that who is next at a counter and how many wait
 * ahead of a ticket are answered without scanning the day's tickets. The answers are exactly those of {@link
 * RoutingPolicy} over all the site's tickets (the tests hold the two side by side); the cost is O(log n) instead of
 * O(n).
 *
 * <p>A queue (a <em>line</em>) is a service's tickets not transferred to a counter, or the tickets transferred to one
 * counter. Within a line the calling order is priority first, then queue key, so each line is two sorted runs of queue
 * keys: its priority tickets and the others. The head of every line a counter calls from are its only candidates, and
 * {@link RoutingPolicy#next} chooses among those few.
 *
 * <p>Not thread-safe: the writer changes it; {@link #freeze()} gives readers on other threads an immutable copy,
 * sharing what did not change since the last copy.
 */
public final class WaitingLines implements LinePositions {

    private final Map<LineKey, Line> lines = new HashMap<>();
    private final Map<String, int[]> perService = new HashMap<>();
    /** The lines and services in the order they appeared: their index in a {@link Frozen}'s arrays. */
    private final List<Line> lineOrder = new ArrayList<>();

    private final List<int[]> serviceOrder = new ArrayList<>();
    /** Immutable key → index maps that frozen copies share; replaced only when a line or service appears. */
    private Map<LineKey, Integer> frozenLineIndex = Map.of();

    private Map<String, Integer> frozenServiceIndex = Map.of();
    private boolean indexesChanged;

    /** Keeps the lines right after a ticket changed: {@code before} null for a new ticket, {@code after} null when it left memory. */
    public void update(TicketRecord before, TicketRecord after) {
        if (before != null && before.state() == TicketState.WAITING) {
            line(before).remove(before);
            count(before, -1);
        }
        if (after != null && after.state() == TicketState.WAITING) {
            line(after).add(after);
            count(after, 1);
        }
    }

    /** Forgets every ticket (before the state is rebuilt from the database). */
    public void clear() {
        lines.clear();
        perService.clear();
        lineOrder.clear();
        serviceOrder.clear();
        indexesChanged = true;
    }

    /** The next ticket the counter calls by FCFS routing under strict priority, among the heads of its lines. */
    public Optional<TicketRecord> next(CounterConfig counter, Function<String, TicketRecord> tickets) {
        return RoutingPolicy.next(counter, heads(counter, tickets));
    }

    /**
     * The next ticket the counter calls by FCFS routing under the site's priority rule, among the heads of its lines.
     *
     * @param priorityCallsInRow the counter's priority calls since its last normal call
     */
    public Optional<TicketRecord> next(
            CounterConfig counter,
            Function<String, TicketRecord> tickets,
            PriorityRule rule,
            int priorityCallsInRow,
            Instant now) {
        return RoutingPolicy.next(counter, heads(counter, tickets), rule, priorityCallsInRow, now);
    }

    private List<TicketRecord> heads(CounterConfig counter, Function<String, TicketRecord> tickets) {
        List<TicketRecord> heads = new ArrayList<>(2 * (counter.services().size() + 1));
        addHeads(lines.get(LineKey.counter(counter.number())), tickets, heads);
        for (String service : counter.services()) {
            addHeads(lines.get(LineKey.service(service)), tickets, heads);
        }
        return heads;
    }

    private static void addHeads(Line line, Function<String, TicketRecord> tickets, List<TicketRecord> heads) {
        if (line == null) {
            return;
        }
        if (line.priority.size() > 0) {
            heads.add(tickets.apply(line.priority.head()));
        }
        if (line.normal.size() > 0) {
            heads.add(tickets.apply(line.normal.head()));
        }
    }

    @Override
    public int waitingAhead(TicketRecord ticket) {
        Line line = lines.get(LineKey.of(ticket));
        return line == null ? 0 : line.ahead(ticket);
    }

    @Override
    public int waiting(String service) {
        return count(perService, service, 0);
    }

    @Override
    public int waitingPriority(String service) {
        return count(perService, service, 1);
    }

    /**
     * An immutable copy for readers on other threads: two small arrays (the lines, the counts) over key maps shared
     * with the previous copy; lines unchanged since the last copy are shared, not copied.
     */
    public Frozen freeze() {
        if (indexesChanged) {
            Map<LineKey, Integer> lineIndex = new HashMap<>();
            for (int i = 0; i < lineOrder.size(); i++) {
                lineIndex.put(lineOrder.get(i).key, i);
            }
            Map<String, Integer> serviceIndex = new HashMap<>();
            perService.forEach((service, counts) -> serviceIndex.put(service, serviceOrder.indexOf(counts)));
            frozenLineIndex = Map.copyOf(lineIndex);
            frozenServiceIndex = Map.copyOf(serviceIndex);
            indexesChanged = false;
        }
        Frozen.FrozenLine[] frozen = new Frozen.FrozenLine[lineOrder.size()];
        for (int i = 0; i < frozen.length; i++) {
            frozen[i] = lineOrder.get(i).freeze();
        }
        int[] counts = new int[2 * serviceOrder.size()];
        for (int i = 0; i < serviceOrder.size(); i++) {
            counts[2 * i] = serviceOrder.get(i)[0];
            counts[2 * i + 1] = serviceOrder.get(i)[1];
        }
        return new Frozen(frozenLineIndex, frozen, frozenServiceIndex, counts);
    }

    /** Waiting (0) or waiting priority (1) tickets of a service in a counts map. */
    private static int count(Map<String, int[]> perService, String service, int which) {
        int[] counts = perService.get(service);
        return counts == null ? 0 : counts[which];
    }

    private Line line(TicketRecord ticket) {
        return lines.computeIfAbsent(LineKey.of(ticket), key -> {
            Line line = new Line(key);
            lineOrder.add(line);
            indexesChanged = true;
            return line;
        });
    }

    private void count(TicketRecord ticket, int delta) {
        int[] counts = perService.computeIfAbsent(ticket.service(), service -> {
            int[] created = new int[2];
            serviceOrder.add(created);
            indexesChanged = true;
            return created;
        });
        counts[0] += delta;
        if (ticket.isPriority()) {
            counts[1] += delta;
        }
    }

    /** The committed lines as readers see them: position and counts only. */
    public static final class Frozen implements LinePositions {
        private final Map<LineKey, Integer> lineIndex;
        private final FrozenLine[] lines;
        private final Map<String, Integer> serviceIndex;
        /** Per service (by {@link #serviceIndex}): its waiting tickets, then its waiting priority tickets. */
        private final int[] counts;

        private Frozen(
                Map<LineKey, Integer> lineIndex, FrozenLine[] lines, Map<String, Integer> serviceIndex, int[] counts) {
            this.lineIndex = lineIndex;
            this.lines = lines;
            this.serviceIndex = serviceIndex;
            this.counts = counts;
        }

        @Override
        public int waitingAhead(TicketRecord ticket) {
            Integer at = lineIndex.get(LineKey.of(ticket));
            return at == null ? 0 : lines[at].ahead(ticket);
        }

        @Override
        public int waiting(String service) {
            Integer at = serviceIndex.get(service);
            return at == null ? 0 : counts[2 * at];
        }

        @Override
        public int waitingPriority(String service) {
            Integer at = serviceIndex.get(service);
            return at == null ? 0 : counts[2 * at + 1];
        }

        /**
         * A line as of one {@link #freeze()}: each run is a range of the writer's own key array, which the writer never
         * changes within a range it handed out ({@link SortedRun}).
         */
        private record FrozenLine(
                long[] priority, int priorityFrom, int priorityTo, long[] normal, int normalFrom, int normalTo) {
            int ahead(TicketRecord ticket) {
                return ticket.isPriority()
                        ? rank(priority, priorityFrom, priorityTo, ticket.queueKey())
                        : (priorityTo - priorityFrom) + rank(normal, normalFrom, normalTo, ticket.queueKey());
            }

            private static int rank(long[] keys, int from, int to, long key) {
                int at = Arrays.binarySearch(keys, from, to, key);
                return (at >= 0 ? at : -at - 1) - from;
            }
        }
    }

    /** A service's line, or the line of the tickets transferred to a counter. */
    private record LineKey(String service, int counter) {
        static LineKey of(TicketRecord ticket) {
            return ticket.assignedCounter() != null ? counter(ticket.assignedCounter()) : service(ticket.service());
        }

        static LineKey service(String service) {
            return new LineKey(service, 0);
        }

        static LineKey counter(int counter) {
            return new LineKey(null, counter);
        }
    }

    private static final class Line {
        final LineKey key;
        final SortedRun priority = new SortedRun();
        final SortedRun normal = new SortedRun();
        Frozen.FrozenLine frozen;

        Line(LineKey key) {
            this.key = key;
        }

        void add(TicketRecord ticket) {
            run(ticket).add(ticket.queueKey(), ticket.id());
            frozen = null;
        }

        void remove(TicketRecord ticket) {
            run(ticket).remove(ticket.queueKey(), ticket.id());
            frozen = null;
        }

        int ahead(TicketRecord ticket) {
            return ticket.isPriority()
                    ? priority.rank(ticket.queueKey())
                    : priority.size() + normal.rank(ticket.queueKey());
        }

        Frozen.FrozenLine freeze() {
            if (frozen == null) {
                frozen = new Frozen.FrozenLine(
                        priority.share(), priority.start, priority.end, normal.share(), normal.start, normal.end);
            }
            return frozen;
        }

        private SortedRun run(TicketRecord ticket) {
            return ticket.isPriority() ? priority : normal;
        }
    }

    /**
     * Queue keys in increasing order with their ticket ids, in {@code [start, end)} of two parallel arrays. New tickets
     * get the largest key and leave from the front, so the usual insert is an append and the usual removal moves
     * {@code start}: cheaper than any tree at these sizes.
     *
     * <p>A {@link #freeze()} hands the key array itself to readers with the range it had (no copy: a copy per publish
     * cost 8 bytes per waiting ticket of the line for every group that touched it, ~24 KB per issue late in a busy day,
     * docs/adr/0040-young-pauses-that-grow-with-the-day.md). So that a frozen range never changes under its readers,
     * once the array is shared the writer only appends past {@code end} and moves {@code start}; any other change
     * (a ticket leaving from the middle or the back, one put in front or in the middle) first copies the live range
     * into new arrays.
     */
    private static final class SortedRun {
        long[] keys = new long[16];
        String[] ids = new String[16];
        int start;
        int end;
        /** Whether {@link #keys} was handed to a frozen line since it was last copied. */
        private boolean shared;

        int size() {
            return end - start;
        }

        String head() {
            return ids[start];
        }

        void add(long key, String id) {
            int at = start + rank(key);
            if (at < end && keys[at] == key) {
                throw new IllegalStateException("queue key " + key + " is already taken by ticket " + ids[at]);
            }
            if (at == end) {
                if (end == keys.length) {
                    copy(Math.max(16, 2 * size()));
                    at = end;
                }
                keys[at] = key;
                ids[at] = id;
                end++;
                return;
            }
            if (shared || end == keys.length) {
                copy(Math.max(16, 2 * (size() + 1)));
                at = start + rank(key);
            }
            System.arraycopy(keys, at, keys, at + 1, end - at);
            System.arraycopy(ids, at, ids, at + 1, end - at);
            keys[at] = key;
            ids[at] = id;
            end++;
        }

        void remove(long key, String id) {
            int at = start + rank(key);
            if (at == end || keys[at] != key || !ids[at].equals(id)) {
                throw new IllegalStateException("ticket " + id + " with queue key " + key + " is not in its line");
            }
            if (at == start) {
                ids[start++] = null;
                if (start == end) {
                    start = 0;
                    end = 0;
                    if (shared) {
                        keys = new long[keys.length];
                        shared = false;
                    }
                }
                return;
            }
            if (shared) {
                copy(Math.max(16, 2 * size()));
                at = start + rank(key);
            }
            System.arraycopy(keys, at + 1, keys, at, end - at - 1);
            System.arraycopy(ids, at + 1, ids, at, end - at - 1);
            end--;
            ids[end] = null;
        }

        /** How many keys are smaller than {@code key}. */
        int rank(long key) {
            int at = Arrays.binarySearch(keys, start, end, key);
            return (at >= 0 ? at : -at - 1) - start;
        }

        /** The key array for a frozen line over {@code [start, end)}: from now on it is not changed in that range. */
        long[] share() {
            shared = true;
            return keys;
        }

        /** Moves the live range to the front of new arrays of {@code capacity}: the old ones stay as readers saw them. */
        private void copy(int capacity) {
            int size = size();
            long[] newKeys = new long[capacity];
            String[] newIds = new String[capacity];
            System.arraycopy(keys, start, newKeys, 0, size);
            System.arraycopy(ids, start, newIds, 0, size);
            keys = newKeys;
            ids = newIds;
            start = 0;
            end = size;
            shared = false;
        }
    }
}
