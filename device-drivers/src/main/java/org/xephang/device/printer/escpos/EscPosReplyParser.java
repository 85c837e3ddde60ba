package org.xephang.device.printer.escpos;

/**
 * Splits the bytes an ESC/POS printer sends back into replies: XON/XOFF flow control ({@code 0x11}/{@code 0x13}),
 * automatic-status-back blocks (4 bytes, first {@code 0xx1xx00}), real-time replies ({@code 0xx1xx10}) and
 * {@code GS r} replies ({@code 0xx0xxxx}, only when one is expected). Anything else is unsolicited and reported as
 * such; the parser never gets stuck on it. Flow-control bytes may arrive in the middle of an ASB block.
 *
 * <p>Not thread-safe: fed by one reader thread.
 */
public final class EscPosReplyParser {

    /** Receives what the parser recognised. Called on the feeding thread. */
    public interface Listener {
        void xon();

        void xoff();

        void realtime(int b);

        void sequenced(int b);

        void asb(byte[] block);

        void unsolicited(int b);
    }

    private static final int XON = 0x11;
    private static final int XOFF = 0x13;

    private final Listener listener;
    private final byte[] asb = new byte[4];
    private int asbFill;
    private volatile boolean expectSequenced;

    public EscPosReplyParser(Listener listener) {
        this.listener = listener;
    }

    /** Tells the parser a {@code GS r} reply may come (so a {@code 0xx0xxxx} byte is taken as one). */
    public void expectSequenced(boolean expected) {
        expectSequenced = expected;
    }

    /** Feeds received bytes. */
    public void feed(byte[] data, int length) {
        for (int i = 0; i < length; i++) {
            feed(data[i] & 0xFF);
        }
    }

    private void feed(int b) {
        if (b == XON) {
            listener.xon();
            return;
        }
        if (b == XOFF) {
            listener.xoff();
            return;
        }
        if (asbFill > 0) {
            if (EscPosStatusDecoder.isPlainStatusByte(b)) {
                asb[asbFill++] = (byte) b;
                if (asbFill == 4) {
                    asbFill = 0;
                    listener.asb(asb.clone());
                }
                return;
            }
            // A broken block: report what we had and look at this byte afresh.
            for (int i = 0; i < asbFill; i++) {
                listener.unsolicited(asb[i] & 0xFF);
            }
            asbFill = 0;
        }
        if (EscPosStatusDecoder.isAsbHeader(b)) {
            asb[0] = (byte) b;
            asbFill = 1;
        } else if (EscPosStatusDecoder.isRealtimeReply(b)) {
            listener.realtime(b);
        } else if (expectSequenced && EscPosStatusDecoder.isPlainStatusByte(b)) {
            expectSequenced = false;
            listener.sequenced(b);
        } else {
            listener.unsolicited(b);
        }
    }
}
