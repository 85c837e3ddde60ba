package org.xephang.device.scanner;

import org.xephang.device.Device;

/**
 * A barcode/QR scanner that delivers scans to listeners: a serial or USB-CDC scanner
 * ({@code scanner:serial:///dev/ttyACM0?suffix=CR}), one behind TCP ({@code scanner:tcp://host:port}), a JavaPOS
 * Scanner service ({@code scanner:javapos://LogicalName}) or the simulator ({@code sim:scanner?name=kiosk1}).
 *
 * <p>Each {@link Scan} carries the text and what it means ({@link ScannedPayloadParser}); control bytes and the
 * suffix are already removed. Status: ONLINE, OFFLINE with the reason, since when.
 *
 * <p>Threading: thread-safe; listeners are called on the scanner's reader thread, one scan at a time, in order:
 * return quickly (hand off to your executor or event loop). A listener that throws is logged and the scanner goes
 * on.
 */
public interface BarcodeScanner extends Device {

    /** Registers a listener for scans. */
    void addScanListener(ScanListener listener);

    /** Removes a listener. */
    void removeScanListener(ScanListener listener);
}
