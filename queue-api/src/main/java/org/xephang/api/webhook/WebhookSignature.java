package org.xephang.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of every forwarded request ({@code docs/webhook.md}): {@code X-Xephang-Timestamp} carries the Unix
 * time in seconds, and {@code X-Xephang-Signature} is {@code v1=} followed by the lower-case hex HMAC-SHA256, keyed
 * with the shared secret, of the timestamp, a dot, and the exact body bytes. Receivers recompute it, compare in
 * constant time, and refuse timestamps too far from their clock (replays). Pure and thread-safe.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Xephang-Signature";
    public static final String TIMESTAMP_HEADER = "X-Xephang-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String EVENT_TYPE_HEADER = "X-Xephang-Event";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1=";

    private final byte[] secret;

    public WebhookSignature(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code X-Xephang-Signature} value for a body sent at {@code timestampSeconds}. */
    public String sign(long timestampSeconds, byte[] body) {
        return VERSION + HexFormat.of().formatHex(mac(timestampSeconds, body));
    }

    /**
     * True when {@code signatureHeader} is the signature of {@code body} at {@code timestampHeader} and that time is
     * within {@code tolerance} of {@code now}.
     */
    public boolean verify(
            String signatureHeader, String timestampHeader, byte[] body, Instant now, Duration tolerance) {
        if (signatureHeader == null || timestampHeader == null || !signatureHeader.startsWith(VERSION)) {
            return false;
        }
        long timestamp;
        byte[] given;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
            given = HexFormat.of()
                    .parseHex(signatureHeader.substring(VERSION.length()).trim());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(timestamp, body));
    }

    private byte[] mac(long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
