package org.xephang.device.scanner;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one scanner, and how raw scanner text becomes a {@link Scan}: shared by every
 * {@link BarcodeScanner} implementation (serial, JavaPOS, simulated).
 *
 * <p>Thread-safe.
 */
final class ScanListeners {

    private static final Logger LOG = LoggerFactory.getLogger(ScanListeners.class);

    private final String deviceId;
    private final ScannedPayloadParser parser;
    private final Clock clock;
    private final List<ScanListener> listeners = new CopyOnWriteArrayList<>();

    ScanListeners(String deviceId, ScannedPayloadParser parser, Clock clock) {
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void add(ScanListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(ScanListener listener) {
        listeners.remove(listener);
    }

    /**
     * Delivers what the scanner sent (control characters are stripped; blank input is dropped with a debug line).
     *
     * @return the scan delivered, or null for blank input
     */
    Scan deliver(String raw) {
        String text = raw.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        if (text.isEmpty()) {
            LOG.debug("{}: blank scan ignored", deviceId);
            return null;
        }
        Scan scan = new Scan(text, parser.parse(text), clock.instant());
        LOG.debug(
                "{}: scan of {} characters: {}",
                deviceId,
                text.length(),
                scan.payload().getClass().getSimpleName());
        for (ScanListener listener : listeners) {
            try {
                listener.scanned(scan);
            } catch (RuntimeException e) {
                LOG.error("{}: scan listener {} failed", deviceId, listener, e);
            }
        }
        return scan;
    }
}
