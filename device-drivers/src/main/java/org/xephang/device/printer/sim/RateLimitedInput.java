package org.xephang.device.printer.sim;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntSupplier;

/**
 * Reads no faster than a rate that may change while reading, like a slow line or mechanism: a token bucket over the
 * bytes read so far, so that many one-byte reads cost what the bytes cost and not a sleep each.
 */
final class RateLimitedInput extends InputStream {

    private final InputStream in;
    private final IntSupplier bytesPerSecond;
    private long baseline = System.nanoTime();
    private long bytesSinceBaseline;

    /** @param bytesPerSecond the rate now; 0 = as fast as possible (115200 baud = 11 520) */
    RateLimitedInput(InputStream in, IntSupplier bytesPerSecond) {
        this.in = new BufferedInputStream(in);
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int rate = bytesPerSecond.getAsInt();
        if (rate <= 0) {
            return in.read(b, off, len);
        }
        int n = in.read(b, off, Math.max(1, Math.min(len, rate / 50)));
        if (n > 0) {
            long now = System.nanoTime();
            long due = baseline + bytesSinceBaseline * 1_000_000_000L / rate;
            if (now - due > 50_000_000L) {
                // Idle for a while: the line was free, start counting afresh.
                baseline = now;
                bytesSinceBaseline = 0;
            }
            bytesSinceBaseline += n;
            long ahead = baseline + bytesSinceBaseline * 1_000_000_000L / rate - now;
            if (ahead > 1_000_000L) {
                try {
                    Thread.sleep(ahead / 1_000_000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }
}
