package org.xephang.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for a test that needs a program installed on the machine (Chromium, chromedriver, socat): locally the
 * test is skipped with a message saying what is missing and how to install it; under {@code CI=true}, where the CI
 * script installs them, it fails with the same message instead, so a broken install cannot pass unnoticed.
 */
public final class RequiredTools {

    private RequiredTools() {}

    /** Debian's chromium and chromium-driver ({@code CHROME_BIN} and {@code CHROMEDRIVER} override the paths). */
    public static void requireChromium() {
        Path chromium = Browser.chromium();
        Path driver = Browser.chromedriver();
        require(
                Files.isExecutable(chromium) && Files.isExecutable(driver),
                "Chromium or chromedriver (looked for " + chromium + " and " + driver + ")",
                "apt-get install -y chromium chromium-driver",
                System.getenv());
    }

    /** socat, for the pseudo-terminal pairs of the serial-device tests. */
    public static void requireSocat() {
        require(socatRuns(), "socat", "apt-get install -y socat", System.getenv());
    }

    /**
     * Lets the test go on when {@code present}; otherwise skips it, or fails it when {@code environment} has
     * {@code CI=true}, naming {@code what} is missing and how to {@code install} it.
     */
    public static void require(boolean present, String what, String install, Map<String, String> environment) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(environment.getOrDefault("CI", "").strip())) {
            throw new AssertionError("CI=true but " + what + " is missing: install it (" + install
                    + "); a CI run must not skip this" + " test");
        }
        Assumptions.abort("Skipped: " + what + " is missing (" + install + " to run this test)");
    }

    private static boolean socatRuns() {
        try {
            Process probe =
                    new ProcessBuilder("socat", "-V").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
