package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    @Test
    void theKeyIsCreatedOnceReadableByItsOwnerOnlyAndReusedAfterARestart(@TempDir Path dataDir) throws Exception {
        byte[] first = SigningKey.loadOrCreate(dataDir);
        byte[] afterRestart = SigningKey.loadOrCreate(dataDir);

        assertThat(first).hasSize(32).isEqualTo(afterRestart);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve(SigningKey.FILE_NAME)))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(dataDir.resolve(SigningKey.FILE_NAME));
        }
    }

    @Test
    void twoDataFoldersGetDifferentKeys(@TempDir Path one, @TempDir Path two) throws Exception {
        assertThat(SigningKey.loadOrCreate(one)).isNotEqualTo(SigningKey.loadOrCreate(two));
    }
}
