package org.xephang.device.keypad;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import jpos.POSKeyboard;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceProvider;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.keypad.sim.SimulatedRatingKeypad;
import org.xephang.device.transport.TransportFactory;

/**
 * Makes {@link RatingKeypad}s from URIs:
 *
 * <ul>
 *   <li>{@code keypad:serial:///dev/ttyUSB2} — line protocol: {@code suffix} (CR, LF, CRLF, ANY: default),
 *       {@code prefix} (default none), so a press of button 2 is {@code 2\r} or {@code K2\r\n};
 *   <li>{@code keypad:frame+serial:///dev/ttyUSB2?address=7} — frame protocol {@code start address button check end}
 *       with {@code start}/{@code end} (default 0x02/0x03) and the keypad's {@code address} (default 1);
 *   <li>{@code keypad:tcp://host:port} (either protocol) behind a serial-to-Ethernet adapter;
 *   <li>{@code keypad:javapos://POSKeyboard1} — a JavaPOS POSKeyboard service;
 *   <li>{@code sim:keypad?name=counter3} — the in-process {@link SimulatedRatingKeypad#named simulator}.
 * </ul>
 *
 * <p>Every kind: {@code scale} 3 (default), 4 or 5; {@code map} button→level such as {@code 1:1,2:2,3:3} (default
 * buttons 1..n, 1 = best; {@code map=reversed} for n..1); {@code debounce} (default 300ms); {@code window} how long
 * after completion a press still rates the ticket (default 2m). The simulator takes {@code scale} only.
 *
 * <p>Stateless; thread-safe.
 */
public final class KeypadDeviceProvider implements DeviceProvider {

    private static final Set<String> RATING = Set.of("scale", "map", "debounce", "window");

    @Override
    public boolean accepts(DeviceUri uri) {
        return uri.scheme().equals("keypad")
                || (uri.scheme().equals("sim") && uri.address().equals("keypad"));
    }

    @Override
    public Device create(DeviceUri uri, Clock clock) throws DeviceException {
        int levels = uri.intParam("scale", 3, 3, 5);
        if (uri.scheme().equals("sim")) {
            uri.requireOnlyParams(Set.of("name", "scale"));
            try {
                return SimulatedRatingKeypad.named(uri.param("name", "default"), levels);
            } catch (IllegalArgumentException e) {
                throw new InvalidDeviceUriException(uri + ": " + e.getMessage());
            }
        }
        RatingScale scale = RatingScale.of(levels);
        ButtonMapping mapping;
        try {
            String map = uri.param("map", "");
            mapping = map.isBlank()
                    ? ButtonMapping.standard(scale)
                    : map.equals("reversed") ? ButtonMapping.reversed(scale) : ButtonMapping.parse(scale, map);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeviceUriException(uri + ": parameter 'map': " + e.getMessage());
        }
        RatingCollector collector = new RatingCollector(
                mapping,
                uri.durationParam("debounce", Duration.ofMillis(300)),
                uri.durationParam("window", Duration.ofMinutes(2)),
                clock);
        String transport = uri.transport().orElse("");
        if (transport.equals("javapos")) {
            uri.requireOnlyParams(RATING);
            return new JavaPosRatingKeypad(uri.address(), new POSKeyboard(), collector, clock);
        }
        if (!transport.equals("serial") && !transport.equals("tcp")) {
            throw new InvalidDeviceUriException(uri + ": a keypad is reached over serial://, tcp:// or javapos://; e.g."
                    + " keypad:serial:///dev/ttyUSB2");
        }
        String protocolName = uri.protocol().orElse("line");
        Set<String> known = new HashSet<>(RATING);
        known.addAll(TransportFactory.paramsOf(uri));
        KeypadProtocol protocol;
        switch (protocolName) {
            case "line" -> {
                known.addAll(Set.of("suffix", "prefix"));
                uri.requireOnlyParams(known);
                try {
                    protocol =
                            KeypadProtocol.line(LineEnding.parse(uri.param("suffix", "ANY")), uri.param("prefix", ""));
                } catch (IllegalArgumentException e) {
                    throw new InvalidDeviceUriException(uri + ": " + e.getMessage());
                }
            }
            case "frame" -> {
                known.addAll(Set.of("address", "start", "end"));
                uri.requireOnlyParams(known);
                protocol = KeypadProtocol.frame(
                        uri.intParam("address", 1, 0, 255),
                        uri.intParam("start", 2, 0, 255),
                        uri.intParam("end", 3, 0, 255));
            }
            default ->
                throw new InvalidDeviceUriException(
                        uri + ": unknown keypad protocol '" + protocolName + "'; known: line, frame");
        }
        return new StreamRatingKeypad(
                uri.toString(), TransportFactory.create(uri, 4001, 9600, clock), protocol, collector, clock);
    }
}
