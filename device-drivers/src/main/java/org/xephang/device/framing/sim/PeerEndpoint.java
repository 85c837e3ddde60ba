package org.xephang.device.framing.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.transport.Transport;

/**
 * The device's end of simulated input devices (a scanner, a keypad) reachable from outside the process: bytes given
 * to {@link #send} go to every connected host, over TCP clients ({@link #listenTcp}) or a link such as the far end
 * of a socat pty pair ({@link #attach}), reopened when it drops.
 *
 * <p>Thread-safe.
 */
public final class PeerEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerEndpoint.class);

    private final String name;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Transport> links = new CopyOnWriteArrayList<>();
    private final List<ServerSocket> servers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public PeerEndpoint(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Accepts hosts on {@code 127.0.0.1:port} (0 = a free port).
     *
     * @return the port
     */
    public int listenTcp(int port) throws IOException {
        return listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Accepts hosts on {@code address}. */
    public int listenTcp(InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true); // a restarted simulator gets its port back at once
        server.bind(address);
        servers.add(server);
        Thread accept = new Thread(
                () -> {
                    while (!closed) {
                        try {
                            Socket socket = server.accept();
                            sockets.add(socket);
                            drain(socket);
                        } catch (IOException e) {
                            if (!closed) {
                                LOG.warn("{}: accepting on {} stopped: {}", name, server.getLocalPort(), e.toString());
                            }
                            return;
                        }
                    }
                },
                "xephang-sim " + name + " accept");
        accept.setDaemon(true);
        accept.start();
        return server.getLocalPort();
    }

    /** Reads and ignores what a host sends, so that a closed connection is noticed and forgotten. */
    private void drain(Socket socket) {
        Thread reader = new Thread(
                () -> {
                    try (socket) {
                        byte[] buffer = new byte[256];
                        while (socket.getInputStream().read(buffer) >= 0) {
                            // Input devices ignore what hosts send them.
                        }
                    } catch (IOException e) {
                        LOG.debug("{}: connection ended: {}", name, e.toString());
                    } finally {
                        sockets.remove(socket);
                    }
                },
                "xephang-sim " + name + " " + socket.getRemoteSocketAddress());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Sends to hosts through {@code link} too. A thread keeps the link open and reads it (ignoring what the host
     * sends), so that a line that went away is closed at once and reopened when it comes back, as a device's own
     * firmware would; {@link #send} skips a link that is not open.
     */
    public void attach(Transport link) {
        links.add(Objects.requireNonNull(link, "link"));
        Thread watcher = new Thread(() -> watch(link), "xephang-sim " + name + " " + link.describe());
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(Transport link) {
        byte[] buffer = new byte[256];
        while (!closed && links.contains(link)) {
            try {
                if (!link.isOpen()) {
                    link.open();
                }
                link.read(buffer, Duration.ofMillis(100));
            } catch (DeviceException e) {
                link.close();
                LOG.debug("{}: {} down: {}", name, link.describe(), e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** How many TCP hosts are connected. */
    public int tcpConnections() {
        return sockets.size();
    }

    /**
     * Sends {@code bytes} to every connected host.
     *
     * @return how many hosts it reached
     */
    public int send(byte[] bytes) {
        int reached = 0;
        for (Socket socket : sockets) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                reached++;
            } catch (IOException e) {
                sockets.remove(socket);
                LOG.debug("{}: host {} gone: {}", name, socket.getRemoteSocketAddress(), e.toString());
            }
        }
        for (Transport link : links) {
            if (!link.isOpen()) {
                continue;
            }
            try {
                link.write(bytes);
                link.flush();
                reached++;
            } catch (DeviceDisconnectedException e) {
                link.close();
                LOG.debug("{}: {} not connected: {}", name, link.describe(), e.getMessage());
            } catch (DeviceException e) {
                LOG.warn("{}: sending on {} failed: {}", name, link.describe(), e.getMessage());
            }
        }
        return reached;
    }

    /** Drops every connection and stops listening. */
    @Override
    public void close() {
        closed = true;
        for (ServerSocket server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.debug("{}: closing server: {}", name, e.toString());
            }
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("{}: closing connection: {}", name, e.toString());
            }
        }
        for (Transport link : links) {
            link.close();
        }
        sockets.clear();
        links.clear();
        servers.clear();
    }

    @Override
    public String toString() {
        return name + " (" + sockets.size() + " TCP host(s), " + links.size() + " link(s))";
    }
}
