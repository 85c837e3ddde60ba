package org.xephang.device.keypad;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.FramedReader;
import org.xephang.device.transport.ReconnectingTransport;

/** A keypad on a serial line or behind TCP, speaking a {@link KeypadProtocol}; see {@link RatingKeypad}. */
final class StreamRatingKeypad extends TrackedRatingKeypad {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRatingKeypad.class);

    private final FramedReader reader;

    StreamRatingKeypad(
            String id,
            ReconnectingTransport transport,
            KeypadProtocol protocol,
            RatingCollector collector,
            Clock clock) {
        super(id, collector, clock);
        this.reader = new FramedReader(
                id,
                transport,
                protocol.decoder(
                        this::press,
                        FrameSink.of(
                                frame -> {},
                                (count, reason) -> LOG.debug("{}: {} byte(s) rejected: {}", id, count, reason))),
                tracker());
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public void close() {
        reader.close();
        tracker().update(DeviceState.OFFLINE, "closed");
    }
}
