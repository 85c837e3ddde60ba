package org.xephang.device.led;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * The board's side of {@link ModbusLedCodec}: parses write requests (function 06 and 16) from a byte stream,
 * reports what each unit shows and answers as a board would (an echo for 06, address and quantity for 16, exception
 * 01 or 02 for anything else). Over RTU a frame with a bad CRC is skipped one byte at a time until a valid frame
 * lines up again.
 *
 * <p>Not thread-safe: feed from one reading thread.
 */
final class ModbusBoardDecoder implements LedBoardDecoder {

    private final ModbusLedCodec.Options options;
    private final Sink sink;
    private byte[] pending = new byte[0];

    ModbusBoardDecoder(ModbusLedCodec.Options options, Sink sink) {
        this.options = options;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        ByteArrayOutputStream joined = new ByteArrayOutputStream(pending.length + length);
        joined.writeBytes(pending);
        joined.write(bytes, offset, length);
        pending = joined.toByteArray();
        int consumed = options.framing() == ModbusLedCodec.Framing.RTU ? parseRtu() : parseTcp();
        pending = Arrays.copyOfRange(pending, consumed, pending.length);
    }

    private int parseRtu() {
        int start = 0;
        int skipped = 0;
        while (pending.length - start >= 2) {
            int function = pending[start + 1] & 0xFF;
            int length;
            if (function == ModbusLedCodec.WRITE_SINGLE_REGISTER) {
                length = 8;
            } else if (function == ModbusLedCodec.WRITE_MULTIPLE_REGISTERS) {
                if (pending.length - start < 7) {
                    break;
                }
                length = 9 + (pending[start + 6] & 0xFF);
            } else {
                start++;
                skipped++;
                continue;
            }
            if (pending.length - start < length) {
                break;
            }
            byte[] frame = Arrays.copyOfRange(pending, start, start + length);
            if (!Crc16Modbus.isValid(frame)) {
                start++;
                skipped++;
                continue;
            }
            reportSkipped(skipped);
            skipped = 0;
            byte[] pdu = Arrays.copyOfRange(frame, 1, frame.length - 2);
            byte[] answer = handle(frame[0] & 0xFF, pdu);
            byte[] reply = new byte[answer.length + 3];
            reply[0] = frame[0];
            System.arraycopy(answer, 0, reply, 1, answer.length);
            ModbusLedCodec.appendCrc(reply);
            sink.reply(reply);
            start += length;
        }
        reportSkipped(skipped);
        return start;
    }

    private int parseTcp() {
        int start = 0;
        while (pending.length - start >= 7) {
            int length = ((pending[start + 4] & 0xFF) << 8) | (pending[start + 5] & 0xFF);
            if (pending[start + 2] != 0 || pending[start + 3] != 0 || length < 2 || length > 254) {
                // Not a Modbus TCP header: nothing can be trusted after it on this connection.
                sink.rejected(pending.length - start, "not a Modbus TCP header");
                return pending.length;
            }
            if (pending.length - start < 6 + length) {
                break;
            }
            int transaction = ((pending[start] & 0xFF) << 8) | (pending[start + 1] & 0xFF);
            int unit = pending[start + 6] & 0xFF;
            byte[] pdu = Arrays.copyOfRange(pending, start + 7, start + 6 + length);
            sink.reply(ModbusLedCodec.mbap(transaction, unit, handle(unit, pdu)));
            start += 6 + length;
        }
        return start;
    }

    /** Applies one request PDU and returns the response PDU. */
    private byte[] handle(int unit, byte[] pdu) {
        int function = pdu[0] & 0xFF;
        if (function == ModbusLedCodec.WRITE_SINGLE_REGISTER && pdu.length == 5) {
            int register = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
            if (register != options.valueRegister()) {
                return exception(function, 2);
            }
            int value = ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF);
            sink.shown(unit, Integer.toString(value));
            return pdu;
        }
        if (function == ModbusLedCodec.WRITE_MULTIPLE_REGISTERS && pdu.length >= 6) {
            int register = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
            int quantity = ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF);
            if (register != options.segmentRegister() || quantity != options.digits()) {
                return exception(function, 2);
            }
            if ((pdu[5] & 0xFF) != 2 * quantity || pdu.length != 6 + 2 * quantity) {
                return exception(function, 3);
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < quantity; i++) {
                text.append(SevenSegmentFont.character(pdu[6 + 2 * i + 1] & 0xFF));
            }
            sink.shown(unit, text.toString().strip());
            return Arrays.copyOf(pdu, 5);
        }
        return exception(function, 1);
    }

    private static byte[] exception(int function, int code) {
        return new byte[] {(byte) (function | 0x80), (byte) code};
    }

    private void reportSkipped(int skipped) {
        if (skipped > 0) {
            sink.rejected(skipped, "bytes that do not start a valid Modbus RTU write");
        }
    }

    @Override
    public void reset() {
        if (pending.length > 0) {
            sink.rejected(pending.length, "partial frame dropped on reset");
            pending = new byte[0];
        }
    }
}
