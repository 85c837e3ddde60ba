package org.xephang.device.framing;

import java.util.Arrays;

/** A growable byte array for the framers (a {@code ByteArrayOutputStream} without synchronisation or IOException). */
final class GrowableBytes {

    private byte[] bytes = new byte[64];
    private int size;

    void add(byte b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = b;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    byte[] take() {
        byte[] copy = Arrays.copyOf(bytes, size);
        size = 0;
        if (bytes.length > 4096) {
            bytes = new byte[64];
        }
        return copy;
    }

    void clear() {
        size = 0;
    }
}
