package org.xephang.core.http;

import io.vertx.core.Context;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.xephang.api.QueueEvent;
import org.xephang.core.QueueService;

/**
 * The event stream of one site on one event loop: ONE engine subscription however many connections of that loop follow
 * the site. The engine hands it each event on its writer thread (under the publish lock), which costs a queue insert
 * and at most one task for the loop, instead of one per connection (5,000 boards: 5,000 tasks per event before). On
 * the loop, passes over the members write each member the events it lacks, already encoded ({@link
 * EventStreamRoutes}), and flush it once: {@link #CHUNK} members at a time, taking newly queued events in between, so
 * an event that arrives during a pass shares the system call of the event before it on every member not yet written
 * (ADR 0037).
 *
 * <p>A member joins with the seq of its own snapshot: events up to it are skipped, and the events after it that this
 * fan-out already handed out are replayed from its recent events, so every member gets exactly seq+1, seq+2, … Created,
 * joined and left on its event loop only; {@link #accept} is the only method called from elsewhere.
 */
final class SiteFanOut implements Consumer<QueueEvent> {

    /**
     * Members written between two looks at the engine's queue (and two turns of the loop's other work): about a
     * millisecond of system calls, so an event that arrives during a pass waits that long, not for the whole pass.
     */
    static final int CHUNK = 64;

    private final Context context;
    private final EventJson json;
    private final Consumer<SiteFanOut> onEmpty;
    private final Queue<QueueEvent> incoming = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Events kept for members that join late (by seq); a member further behind is dropped to reconnect. */
    private final QueueEvent[] recent;

    private final List<StreamSubscriber> members = new ArrayList<>();
    /** The members of the pass under way (a pass writes to every member what it lacks, {@link #CHUNK} at a time). */
    private StreamSubscriber[] deliveringTo = new StreamSubscriber[0];
    /** The next member of the pass to write to; 0 between passes. */
    private int position;
    /** The events handed out that some member of the pass may still lack, in seq order. */
    private final ArrayDeque<OutgoingEvent> window = new ArrayDeque<>();
    /** The newest seq every member of the pass under way will have when it ends. */
    private long passFloor;

    private boolean membersChanged;
    private boolean ended;
    private int reserved;
    private long handedOutSeq;
    private QueueService.Subscription subscription;

    /**
     * @param json the events' JSON, shared with the other loops' fan-outs
     * @param replayed how many recent events are kept for members that join late
     * @param onEmpty told on the loop when the last member left and the engine subscription is closed (the owner
     *     forgets this fan-out)
     */
    SiteFanOut(Context context, EventJson json, int replayed, Consumer<SiteFanOut> onEmpty) {
        this.context = context;
        this.json = json;
        this.recent = new QueueEvent[replayed];
        this.onEmpty = onEmpty;
    }

    /**
     * Subscribes to the engine. Throws for an unknown site. When the engine ends the stream (the site moved to another
     * node of a cluster), every member's stream is ended and the owner forgets this fan-out.
     */
    void open(QueueService queue, String site) {
        subscription = queue.subscribe(site, this, () -> context.runOnContext(v -> end()));
        handedOutSeq = subscription.snapshot().seq();
    }

    /** Whether the engine ended the stream: a member that has not joined yet ends too. */
    boolean ended() {
        return ended;
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        onEmpty.accept(this);
        for (StreamSubscriber member : members.toArray(StreamSubscriber[]::new)) {
            member.end();
        }
    }

    /** Writer thread: queues the event and makes sure one task will deliver it. */
    @Override
    public void accept(QueueEvent event) {
        incoming.add(event);
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** A connection will join once upgraded: keeps this fan-out open until it joins or gives up. */
    void reserve() {
        reserved++;
    }

    /** The reserved connection gave up before joining. */
    void unreserve() {
        reserved--;
        closeIfEmpty();
    }

    /**
     * Joins a reserved member whose snapshot is at {@code snapshotSeq}: the events after it already handed out are
     * delivered now. False when they are no longer all kept: the member stays reserved (it is to be dropped, and
     * {@link #unreserve} when it closes) and must start again from a new snapshot.
     */
    boolean join(StreamSubscriber member, long snapshotSeq) {
        for (long seq = snapshotSeq + 1; seq <= handedOutSeq; seq++) {
            QueueEvent kept = recent[slot(seq)];
            if (kept == null || kept.seq() != seq) {
                return false;
            }
        }
        reserved--;
        for (long seq = snapshotSeq + 1; seq <= handedOutSeq; seq++) {
            OutgoingEvent replayed = new OutgoingEvent(recent[slot(seq)], json);
            try {
                member.deliver(replayed);
            } finally {
                replayed.release();
            }
        }
        member.flush();
        members.add(member);
        membersChanged = true;
        return true;
    }

    void leave(StreamSubscriber member) {
        if (members.remove(member)) {
            membersChanged = true;
            closeIfEmpty();
        }
    }

    int members() {
        return members.size();
    }

    private void closeIfEmpty() {
        if (members.isEmpty() && reserved == 0 && subscription != null) {
            subscription.close();
            subscription = null;
            onEmpty.accept(this);
        }
    }

    /**
     * One chunk of a pass: takes what the engine queued since the last chunk, writes every event a member of the next
     * {@link #CHUNK} lacks to it and flushes it (one system call for all of them), then lets the loop run other work
     * before the next chunk. An event that arrives while a pass is under way thus reaches the members not yet written
     * together with the events before it, and the ones already written in the next pass; each member's own cursor
     * ({@link StreamSubscriber#deliveredSeq()}) keeps its events in seq order, each once.
     */
    private void drain() {
        takeIncoming();
        if (position == 0) {
            if (window.isEmpty()) {
                finishDrain();
                return;
            }
            if (membersChanged) {
                deliveringTo = members.toArray(StreamSubscriber[]::new);
                membersChanged = false;
            }
            // Every member of this pass has at least this seq at its end: the events up to it can then be let go.
            passFloor = handedOutSeq;
        }
        // A member dropped while delivering leaves the list, not this array.
        int end = Math.min(position + CHUNK, deliveringTo.length);
        for (int i = position; i < end; i++) {
            StreamSubscriber member = deliveringTo[i];
            if (member.deliveredSeq() < handedOutSeq) {
                for (OutgoingEvent outgoing : window) {
                    member.deliver(outgoing);
                }
                member.flush();
            }
        }
        position = end;
        if (position == deliveringTo.length) {
            position = 0;
            while (!window.isEmpty() && window.peekFirst().seq() <= passFloor) {
                window.pollFirst().release();
            }
        }
        context.runOnContext(v -> drain());
    }

    /** Moves the events the engine queued into the window of events being written, in seq order. */
    private void takeIncoming() {
        QueueEvent event;
        while ((event = incoming.poll()) != null) {
            if (event.seq() <= handedOutSeq) {
                continue;
            }
            recent[slot(event.seq())] = event;
            handedOutSeq = event.seq();
            window.addLast(new OutgoingEvent(event, json));
        }
    }

    /** Every member has every event: the next event schedules a new drain (unless one slipped in just now). */
    private void finishDrain() {
        drainScheduled.set(false);
        if (!incoming.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private int slot(long seq) {
        return (int) Math.floorMod(seq, (long) recent.length);
    }
}
