package org.xephang.device.led;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xephang.device.Device;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceProvider;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.device.transport.ReconnectBackoff;
import org.xephang.device.transport.ReconnectingTransport;
import org.xephang.device.transport.TransportFactory;

/**
 * Makes {@link LedDisplay} and {@link LedSummaryBoard} devices from URIs:
 *
 * <ul>
 *   <li>{@code led:ascii+serial:///dev/ttyUSB1?address=3} — a counter display; protocols {@code ascii} (the
 *       default), {@code armfly}, {@code modbus}; transports {@code serial} (default 9600 baud) and {@code tcp}
 *       (a serial-to-Ethernet gateway; default port 4001, or 502 for Modbus TCP).
 *   <li>{@code ledsummary:ascii+serial:///dev/ttyUSB1?address=10&lines=6} — a summary board, one line per address.
 *   <li>{@code sim:led?address=3&bus=default}, {@code sim:ledsummary?address=10&lines=6} — on the in-process
 *       {@link LedBusSimulator#named simulator}.
 * </ul>
 *
 * <p>Parameters: {@code address} (default 1), {@code lines} (summary, default 6), {@code gap} between frames
 * (default 300ms), {@code replyTimeout} (Modbus, default 500ms); ASCII frames: {@code start}, {@code end}
 * (e.g. {@code 0x02}), {@code addressFormat} (binary|decimal), {@code addressDigits}, {@code checksum}
 * (none|xor|sum), {@code width} (default 16); Armfly: {@code width}; Modbus: {@code framing} (rtu|tcp; default rtu on
 * serial, tcp on tcp), {@code mode} (auto|value|segments), {@code digits} (default 5); plus the transport's own
 * ({@code baud}, {@code reconnect}…). Displays naming the same port share one {@link LedBus}, so they must agree on
 * everything but {@code address} and {@code lines}: a display that does not is refused, naming the settings.
 *
 * <p>Stateless; thread-safe.
 */
public final class LedDeviceProvider implements DeviceProvider {

    private static final Set<String> COMMON = Set.of("address", "gap", "replyTimeout", "lines", "bus");
    private static final Set<String> ASCII =
            Set.of("start", "end", "addressFormat", "addressDigits", "checksum", "width");
    private static final Set<String> MODBUS = Set.of("framing", "mode", "digits");

    @Override
    public boolean accepts(DeviceUri uri) {
        return uri.scheme().equals("led")
                || uri.scheme().equals("ledsummary")
                || (uri.scheme().equals("sim")
                        && (uri.address().equals("led") || uri.address().equals("ledsummary")));
    }

    @Override
    public Device create(DeviceUri uri, Clock clock) throws DeviceException {
        boolean simulated = uri.scheme().equals("sim");
        boolean summary =
                simulated ? uri.address().equals("ledsummary") : uri.scheme().equals("ledsummary");
        String protocol = simulated ? "ascii" : uri.protocol().orElse("ascii");
        Set<String> known = new HashSet<>(COMMON);
        known.addAll(
                switch (protocol) {
                    case "ascii" -> ASCII;
                    case "armfly" -> Set.of("width");
                    case "modbus" -> MODBUS;
                    default ->
                        throw new InvalidDeviceUriException(
                                uri + ": unknown LED protocol '" + protocol + "'; known: ascii, armfly, modbus");
                });
        if (!simulated) {
            known.addAll(TransportFactory.paramsOf(uri));
        }
        uri.requireOnlyParams(known);
        int address = uri.intParam("address", 1, 0, 999);
        int lines = summary ? uri.intParam("lines", 6, 1, 64) : 1;
        Duration gap = uri.durationParam("gap", Duration.ofMillis(300));
        Duration replyTimeout = uri.durationParam("replyTimeout", Duration.ofMillis(500));
        String kind = summary ? "ledsummary" : "led";
        try {
            SharedLedBuses.Lease lease;
            if (simulated) {
                String busName = uri.param("bus", "default");
                LedBusSimulator simulator = LedBusSimulator.named(busName);
                checkAddresses(simulator.codec(), address, lines);
                lease = SharedLedBuses.acquire(
                        "sim:led/" + busName,
                        busSettings(protocol, simulator.codec(), gap, replyTimeout, Map.of()),
                        () -> new LedBus(
                                "sim:led/" + busName,
                                new ReconnectingTransport(simulator.connect(), ReconnectBackoff.DEFAULT, clock),
                                simulator.codec(),
                                gap,
                                replyTimeout,
                                clock));
            } else {
                LedCodec codec = codec(uri, protocol);
                checkAddresses(codec, address, lines);
                boolean modbus = protocol.equals("modbus");
                int defaultPort = modbus ? 502 : 4001;
                ReconnectingTransport transport = TransportFactory.create(uri, defaultPort, 9600, clock);
                String port = uri.transport().orElse("") + "://" + uri.address();
                lease = SharedLedBuses.acquire(
                        port,
                        busSettings(protocol, codec, gap, replyTimeout, TransportFactory.settingsOf(uri, 9600)),
                        () -> new LedBus(
                                kind + ":" + protocol + "+" + port, transport, codec, gap, replyTimeout, clock));
            }
            String id = simulated ? uri.toString() : uri.toString().replaceAll("\\?.*", "") + "?address=" + address;
            return summary
                    ? new BusLedSummaryBoard(id, lease, address, lines, clock)
                    : new BusLedDisplay(id, lease, address, clock);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeviceUriException(uri + ": " + e.getMessage());
        }
    }

