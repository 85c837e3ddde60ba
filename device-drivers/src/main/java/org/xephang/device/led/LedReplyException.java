package org.xephang.device.led;

/** An LED board answered, but not with the expected acknowledgement; the message says what it answered. */
public final class LedReplyException extends Exception {

    public LedReplyException(String message) {
        super(message);
    }
}
