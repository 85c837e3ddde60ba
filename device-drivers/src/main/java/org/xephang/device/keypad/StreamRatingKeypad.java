package org.xephang.device.keypad;

import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.FramedReader;
import org.xephang.device.transport.ReconnectingTransport;

/** A keypad on a serial line or behind TCP, speaking a {@link KeypadProtocol}; see {@link RatingKeypad}. */
final class StreamRatingKeypad implements RatingKeypad {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRatingKeypad.class);

    private final String id;
    private final DeviceStatusTracker tracker;
    private final KeypadPresses presses;
    private final FramedReader reader;

    StreamRatingKeypad(
            String id,
            ReconnectingTransport transport,
            KeypadProtocol protocol,
            RatingCollector collector,
            Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.tracker = new DeviceStatusTracker(id, clock);
        this.presses = new KeypadPresses(id, collector);
        this.reader = new FramedReader(
                id,
                transport,
                protocol.decoder(
                        presses::press,
                        FrameSink.of(
                                frame -> {},
                                (count, reason) -> LOG.debug("{}: {} byte(s) rejected: {}", id, count, reason))),
                tracker);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public DeviceStatus status() {
        return tracker.current();
    }

    @Override
    public void addStatusListener(DeviceStatusListener listener) {
        tracker.addListener(listener);
    }

    @Override
    public void removeStatusListener(DeviceStatusListener listener) {
        tracker.removeListener(listener);
    }

    @Override
    public ButtonMapping mapping() {
        return presses.collector().mapping();
    }

    @Override
    public void awaitRating(String ticketId) {
        presses.collector().await(ticketId);
    }

    @Override
    public void cancelRating() {
        presses.collector().cancel();
    }

    @Override
    public String waitingTicket() {
        return presses.collector().waitingTicket();
    }

    @Override
    public void addRatingListener(RatingListener listener) {
        presses.addListener(listener);
    }

    @Override
    public void removeRatingListener(RatingListener listener) {
        presses.removeListener(listener);
    }

    @Override
    public void close() {
        reader.close();
        tracker.update(DeviceState.OFFLINE, "closed");
    }
}
