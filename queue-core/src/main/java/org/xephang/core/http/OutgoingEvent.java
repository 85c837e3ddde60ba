package org.xephang.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.xephang.api.QueueEvent;

/**
 * One event as a {@link SiteFanOut} hands it to the connections of its loop: its JSON per view (public for boards, full
 * for staff), shared by every connection of every loop ({@link EventJson}), and, built on first use, that JSON as one
 * complete WebSocket frame that every WebSocket of the loop writes as a retained duplicate. Confined to the fan-out's
 * loop; {@link #release()} once every member has it (the sockets keep their duplicates until written).
 */
final class OutgoingEvent {

    private final QueueEvent event;
    private final EventJson json;
    private byte[] publicJson;
    private byte[] fullJson;
    private ByteBuf publicFrame;
    private ByteBuf fullFrame;

    OutgoingEvent(QueueEvent event, EventJson json) {
        this.event = event;
        this.json = json;
    }

    long seq() {
        return event.seq();
    }

    /** The event's JSON, UTF-8, for the view: not to be changed. */
    byte[] json(boolean full) {
        if (full) {
            if (fullJson == null) {
                fullJson = json.encode(event, true);
            }
            return fullJson;
        }
        if (publicJson == null) {
            publicJson = json.encode(event, false);
        }
        return publicJson;
    }

    /**
     * The event as a whole WebSocket text frame for the view, owned by this object: the caller writes
     * {@code retainedDuplicate()} of it.
     */
    ByteBuf webSocketFrame(boolean full, ByteBufAllocator allocator) {
        if (full) {
            if (fullFrame == null) {
                fullFrame = WebSocketTextFrame.encode(json(true), allocator);
            }
            return fullFrame;
        }
        if (publicFrame == null) {
            publicFrame = WebSocketTextFrame.encode(json(false), allocator);
        }
        return publicFrame;
    }

    /** Gives up this object's frames; duplicates still queued on sockets keep theirs until written. */
    void release() {
        if (publicFrame != null) {
            publicFrame.release();
            publicFrame = null;
        }
        if (fullFrame != null) {
            fullFrame.release();
            fullFrame = null;
        }
    }
}
