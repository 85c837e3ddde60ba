package org.xephang.device.led;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Crc16ModbusTest {

    @Test
    void checkValueOfTheStandardTestStringIs4B37() {
        assertThat(Crc16Modbus.of("123456789".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(0x4B37);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Published request examples (read holding registers; write single register; write multiple registers).
        "01 03 00 00 00 0A, C5 CD",
        "01 06 00 01 00 03, 98 0B",
        "11 10 00 01 00 02 04 00 0A 01 02, C6 F0",
    })
    void matchesPublishedModbusFrames(String frame, String crcLowHigh) {
        int crc = Crc16Modbus.of(Hex.bytes(frame));
        assertThat(Hex.of(new byte[] {(byte) crc, (byte) (crc >>> 8)})).isEqualTo(crcLowHigh);
        assertThat(Crc16Modbus.isValid(Hex.bytes(frame + crcLowHigh))).isTrue();
    }

    @Test
    void aFlippedBitInvalidatesTheFrame() {
        byte[] frame = Hex.bytes("01 06 00 01 00 03 98 0B");
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] damaged = frame.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Crc16Modbus.isValid(damaged)).as("bit %d flipped", bit).isFalse();
        }
    }
}
