package org.xephang.device.transport.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.transport.Transport;

/**
 * A raw TCP connection (printers: port 9100; answers come back on the same socket). Nagle is off so that short status
 * queries leave at once.
 *
 * <p>Threading: see {@link Transport}.
 */
public final class TcpTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    /** URI parameters this transport reads. */
    public static final Set<String> PARAMS = Set.of("connectTimeout");

    /** How long a connection attempt may take, unless the URI says {@code connectTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final InetSocketAddress address;
    private final Duration connectTimeout;
    private volatile Socket socket;
    private volatile InputStream in;
    private volatile OutputStream out;

    public TcpTransport(InetSocketAddress address, Duration connectTimeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /** From {@code …tcp://host:port?connectTimeout=3s} (port defaults to {@code defaultPort}). */
    public static TcpTransport from(DeviceUri uri, int defaultPort) throws InvalidDeviceUriException {
        return new TcpTransport(
                uri.hostAndPort(defaultPort), uri.durationParam("connectTimeout", DEFAULT_CONNECT_TIMEOUT));
    }

    @Override
    public String describe() {
        return "tcp://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public synchronized void open() throws DeviceException {
        if (isOpen()) {
            return;
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(
                    new InetSocketAddress(address.getHostString(), address.getPort()), (int) connectTimeout.toMillis());
            in = s.getInputStream();
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            closeQuietly(s);
            throw new DeviceDisconnectedException(describe() + ": cannot connect: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isOpen() {
        Socket s = socket;
        return s != null && !s.isClosed();
    }

    @Override
    public void write(byte[] data, int offset, int length) throws DeviceException {
        OutputStream o = requireOpen().out;
        try {
            o.write(data, offset, length);
        } catch (IOException e) {
            close();
            throw new DeviceDisconnectedException(describe() + ": write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void flush() throws DeviceException {
        OutputStream o = requireOpen().out;
        try {
            o.flush();
        } catch (IOException e) {
            close();
            throw new DeviceDisconnectedException(describe() + ": flush failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws DeviceException {
        TcpTransport open = requireOpen();
        Socket s = open.socket;
        try {
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            int n = open.in.read(buffer, 0, buffer.length);
            if (n < 0) {
                close();
                throw new DeviceDisconnectedException(describe() + ": the device closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            close();
            throw new DeviceDisconnectedException(describe() + ": read failed: " + e.getMessage(), e);
        }
    }

    private TcpTransport requireOpen() throws DeviceDisconnectedException {
        if (!isOpen()) {
            throw new DeviceDisconnectedException(describe() + ": not connected");
        }
        return this;
    }

    @Override
    public void close() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Closing a socket that is already broken: nothing left to release; the failure was reported already.
            LOG.debug("close: {}", e.getMessage());
        }
    }
}
