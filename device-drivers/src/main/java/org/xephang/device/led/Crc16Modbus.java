package org.xephang.device.led;

/**
 * CRC-16/MODBUS (polynomial 0x8005 reflected as 0xA001, initial value 0xFFFF, no final XOR); check value of
 * "123456789" is 0x4B37. Appended to a Modbus RTU frame low byte first.
 *
 * <p>Pure; thread-safe.
 */
public final class Crc16Modbus {

    private Crc16Modbus() {}

    /** The CRC of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static int of(byte[] bytes, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }

    /** The CRC of the whole array. */
    public static int of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** Whether the last two bytes of {@code frame} are the CRC (low byte first) of the bytes before them. */
    public static boolean isValid(byte[] frame) {
        if (frame.length < 3) {
            return false;
        }
        int crc = of(frame, 0, frame.length - 2);
        return (frame[frame.length - 2] & 0xFF) == (crc & 0xFF) && (frame[frame.length - 1] & 0xFF) == (crc >>> 8);
    }
}
