package org.xephang.device.scanner;

import java.nio.charset.StandardCharsets;
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
final class StreamBarcodeScanner implements BarcodeScanner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamBarcodeScanner.class);
    private static final int MAX_LINE = 4096;

    private final String id;
    private final DeviceStatusTracker tracker;
    private final ScanListeners listeners;
    private final FramedReader reader;

    StreamBarcodeScanner(
            String id, ReconnectingTransport transport, LineEnding suffix, ScannedPayloadParser parser, Clock clock) {
        this.id = Objects.requireNonNull(id, "id");
        this.tracker = new DeviceStatusTracker(id, clock);
        this.listeners = new ScanListeners(id, parser, clock);
        LineFramer framer = new LineFramer(
                suffix,
                MAX_LINE,
                FrameSink.of(
                        line -> listeners.deliver(new String(line, StandardCharsets.UTF_8)),
                        (count, reason) -> LOG.warn("{}: {} byte(s) dropped: {}", id, count, reason)));
        this.reader = new FramedReader(id, transport, framer, tracker);
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
    public void addScanListener(ScanListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeScanListener(ScanListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        reader.close();
        tracker.update(DeviceState.OFFLINE, "closed");
    }
}
