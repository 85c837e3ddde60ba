package org.xephang.device.led;

/**
 * The board's side of an LED protocol: fed the bytes a driver sends, it reports what each address now shows and the
 * bytes the board answers. Used by the LED simulator and by golden tests (both directions).
 *
 * <p>Not thread-safe: feed from one reading thread.
 */
public interface LedBoardDecoder {

    /** Feeds bytes as they arrive, in chunks of any size. */
    void feed(byte[] bytes, int offset, int length);

    /** Forgets a partial frame (after a reconnect). */
    void reset();

    /** Receives what the decoder makes of the bytes; called on the feeding thread. */
    interface Sink {
        /** The board at {@code address} now shows {@code text} (empty: blank). */
        void shown(int address, String text);

        /** The board answers these bytes (Modbus acknowledgements). */
        void reply(byte[] bytes);

        /** Bytes that were not a valid frame. */
        void rejected(int byteCount, String reason);
    }
}
