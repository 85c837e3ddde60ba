package org.xephang.device.scanner;

/** Receives scans; see {@link BarcodeScanner} for the threading contract. */
@FunctionalInterface
public interface ScanListener {

    void scanned(Scan scan);
}
