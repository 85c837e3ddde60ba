package org.xephang.core.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key that signs bearer tokens: 256 random bits, generated on first start and kept in the data folder so
 * tokens (in particular the long-lived device tokens of kiosks and boards) survive a server restart. See
 * docs/adr/0002-bearer-tokens.md.
 */
final class SigningKey {

    static final String FILE_NAME = "token-signing.key";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKey.class);
    private static final int BYTES = 32;

    private SigningKey() {}

    /** A fresh key that lives only as long as this process (tests; a server without a data folder). */
    static byte[] ephemeral() {
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Reads the key in {@code dataDir}, creating it (readable by the owner only) on first use. Blocking. */
    static byte[] loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        byte[] key = Base64.getDecoder()
                .decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        if (key.length < BYTES) {
            throw new IOException(file + ": the token signing key is shorter than " + BYTES
                    + " bytes; delete the file to generate a new one (every token then has to be renewed)");
        }
        return key;
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
        try {
            restrictToOwner(temporary);
            Files.writeString(temporary, Base64.getEncoder().encodeToString(ephemeral()) + "\n");
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Generated a new token signing key in {}", file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("Cannot restrict {} to its owner on this file system; protect the data folder", file);
        }
    }
}
