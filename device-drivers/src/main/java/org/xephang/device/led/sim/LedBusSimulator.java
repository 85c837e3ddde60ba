package org.xephang.device.led.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceState;
import org.xephang.device.led.AsciiFrameCodec;
import org.xephang.device.led.LedBoardDecoder;
import org.xephang.device.led.LedCodec;
import org.xephang.device.transport.Transport;

/**
 * A simulated RS-485 bus full of LED boards: decodes what drivers send with a {@link LedCodec} and remembers what
 * every address shows, answering as the boards would (Modbus acknowledgements). Tests and the demo's devices page
 * read it with {@link #shown()} or a {@link Listener}.
 *
 * <p>Reachable in-process ({@code sim:led} displays use {@link #named} and {@link #connect()}), over TCP ({@link #listenTcp}), or over
 * any transport such as the far end of a socat pty pair ({@link #attach(Transport)}).
 *
 * <p>Thread-safe. Listeners are called on the simulator's reading threads: return quickly.
 */
public final class LedBusSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LedBusSimulator.class);
    private static final Map<String, LedBusSimulator> NAMED = new ConcurrentHashMap<>();

    /** Hears what the boards show. */
    @FunctionalInterface
    public interface Listener {
        /** The board at {@code address} now shows {@code text} (empty: blank). */
        void shown(int address, String text);
    }

    private final String name;
    private final LedCodec codec;
    private final Map<Integer, String> shown = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private volatile int rejectedBytes;
    private volatile boolean closed;
    private volatile boolean connected = true;

    public LedBusSimulator(String name, LedCodec codec) {
        this.name = Objects.requireNonNull(name, "name");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The in-process simulator called {@code name} (created on first use with the default ASCII frame codec, 64
     * characters wide); {@code sim:led?bus=name} displays talk to it. The default bus is {@code "default"}.
     */
    public static LedBusSimulator named(String name) {
        return NAMED.computeIfAbsent(
                name,
                n -> new LedBusSimulator(
                        n,
                        new AsciiFrameCodec(AsciiFrameCodec.Options.defaults().withWidth(64))));
    }

    /** The names of the in-process simulated buses created so far (for the demo's devices page). */
    public static Set<String> names() {
        return Set.copyOf(NAMED.keySet());
    }

    public String name() {
        return name;
    }

    public LedCodec codec() {
        return codec;
    }

    /** What every address shows, by address. */
    public SortedMap<Integer, String> shown() {
        return new TreeMap<>(shown);
    }

    /** What {@code address} shows; empty if nothing was ever sent to it. */
    public Optional<String> shown(int address) {
        return Optional.ofNullable(shown.get(address));
    }

    /** Bytes that were not valid frames so far (line noise, wrong protocol). */
    public int rejectedBytes() {
        return rejectedBytes;
    }

    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /** Forgets what the boards show (as after a power cut). */
    public void clear() {
        shown.clear();
    }

    /**
     * A transport straight into this simulator, for in-process displays ({@code sim:led}): what a driver writes is
     * decoded at once on the writing thread, and the boards' answers wait to be read. While the simulator is
     * {@link #setConnected unplugged}, opening, reading and writing fail as with a pulled cable.
     */
    public Transport connect() {
        return new InProcessLink();
    }

    /** Simulates pulling out ({@code false}) or plugging back in ({@code true}) the bus cable of in-process links. */
    public void setConnected(boolean value) {
        connected = value;
    }

    /** Whether in-process links are plugged in. */
    public boolean connected() {
        return connected;
    }

    /**
     * Serves the far end of a link, e.g. a {@code SerialTransport} on the second pty of a socat pair; reopens it
     * when it drops, until {@link #close()}.
     */
    public void attach(Transport link) {
        resources.add(link);
        LedBoardDecoder decoder = codec.boardDecoder(new Board(bytes -> {
            try {
                link.write(bytes);
            } catch (DeviceException e) {
                LOG.debug("{}: reply not sent on {}: {}", name, link.describe(), e.getMessage());
            }
        }));
        pump(link.describe(), () -> {
            byte[] buffer = new byte[512];
            while (!closed) {
                try {
                    if (!link.isOpen()) {
                        link.open();
                        decoder.reset();
                    }
                    int n = link.read(buffer, Duration.ofMillis(100));
                    if (n > 0) {
                        decoder.feed(buffer, 0, n);
                    }
                } catch (DeviceDisconnectedException e) {
                    link.close();
                    sleepQuietly(100);
                } catch (DeviceException e) {
                    LOG.warn("{}: {}: {}", name, link.describe(), e.getMessage());
                    sleepQuietly(100);
                }
            }
        });
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0 = a free port) for drivers ({@code led:ascii+tcp://127.0.0.1:PORT}),
     * any number of connections at once.
     *
     * @return the port listened on
     */
    public int listenTcp(int port) throws IOException {
        return listenTcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Listens on {@code address}; see {@link #listenTcp(int)}. */
    public int listenTcp(InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true); // a restarted simulator gets its port back at once
        server.bind(address);
        resources.add(server);
        pump("tcp accept " + server.getLocalPort(), () -> {
            while (!closed) {
                Socket socket = server.accept();
                resources.add(socket);
                serveSocket(socket);
            }
        });
        return server.getLocalPort();
    }

    private void serveSocket(Socket socket) {
        pump("tcp " + socket.getRemoteSocketAddress(), () -> {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                LedBoardDecoder decoder = codec.boardDecoder(new Board(bytes -> {
                    try {
                        out.write(bytes);
                        out.flush();
                    } catch (IOException e) {
                        LOG.debug("{}: reply not sent: {}", name, e.getMessage());
                    }
                }));
                byte[] buffer = new byte[512];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    decoder.feed(buffer, 0, n);
                }
            } finally {
                resources.remove(socket);
            }
        });
    }

    private interface Body {
        void run() throws Exception;
    }

    private void pump(String what, Body body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (Exception e) {
                        if (!closed) {
                            LOG.warn("{}: {} stopped: {}", name, what, e.toString());
                        }
                    }
                },
                "xephang-led-sim " + name + " " + what);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops serving: closes the server sockets, connections and links. The remembered texts stay readable. */
    @Override
    public void close() {
        closed = true;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("{}: closing {}: {}", name, resource, e.toString());
            }
        }
        resources.clear();
        NAMED.remove(name, this);
    }

    private final class Board implements LedBoardDecoder.Sink {
        private final Consumer<byte[]> replies;

        Board(Consumer<byte[]> replies) {
            this.replies = replies;
        }

        @Override
        public void shown(int address, String text) {
            shown.put(address, text);
            for (Listener listener : listeners) {
                try {
                    listener.shown(address, text);
                } catch (RuntimeException e) {
                    LOG.error("{}: listener failed for address {}", name, address, e);
                }
            }
        }

        @Override
        public void reply(byte[] bytes) {
            replies.accept(bytes);
        }

        @Override
        public void rejected(int byteCount, String reason) {
            rejectedBytes += byteCount;
            LOG.debug("{}: {} byte(s) rejected: {}", name, byteCount, reason);
        }
    }

    private final class InProcessLink implements Transport {
        private final LinkedBlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
        private final LedBoardDecoder decoder = codec.boardDecoder(new Board(answers::add));
        private volatile boolean open;

        @Override
        public String describe() {
            return "sim:led/" + name;
        }

        @Override
        public void open() throws DeviceException {
            if (!connected) {
                throw new DeviceDisconnectedException(describe() + ": cable unplugged (simulated)");
            }
            answers.clear();
            synchronized (decoder) {
                decoder.reset();
            }
            open = true;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        private void requireLink() throws DeviceDisconnectedException {
            if (!connected) {
                open = false;
                throw new DeviceDisconnectedException(describe() + ": cable unplugged (simulated)");
            }
            if (!open) {
                throw new DeviceDisconnectedException(describe() + ": not open");
            }
        }

        @Override
        public void write(byte[] data, int offset, int length) throws DeviceException {
            requireLink();
            synchronized (decoder) {
                decoder.feed(data, offset, length);
            }
        }

        @Override
        public void flush() throws DeviceException {
            requireLink();
        }

        @Override
        public boolean canRead() {
            return true;
        }

        @Override
        public int read(byte[] buffer, Duration timeout) throws DeviceException {
            requireLink();
            byte[] next;
            try {
                next = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceDisconnectedException(describe() + ": interrupted");
            }
            requireLink();
            if (next == null) {
                return 0;
            }
            if (next.length > buffer.length) {
                throw new DeviceException(DeviceState.ERROR, describe() + ": answer larger than the read buffer");
            }
            System.arraycopy(next, 0, buffer, 0, next.length);
            return next.length;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
