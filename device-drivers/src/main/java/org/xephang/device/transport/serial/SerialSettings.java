package org.xephang.device.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Set;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;

/**
 * Serial line settings.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param baud bits per second, e.g. 9600 or 115200
 * @param dataBits 7 or 8
 * @param parity none, even or odd
 * @param stopBits 1 or 2
 * @param flow none, rtscts (hardware) or xonxoff (software, handled by the protocol reader)
 */
public record SerialSettings(int baud, int dataBits, String parity, int stopBits, Flow flow) {

    /** Flow control. */
    public enum Flow {
        NONE,
        RTSCTS,
        XONXOFF
    }

    /** Reads {@code baud}, {@code dataBits}, {@code parity}, {@code stopBits} and {@code flow} from a URI. */
    public static SerialSettings from(DeviceUri uri, int defaultBaud) throws InvalidDeviceUriException {
        return new SerialSettings(
                uri.intParam("baud", defaultBaud, 300, 4_000_000),
                uri.intParam("dataBits", 8, 7, 8),
                uri.choiceParam("parity", "none", Set.of("none", "even", "odd")),
                uri.intParam("stopBits", 1, 1, 2),
                Flow.valueOf(uri.choiceParam("flow", "none", Set.of("none", "rtscts", "xonxoff"))
                        .toUpperCase(java.util.Locale.ROOT)));
    }

    /** Seconds to move {@code bytes} over this line (start bit + data bits + parity + stop bits per byte). */
    public double secondsFor(long bytes) {
        int bitsPerByte = 1 + dataBits + ("none".equals(parity) ? 0 : 1) + stopBits;
        return bytes * (double) bitsPerByte / baud;
    }

    int parityConstant() {
        return switch (parity) {
            case "even" -> SerialPort.EVEN_PARITY;
            case "odd" -> SerialPort.ODD_PARITY;
            default -> SerialPort.NO_PARITY;
        };
    }

    int stopBitsConstant() {
        return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }
}
