package org.xephang.core.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's chromium and chromium-driver for the pages the server serves; the test is skipped, saying why, without. */
final class HeadlessChromium {

    private HeadlessChromium() {}

    /** A headless browser with a window of {@code width}×{@code height} CSS pixels. */
    static ChromeDriver open(int width, int height) {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
        Path driver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
        Assumptions.assumeTrue(
                Files.isExecutable(chromium) && Files.isExecutable(driver),
                "Skipped: the page tests need chromium and chromium-driver (apt-get install -y chromium"
                        + " chromium-driver); looked for " + chromium + " and " + driver);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height);
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    /** From the next page on, every Content-Security-Policy violation is kept for {@link #policyViolations}. */
    static void recordPolicyViolations(ChromeDriver browser) {
        browser.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__policyViolations = [];"
                                + "document.addEventListener('securitypolicyviolation', e =>"
                                + " window.__policyViolations.push(e.violatedDirective + ' ' + e.blockedURI"
                                + " + ' ' + e.sourceFile + ':' + e.lineNumber));"));
    }

    /** The violations seen since {@link #recordPolicyViolations}, as "directive blocked-uri source:line". */
    static List<?> policyViolations(ChromeDriver browser) {
        return (List<?>) browser.executeScript("return window.__policyViolations || ['not recorded'];");
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    static void screenshot(ChromeDriver browser, String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
