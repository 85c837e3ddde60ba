package org.xephang.device.scanner.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.xephang.device.framing.LineEnding;
import org.xephang.device.framing.sim.PeerEndpoint;
import org.xephang.device.transport.Transport;

/**
 * A scanner outside the process, as a serial or TCP scanner is: {@link #scan} sends the code and the suffix to
 * every connected host ({@code scanner:tcp://127.0.0.1:PORT?suffix=CR}, or {@code scanner:serial:///path/of/pty}
 * with {@link #attach} on the other end of a socat pair). Used by {@code xephang devsim} and integration tests.
 *
 * <p>Thread-safe.
 */
public final class ScannerSimulator implements AutoCloseable {

    private final PeerEndpoint endpoint;
    private final LineEnding suffix;

    public ScannerSimulator(String name, LineEnding suffix) {
        this.endpoint = new PeerEndpoint("scanner " + name);
        this.suffix = Objects.requireNonNull(suffix, "suffix");
    }

    /** Accepts hosts on 127.0.0.1 ({@code port} 0 = a free one); returns the port. */
    public int listenTcp(int port) throws IOException {
        return endpoint.listenTcp(port);
    }

    /** Sends scans through {@code link} too (e.g. a serial transport on a pty). */
    public void attach(Transport link) {
        endpoint.attach(link);
    }

    /**
     * Scans {@code code}: sends it (UTF-8) and the suffix.
     *
     * @return how many hosts it reached
     */
    public int scan(String code) {
        byte[] text = code.getBytes(StandardCharsets.UTF_8);
        byte[] end = suffix.bytes();
        byte[] bytes = new byte[text.length + end.length];
        System.arraycopy(text, 0, bytes, 0, text.length);
        System.arraycopy(end, 0, bytes, text.length, end.length);
        return endpoint.send(bytes);
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
