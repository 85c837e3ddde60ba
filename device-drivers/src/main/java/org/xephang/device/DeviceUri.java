package org.xephang.device;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device address of the form {@code kind:[protocol+]transport://address?params} (docs/architecture.md §8).
 *
 * <p>Examples and how they split:
 *
 * <ul>
 *   <li>{@code escpos:serial:///dev/ttyUSB0?baud=115200} → scheme {@code escpos}, transport {@code serial}, address
 *       {@code /dev/ttyUSB0}, param {@code baud=115200}
 *   <li>{@code escpos:tcp://10.0.0.31:9100?profile=tm-t20iii&mode=hybrid} → transport {@code tcp}, address
 *       {@code 10.0.0.31:9100}
 *   <li>{@code escpos:cups://TM-T20III} → transport {@code cups}, address {@code TM-T20III}
 *   <li>{@code led:ascii+serial:///dev/ttyUSB1} → protocol {@code ascii}, transport {@code serial}
 *   <li>{@code javapos://POSPrinter1} → scheme {@code javapos}, no transport, address {@code POSPrinter1}
 *   <li>{@code sim:printer?dir=/tmp/x} → scheme {@code sim}, no transport, address {@code printer}
 * </ul>
 *
 * <p>Parameter values are percent-decoded ({@code %20}); a {@code +} stays a plus. Parameter accessors throw
 * {@link InvalidDeviceUriException} naming the parameter, the bad value and what is allowed.
 *
 * <p>Immutable; safe from any thread.
 */
public final class DeviceUri {

    private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9-]*):(.*)", Pattern.DOTALL);
    private static final Pattern TRANSPORT = Pattern.compile("(?:([a-z][a-z0-9-]*)\\+)?([a-z][a-z0-9-]*)://(.*)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    private final String text;
    private final String scheme;
    private final String protocol;
    private final String transport;
    private final String address;
    private final Map<String, String> params;

    private DeviceUri(
            String text, String scheme, String protocol, String transport, String address, Map<String, String> params) {
        this.text = text;
        this.scheme = scheme;
        this.protocol = protocol;
        this.transport = transport;
        this.address = address;
        this.params = params;
    }

    /**
     * Parses a device URI.
     *
     * @throws InvalidDeviceUriException if the text does not have the form {@code kind:transport://address?params}
     */
    public static DeviceUri parse(String text) throws InvalidDeviceUriException {
        if (text == null || text.isBlank()) {
            throw new InvalidDeviceUriException("device URI is empty; expected e.g. escpos:tcp://10.0.0.31:9100");
        }
        String trimmed = text.strip();
        Matcher schemeMatch = SCHEME.matcher(trimmed);
        if (!schemeMatch.matches()) {
            throw new InvalidDeviceUriException("device URI '" + trimmed
                    + "' has no lower-case kind before ':'; expected e.g. escpos:tcp://10.0.0.31:9100 or sim:printer");
        }
        String scheme = schemeMatch.group(1);
        String rest = schemeMatch.group(2);
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        String protocol = null;
        String transport = null;
        String address;
        if (rest.startsWith("//")) {
            address = rest.substring(2);
        } else {
            Matcher transportMatch = TRANSPORT.matcher(rest);
            if (transportMatch.matches()) {
                protocol = transportMatch.group(1);
                transport = transportMatch.group(2);
                address = transportMatch.group(3);
            } else {
                address = rest;
            }
        }
        address = decode(address, trimmed);
        if (address.isEmpty()) {
            throw new InvalidDeviceUriException("device URI '" + trimmed + "' has no address after the kind"
                    + (transport == null ? "" : " and transport '" + transport + "'"));
        }
        return new DeviceUri(trimmed, scheme, protocol, transport, address, parseQuery(query, trimmed));
    }

    private static Map<String, String> parseQuery(String query, String text) throws InvalidDeviceUriException {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return Collections.unmodifiableMap(params);
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), text);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), text);
            if (key.isEmpty()) {
                throw new InvalidDeviceUriException("device URI '" + text + "' has a parameter without a name");
            }
            if (params.put(key, value) != null) {
                throw new InvalidDeviceUriException("device URI '" + text + "' sets parameter '" + key + "' twice");
            }
        }
        return Collections.unmodifiableMap(params);
    }

    private static String decode(String raw, String text) throws InvalidDeviceUriException {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidDeviceUriException("device URI '" + text + "' has a truncated %-escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new InvalidDeviceUriException("device URI '" + text + "' has a bad %-escape at " + i);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The device kind before the first colon: {@code escpos}, {@code led}, {@code javapos}, {@code sim}… */
    public String scheme() {
        return scheme;
    }

    /** The protocol before {@code +} in the transport part, e.g. {@code ascii} in {@code led:ascii+serial://…}. */
    public Optional<String> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** The transport: {@code serial}, {@code tcp}, {@code cups}, {@code loopback}; empty for {@code sim:…}. */
    public Optional<String> transport() {
        return Optional.ofNullable(transport);
    }

    /** The address: a device path, {@code host:port}, a print-service name, a logical name, or a simulator kind. */
    public String address() {
        return address;
    }

    /** All parameters in the order written. */
    public Map<String, String> params() {
        return params;
    }

    /** A parameter's value, if set. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /** A parameter's value, or {@code defaultValue} when absent. */
    public String param(String name, String defaultValue) {
        return params.getOrDefault(name, defaultValue);
    }

    /** A whole-number parameter in {@code [min, max]}, or {@code defaultValue} when absent. */
    public int intParam(String name, int defaultValue, int min, int max) throws InvalidDeviceUriException {
        String raw = params.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidDeviceUriException(
                    this + ": parameter '" + name + "' is '" + raw + "'; expected a whole number " + min + "–" + max);
        }
    }

    /** A boolean parameter ({@code true}/{@code false}/{@code yes}/{@code no}/{@code 1}/{@code 0}). */
    public boolean booleanParam(String name, boolean defaultValue) throws InvalidDeviceUriException {
        String raw = params.get(name);
        if (raw == null) {
            return defaultValue;
        }
        switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on", "":
                return true;
            case "false", "no", "0", "off":
                return false;
            default:
                throw new InvalidDeviceUriException(
                        this + ": parameter '" + name + "' is '" + raw + "'; expected true or false");
        }
    }

    /** A duration parameter: {@code 500ms}, {@code 2s}, {@code 1m} or plain milliseconds. */
    public Duration durationParam(String name, Duration defaultValue) throws InvalidDeviceUriException {
        String raw = params.get(name);
        if (raw == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(raw.strip());
        if (!m.matches()) {
            throw new InvalidDeviceUriException(
                    this + ": parameter '" + name + "' is '" + raw + "'; expected a duration such as 500ms, 2s or 1m");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    /** A parameter that must be one of {@code allowed} (compared in lower case). */
    public String choiceParam(String name, String defaultValue, Set<String> allowed) throws InvalidDeviceUriException {
        String raw = params.get(name);
        if (raw == null) {
            return defaultValue;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new InvalidDeviceUriException(this + ": parameter '" + name + "' is '" + raw + "'; allowed: "
                    + String.join(", ", new TreeSet<>(allowed)));
        }
        return value;
    }

    /**
     * Rejects parameters nobody reads, so that typos ({@code baudrate=} for {@code baud=}) are reported at start.
     *
     * @param known every parameter the provider and its transport understand
     */
    public void requireOnlyParams(Set<String> known) throws InvalidDeviceUriException {
        List<String> unknown = new ArrayList<>();
        for (String key : params.keySet()) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidDeviceUriException(this + ": unknown parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; known: " + String.join(", ", new TreeSet<>(known)));
        }
    }

    /**
     * The address as host and port (unresolved), e.g. {@code 10.0.0.31:9100}; {@code [::1]:9100} for IPv6.
     *
     * @param defaultPort used when the address has no port
     */
    public InetSocketAddress hostAndPort(int defaultPort) throws InvalidDeviceUriException {
        String host = address;
        int port = defaultPort;
        int colon = address.lastIndexOf(':');
        boolean bracketed = address.startsWith("[");
        if (colon > 0 && (!bracketed || address.lastIndexOf(']') < colon)) {
            host = address.substring(0, colon);
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new InvalidDeviceUriException(
                        this + ": port '" + address.substring(colon + 1) + "' is not a number 0–65535");
            }
        }
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.contains("/")) {
            throw new InvalidDeviceUriException(this + ": '" + address + "' is not host:port");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** A copy with one parameter set (used by tools that add defaults). */
    public DeviceUri withParam(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        copy.put(name, value);
        StringBuilder sb = new StringBuilder(text.contains("?") ? text.substring(0, text.indexOf('?')) : text);
        char sep = '?';
        for (Map.Entry<String, String> e : copy.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = '&';
        }
        return new DeviceUri(sb.toString(), scheme, protocol, transport, address, Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceUri other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    /** The URI as written (trimmed). */
    @Override
    public String toString() {
        return text;
    }
}
