package org.xephang.device.scanner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceState;
import org.xephang.device.framing.FrameSink;
import org.xephang.device.framing.FramedReader;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.framing.LineFramer;
import org.xephang.device.transport.ReconnectingTransport;

/**
 * A scanner that sends each code as a line over a serial port (USB-CDC, RS-232) or TCP: a {@link LineFramer} on a
 * {@link FramedReader}. Codes are read as UTF-8 (ASCII scanners are a subset); a line longer than 4096 bytes is
 * discarded.
 *
 * <p>Threading: see {@link BarcodeScanner}.
 */
final class StreamBarcodeScanner extends TrackedBarcodeScanner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBarcodeScanner.class);
    private static final int MAX_LINE = 4096;

    private final FramedReader reader;

    StreamBarcodeScanner(
            String id, ReconnectingTransport transport, LineEnding suffix, ScannedPayloadParser parser, Clock clock) {
        super(id, parser, clock);
        LineFramer framer = new LineFramer(
                suffix,
                MAX_LINE,
                FrameSink.of(
                        line -> deliver(new String(line, StandardCharsets.UTF_8)),
                        (count, reason) -> LOG.warn("{}: {} byte(s) dropped: {}", id, count, reason)));
        this.reader = new FramedReader(id, transport, framer, tracker());
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
