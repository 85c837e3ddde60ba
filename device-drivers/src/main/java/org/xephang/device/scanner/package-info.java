/**
 * Barcode and QR scanners, and what a scanned text means.
 *
 * <p>{@link org.xephang.device.scanner.ScannedPayloadParser} (pure, shared by kiosk and counter) turns any scanned
 * text into a dossier code, one of our ticket ids, or a Vietnamese "Không đọc được mã hồ sơ…" message.
 * {@link org.xephang.device.scanner.BarcodeScanner} devices (serial/USB-CDC, TCP, JavaPOS, simulated) deliver
 * {@link org.xephang.device.scanner.Scan}s carrying both text and meaning.
 * {@link org.xephang.device.scanner.KeyboardWedgeClassifier} tells a keyboard-wedge scanner from typing by timing.
 * URIs: see {@link org.xephang.device.scanner.ScannerDeviceProvider}. Simulators:
 * {@link org.xephang.device.scanner.sim.SimulatedBarcodeScanner} (in-process, {@code inject}) and
 * {@link org.xephang.device.scanner.sim.ScannerSimulator} (over TCP or a pty).
 */
package org.xephang.device.scanner;
