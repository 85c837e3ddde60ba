package org.xephang.board.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium at 1920×1080 driven through Debian's chromium-driver. Skips the calling test (JUnit
 * assumption) with a clear message when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing;
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} override the paths.
 */
public final class Browser {

    private Browser() {}

    public static ChromeDriver open(boolean autoplayAllowed) {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        Assumptions.assumeTrue(
                Files.isExecutable(chromium) && Files.isExecutable(driver),
                "Skipped: real-browser test needs chromium and chromium-driver (apt-get install -y chromium "
                        + "chromium-driver), looked for " + chromium + " and " + driver);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--mute-audio",
                "--window-size=1920,1080",
                "--lang=vi");
        if (autoplayAllowed) {
            options.addArguments("--autoplay-policy=no-user-gesture-required");
        } else {
            options.addArguments("--autoplay-policy=document-user-activation-required");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return browser;
    }

    /** Saves a screenshot under {@code target/screenshots/}. */
    public static Path screenshot(ChromeDriver browser, String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot save screenshot " + name, e);
        }
    }
}
