package org.xephang.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromedriver, for the page tests of every module. Without Chromium or
 * chromedriver the calling test is skipped (failed under {@code CI=true}), see {@link RequiredTools}.
 * {@code CHROME_BIN} and {@code CHROMEDRIVER} (or the system properties {@code chromium.binary},
 * {@code chromedriver.binary}) override the paths.
 */
public final class Browser {

    /** How a page may play sound: as Chrome decides by default, always, or only after a user gesture. */
    public enum Autoplay {
        DEFAULT,
        ALLOWED,
        NEEDS_GESTURE
    }

    private Browser() {}

    /** Skips (under CI: fails) the calling test when Chromium or chromedriver is missing. */
    public static void assumeInstalled() {
        RequiredTools.requireChromium();
    }

    /** A headless browser with a window of {@code width}×{@code height} CSS pixels. */
    public static ChromeDriver open(int width, int height) {
        return open(width, height, Autoplay.DEFAULT);
    }

    /** A headless browser with a window of {@code width}×{@code height} CSS pixels and the given sound policy. */
    public static ChromeDriver open(int width, int height, Autoplay autoplay) {
        return open(width, height, autoplay, "vi-VN");
    }

    /**
     * A headless browser whose own language (and so the format of its date fields and its {@code navigator.language})
     * is {@code language}, e.g. {@code en-US}; the others are Vietnamese ({@code vi-VN}).
     */
    public static ChromeDriver open(int width, int height, String language) {
        return open(width, height, Autoplay.DEFAULT, language);
    }

    private static ChromeDriver open(int width, int height, Autoplay autoplay, String language) {
        assumeInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--mute-audio",
                "--lang=" + language,
                "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs); // for consoleErrors
        switch (autoplay) {
            case ALLOWED -> options.addArguments("--autoplay-policy=no-user-gesture-required");
            case NEEDS_GESTURE -> options.addArguments("--autoplay-policy=document-user-activation-required");
            case DEFAULT -> {}
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return browser;
    }

    /**
     * Waits up to {@code seconds} for a condition of the page. The live pages redraw their rows as events arrive, so an
     * element found by one poll may be replaced before it is read: such a poll counts as "not yet", and the next one
     * finds the new element.
     */
    public static WebDriverWait waiting(ChromeDriver browser, int seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Types {@code text} and Enter as a keyboard-wedge scanner does: every key within the same moment. Selenium's
     * typed keys arrive as far apart as a loaded machine makes them, which a page telling a scanner from a person by
     * the gaps between keys takes for a person.
     */
    public static void scan(ChromeDriver browser, String text) {
        browser.executeScript(
                "const target = document.activeElement || document.body;"
                        + " for (const key of [...arguments[0], 'Enter']) {"
                        + " target.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true})); }",
                text);
    }

    /**
     * Fills the sign-in form every staff page shares ({@code #username}, {@code #password}, the {@code #sign-in}
     * button) and submits it; see {@link #signIn} to wait for the page behind it.
     */
    public static void submitSignIn(ChromeDriver browser, String username, String password) {
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#sign-in button")).click();
    }

    /** Signs in on a staff page and waits (20 s at most) until its {@code #view} shows. */
    public static void signIn(ChromeDriver browser, String username, String password) {
        submitSignIn(browser, username, password);
        Poll.until(
                Duration.ofSeconds(20),
                "the page behind the sign-in of " + username,
                () -> browser.findElement(By.id("view")).isDisplayed());
    }

    /**
     * The text of the first element matching {@code selector}, read at once in the page ({@code ""} when there is
     * none): a page that redraws a row never leaves a stale element to read.
     */
    public static String text(ChromeDriver browser, String selector) {
        Object text = browser.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : '';", selector);
        return String.valueOf(text);
    }

    /** From the next page on, every Content-Security-Policy violation is kept for {@link #policyViolations}. */
    public static void recordPolicyViolations(ChromeDriver browser) {
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
    public static List<?> policyViolations(ChromeDriver browser) {
        return (List<?>) browser.executeScript("return window.__policyViolations || ['not recorded'];");
    }

    /** What the page logged as errors in the browser console since the last call (a 404 favicon is one). */
    public static List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    public static Path screenshot(ChromeDriver browser, String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save screenshot " + name, e);
        }
    }

    static Path chromium() {
        return Path.of(setting("chromium.binary", "CHROME_BIN", "/usr/bin/chromium"));
    }

    static Path chromedriver() {
        return Path.of(setting("chromedriver.binary", "CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv().getOrDefault(variable, fallback);
    }
}
