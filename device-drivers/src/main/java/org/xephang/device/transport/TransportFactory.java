package org.xephang.device.transport;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.transport.loopback.LoopbackTransport;
import org.xephang.device.transport.printservice.PrintServiceTransport;
import org.xephang.device.transport.serial.SerialSettings;
import org.xephang.device.transport.serial.SerialTransport;
import org.xephang.device.transport.tcp.TcpTransport;

/**
 * Makes the transport named in a device URI ({@code serial}, {@code tcp}, {@code cups}, {@code loopback}), wrapped in
 * a {@link ReconnectingTransport}. The device kind's defaults (port, baud) come from the caller.
 *
 * <p>Stateless; safe from any thread. Creating a transport does not open it.
 */
public final class TransportFactory {

    /** Parameters every transport reads (reconnection backoff). */
    public static final Set<String> COMMON_PARAMS = Set.of("reconnect", "reconnectMax");

    private TransportFactory() {}

    /**
     * Creates (but does not open) the transport of {@code uri}.
     *
     * @param defaultTcpPort port when a {@code tcp} address has none (printers: 9100)
     * @param defaultBaud baud rate when a {@code serial} URI has no {@code baud}
     * @throws InvalidDeviceUriException if the transport is missing or unknown, or a parameter is wrong
     */
    public static ReconnectingTransport create(DeviceUri uri, int defaultTcpPort, int defaultBaud, Clock clock)
            throws InvalidDeviceUriException {
        String name = uri.transport()
                .orElseThrow(() -> new InvalidDeviceUriException(
                        uri + ": no transport; expected serial://, tcp://, cups:// or loopback://"));
        Transport inner = switch (name) {
            case "tcp" -> TcpTransport.from(uri, defaultTcpPort);
            case "serial" -> SerialTransport.from(uri, defaultBaud);
            case "cups" -> new PrintServiceTransport(uri.address());
            case "loopback" -> LoopbackTransport.lookup(uri.address());
            default ->
                throw new InvalidDeviceUriException(
                        uri + ": unknown transport '" + name + "'; known: serial, tcp, cups, loopback");
        };
        return new ReconnectingTransport(inner, ReconnectBackoff.from(uri), clock);
    }

    /**
     * The settings of the link {@code uri} describes, with defaults applied, by URI parameter name (serial: baud,
     * dataBits, parity, stopBits, flow, writeTimeout; tcp: connectTimeout; all: reconnect, reconnectMax). Two URIs for
     * one port that differ here would want one link to behave two ways.
     *
     * @throws InvalidDeviceUriException if a parameter is wrong
     */
    public static Map<String, String> settingsOf(DeviceUri uri, int defaultBaud) throws InvalidDeviceUriException {
        Map<String, String> settings = new TreeMap<>();
        switch (uri.transport().orElse("")) {
            case "serial" -> {
                SerialSettings line = SerialSettings.from(uri, defaultBaud);
                settings.put("baud", Integer.toString(line.baud()));
                settings.put("dataBits", Integer.toString(line.dataBits()));
                settings.put("parity", line.parity());
                settings.put("stopBits", Integer.toString(line.stopBits()));
                settings.put("flow", line.flow().name().toLowerCase(Locale.ROOT));
                settings.put(
                        "writeTimeout",
                        millis(uri.durationParam("writeTimeout", SerialTransport.DEFAULT_WRITE_TIMEOUT)));
            }
            case "tcp" ->
                settings.put(
                        "connectTimeout",
                        millis(uri.durationParam("connectTimeout", TcpTransport.DEFAULT_CONNECT_TIMEOUT)));
            default -> {
                // cups and loopback have no settings of their own.
            }
        }
        ReconnectBackoff backoff = ReconnectBackoff.from(uri);
        settings.put("reconnect", millis(backoff.initial()));
        settings.put("reconnectMax", millis(backoff.max()));
        return settings;
    }

    private static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    /** The URI parameters the transport of {@code uri} reads (to reject typos with {@link DeviceUri}). */
    public static Set<String> paramsOf(DeviceUri uri) {
        Set<String> known = new HashSet<>(COMMON_PARAMS);
        switch (uri.transport().orElse("")) {
            case "tcp" -> known.addAll(TcpTransport.PARAMS);
            case "serial" -> known.addAll(SerialTransport.PARAMS);
            default -> {
                // cups and loopback read no parameters of their own.
            }
        }
        return known;
    }
}
