package org.xephang.device.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.transport.Transport;

/**
 * A serial port through jSerialComm ({@code serial:///dev/serial/by-id/…?baud=115200&flow=rtscts}).
 *
 * <p>Unplugging is detected three ways, because {@code isOpen()} of jSerialComm stays true after an unplug: a failed
 * write, a failed read, and the device path disappearing (USB adapters and socat links remove it).
 * {@code flow=xonxoff} is not given to the operating system: XON/XOFF bytes reach the reader, which must tell them
 * from device answers (ESC/POS status bytes can look like them only if the OS swallows them).
 *
 * <p>Threading: see {@link Transport}.
 */
public final class SerialTransport implements Transport {

    /** URI parameters this transport reads. */
    public static final Set<String> PARAMS = Set.of("baud", "dataBits", "parity", "stopBits", "flow");

    /** Longest a single native read blocks; reads with longer timeouts loop so that close() is seen quickly. */
    private static final int READ_SLICE_MS = 100;

    private final String path;
    private final SerialSettings settings;
    private volatile SerialPort port;

    public SerialTransport(String path, SerialSettings settings) {
        this.path = Objects.requireNonNull(path, "path");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** From {@code …serial:///dev/ttyUSB0?baud=115200&dataBits=8&parity=none&stopBits=1&flow=rtscts}. */
    public static SerialTransport from(DeviceUri uri, int defaultBaud) throws InvalidDeviceUriException {
        return new SerialTransport(uri.address(), SerialSettings.from(uri, defaultBaud));
    }

    /** The line settings. */
    public SerialSettings settings() {
        return settings;
    }

    @Override
    public String describe() {
        return "serial://" + path + "@" + settings.baud();
    }

    @Override
    public synchronized void open() throws DeviceException {
        if (isOpen()) {
            return;
        }
        SerialPort candidate;
        try {
            candidate = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new DeviceDisconnectedException(describe() + ": no such port; ports present: " + portsPresent(), e);
        }
        candidate.setComPortParameters(
                settings.baud(), settings.dataBits(), settings.stopBitsConstant(), settings.parityConstant());
        candidate.setFlowControl(
                settings.flow() == SerialSettings.Flow.RTSCTS
                        ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
                        : SerialPort.FLOW_CONTROL_DISABLED);
        candidate.setComPortTimeouts(
                SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_SLICE_MS, 0);
        if (!Files.exists(Path.of(path)) || !candidate.openPort()) {
            throw new DeviceDisconnectedException(describe() + ": cannot open (error " + candidate.getLastErrorCode()
                    + "); ports present: " + portsPresent());
        }
        port = candidate;
    }

    private static String portsPresent() {
        String names = Arrays.stream(SerialPort.getCommPorts())
                .map(SerialPort::getSystemPortPath)
                .sorted()
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    @Override
    public boolean isOpen() {
        return port != null;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws DeviceException {
        SerialPort p = requireOpen();
        int done = 0;
        while (done < length) {
            int n = p.writeBytes(data, length - done, offset + done);
            if (n < 0 || (n == 0 && !Files.exists(Path.of(path)))) {
                close();
                throw new DeviceDisconnectedException(describe() + ": write failed (device unplugged?)");
            }
            done += n;
        }
    }

    @Override
    public void flush() throws DeviceException {
        requireOpen();
    }

    @Override
    public boolean canRead() {
        return true;
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws DeviceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SerialPort p = requireOpen();
            int n = p.readBytes(buffer, buffer.length);
            if (n < 0) {
                close();
                throw new DeviceDisconnectedException(describe() + ": read failed (device unplugged?)");
            }
            if (n > 0) {
                return n;
            }
            if (!Files.exists(Path.of(path))) {
                close();
                throw new DeviceDisconnectedException(describe() + ": the device is gone (unplugged?)");
            }
            if (System.nanoTime() >= deadline) {
                return 0;
            }
        }
    }

    private SerialPort requireOpen() throws DeviceDisconnectedException {
        SerialPort p = port;
        if (p == null) {
            throw new DeviceDisconnectedException(describe() + ": not open");
        }
        return p;
    }

    @Override
    public void close() {
        SerialPort p;
        synchronized (this) {
            p = port;
            port = null;
        }
        if (p != null) {
            p.closePort();
        }
    }
}
