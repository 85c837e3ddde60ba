package org.xephang.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client address of a request another node of the cluster forwarded (docs/adr/0034): the node it reached names
 * the client's address in {@value #HEADER}, signed with the token-signing key every node shares, so the owner counts
 * its per-address limits (bookings per day, phone numbers per minute) against the citizen's address rather than the
 * forwarding node's, and a client cannot choose the address it is counted under. Thread-safe.
 */
public final class ForwardedClient {

    /** {@code ADDRESS;HEX-HMAC-SHA256}. */
    public static final String HEADER = "X-Xephang-Client";

    private static final String ALGORITHM = "HmacSHA256";
    private static final String CONTEXT = "xephang forwarded client:";

    private final SecretKeySpec key;

    ForwardedClient(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The header's value naming {@code address}. */
    public String vouch(String address) {
        return address + ";" + HexFormat.of().formatHex(mac(address));
    }

    /** The address a header names, when its signature is right; empty otherwise (or no header). */
    public Optional<String> verify(String header) {
        if (header == null) {
            return Optional.empty();
        }
        int split = header.lastIndexOf(';');
        if (split <= 0) {
            return Optional.empty();
        }
        String address = header.substring(0, split);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(split + 1));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, mac(address)) ? Optional.of(address) : Optional.empty();
    }

    private byte[] mac(String address) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal((CONTEXT + address).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HMAC-SHA256 is not available", unavailable);
        }
    }
}