    /** What displays sharing one bus must agree on, by URI parameter name, with defaults applied. */
    private static Map<String, String> busSettings(
            String protocol, LedCodec codec, Duration gap, Duration replyTimeout, Map<String, String> line) {
        Map<String, String> settings = new TreeMap<>(line);
        settings.putAll(codec.settings());
        settings.put("protocol", protocol);
        settings.put("gap", gap.toMillis() + "ms");
        settings.put("replyTimeout", replyTimeout.toMillis() + "ms");
        return settings;
    }

    /** Fails (IllegalArgumentException) now rather than at the first frame if an address is out of range. */
    private static void checkAddresses(LedCodec codec, int address, int lines) {
        for (int i = 0; i < lines; i++) {
            codec.encode(address + i, LedFrame.blank());
        }
    }

    private static LedCodec codec(DeviceUri uri, String protocol) throws InvalidDeviceUriException {
        try {
            return switch (protocol) {
                case "armfly" -> new ArmflyCodec(uri.intParam("width", 16, 1, LedFrame.MAX_LENGTH));
                case "modbus" -> {
                    String defaultFraming = uri.transport().orElse("").equals("tcp") ? "tcp" : "rtu";
                    ModbusLedCodec.Framing framing = ModbusLedCodec.Framing.valueOf(
                            uri.choiceParam("framing", defaultFraming, Set.of("rtu", "tcp"))
                                    .toUpperCase(Locale.ROOT));
                    ModbusLedCodec.Mode mode = ModbusLedCodec.Mode.valueOf(
                            uri.choiceParam("mode", "auto", Set.of("auto", "value", "segments"))
                                    .toUpperCase(Locale.ROOT));
                    yield new ModbusLedCodec(ModbusLedCodec.Options.defaults(framing)
                            .withMode(mode)
                            .withDigits(uri.intParam("digits", 5, 1, 16)));
                }
                default -> {
                    AsciiFrameCodec.Options options = AsciiFrameCodec.Options.defaults()
                            .withMarkers(byteParam(uri, "start", 0x01), byteParam(uri, "end", 0x07))
                            .withWidth(uri.intParam("width", 16, 1, LedFrame.MAX_LENGTH))
                            .withChecksum(AsciiFrameCodec.Checksum.valueOf(
                                    uri.choiceParam("checksum", "none", Set.of("none", "xor", "sum"))
                                            .toUpperCase(Locale.ROOT)));
                    if (uri.choiceParam("addressFormat", "binary", Set.of("binary", "decimal"))
                            .equals("decimal")) {
                        options = options.withDecimalAddress(uri.intParam("addressDigits", 3, 1, 3));
                    }
                    yield new AsciiFrameCodec(options);
                }
            };
        } catch (IllegalArgumentException e) {
            throw new InvalidDeviceUriException(uri + ": " + e.getMessage());
        }
    }

    private static int byteParam(DeviceUri uri, String name, int defaultValue) throws InvalidDeviceUriException {
        String raw = uri.param(name).orElse(null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            String value = raw.strip().toLowerCase(Locale.ROOT);
            int parsed = value.startsWith("0x") ? Integer.parseInt(value.substring(2), 16) : Integer.parseInt(value);
            if (parsed < 0 || parsed > 255) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidDeviceUriException(
                    uri + ": parameter '" + name + "' is '" + raw + "'; expected a byte such as 0x02 or 2");
        }
    }
}
