package org.xephang.device.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/…}: compared as text, rewritten when the build runs with
 * {@code -Dgolden.update=true} (then review the diff).
 */
public final class Golden {

    private Golden() {}

    /** Whether this run rewrites golden files. */
    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    /** Asserts {@code actual} equals the golden file (or rewrites it when updating). */
    public static void assertMatches(Path golden, String actual) throws IOException {
        if (updating()) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden)
                .as("golden file %s is missing: run the tests with -Dgolden.update=true and review it", golden)
                .exists();
        assertThat(actual)
                .as("differs from %s (if intended: -Dgolden.update=true, then review the diff)", golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
