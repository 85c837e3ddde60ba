package org.xephang.device.keypad.sim;

import java.io.IOException;
import java.util.Objects;
import org.xephang.device.framing.sim.PeerEndpoint;
import org.xephang.device.keypad.KeypadProtocol;
import org.xephang.device.transport.Transport;

/**
 * A keypad outside the process, as a serial keypad is: {@link #press} sends the button in the keypad's protocol to
 * every connected host ({@code keypad:tcp://127.0.0.1:PORT}, or {@code keypad:serial:///path/of/pty} with
 * {@link #attach} on the other end of a socat pair). Used by {@code xephang devsim} and integration tests.
 *
 * <p>Thread-safe.
 */
public final class KeypadSimulator implements AutoCloseable {

    private final PeerEndpoint endpoint;
    private final KeypadProtocol protocol;

    public KeypadSimulator(String name, KeypadProtocol protocol) {
        this.endpoint = new PeerEndpoint("keypad " + name);
        this.protocol = Objects.requireNonNull(protocol, "protocol");
    }

    /** Accepts hosts on 127.0.0.1 ({@code port} 0 = a free one); returns the port. */
    public int listenTcp(int port) throws IOException {
        return endpoint.listenTcp(port);
    }

    /** Sends presses through {@code link} too. */
    public void attach(Transport link) {
        endpoint.attach(link);
    }

    /**
     * Presses {@code button}.
     *
     * @return how many hosts it reached
     */
    public int press(String button) {
        return endpoint.send(protocol.encode(button));
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
