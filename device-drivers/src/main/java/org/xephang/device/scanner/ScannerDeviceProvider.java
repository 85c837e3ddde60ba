package org.xephang.device.scanner;

import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import jpos.Scanner;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceProvider;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.scanner.sim.SimulatedBarcodeScanner;
import org.xephang.device.transport.TransportFactory;

/**
 * Makes {@link BarcodeScanner}s from URIs:
 *
 * <ul>
 *   <li>{@code scanner:serial:///dev/ttyACM0?suffix=CR} — serial or USB-CDC; {@code suffix} CR (default), LF,
 *       CRLF or ANY; {@code baud} (default 9600; CDC ignores it); {@code ime} telex (default), vni or none — the
 *       input method whose rewriting the parser undoes (only matters for scanners that went through a keyboard).
 *   <li>{@code scanner:tcp://10.0.0.50:4001?suffix=CR} — a scanner behind a serial-to-Ethernet adapter.
 *   <li>{@code scanner:javapos://Scanner1} — a JavaPOS Scanner service from {@code jpos.xml}.
 *   <li>{@code sim:scanner?name=kiosk1} — the in-process {@link SimulatedBarcodeScanner#named simulator}.
 * </ul>
 *
 * <p>Stateless; thread-safe.
 */
public final class ScannerDeviceProvider implements DeviceProvider {

    @Override
    public boolean accepts(DeviceUri uri) {
        return uri.scheme().equals("scanner")
                || (uri.scheme().equals("sim") && uri.address().equals("scanner"));
    }

    @Override
    public Device create(DeviceUri uri, Clock clock) throws DeviceException {
        if (uri.scheme().equals("sim")) {
            uri.requireOnlyParams(Set.of("name"));
            return SimulatedBarcodeScanner.named(uri.param("name", "default"));
        }
        ScannedPayloadParser parser = new ScannedPayloadParser(ScannedPayloadParser.InputMethod.valueOf(
                uri.choiceParam("ime", "telex", Set.of("telex", "vni", "none")).toUpperCase(Locale.ROOT)));
        String transport = uri.transport().orElse("");
        if (transport.equals("javapos")) {
            uri.requireOnlyParams(Set.of("ime"));
            return new JavaPosBarcodeScanner(uri.address(), new Scanner(), parser, clock);
        }
        if (!transport.equals("serial") && !transport.equals("tcp")) {
            throw new InvalidDeviceUriException(
                    uri + ": a scanner is reached over serial://, tcp:// or javapos://; e.g."
                            + " scanner:serial:///dev/ttyACM0?suffix=CR");
        }
        Set<String> known = new HashSet<>(TransportFactory.paramsOf(uri));
        known.addAll(Set.of("suffix", "ime"));
        uri.requireOnlyParams(known);
        LineEnding suffix;
        try {
            suffix = LineEnding.parse(uri.param("suffix", "CR"));
        } catch (IllegalArgumentException e) {
            throw new InvalidDeviceUriException(uri + ": " + e.getMessage());
        }
        return new StreamBarcodeScanner(
                uri.toString(), TransportFactory.create(uri, 4001, 9600, clock), suffix, parser, clock);
    }
}
