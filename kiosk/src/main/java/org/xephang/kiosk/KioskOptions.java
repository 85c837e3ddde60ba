package org.xephang.kiosk;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.xephang.api.ServerList;

/**
 * How a kiosk agent is set up. Build it with {@link #of} and the {@code with…} methods; the compact constructor
 * reports every problem at once, naming its key.
 *
 * @param serverUrl the queue server, e.g. {@code http://10.0.0.2:8080}
 * @param site the site code, e.g. {@code demo}
 * @param username the kiosk's device account (role KIOSK)
 * @param password its password
 * @param kioskId a short id for logs and device reports, e.g. {@code kiosk1}
 * @param printerUri the ticket printer (docs/architecture.md §8), e.g. {@code escpos:tcp://10.0.0.31:9100} or
 *     {@code sim:printer?dir=tickets}
 * @param scannerUri a serial barcode scanner, or null (a keyboard-wedge scanner works in the page without one)
 * @param settingsPin the PIN that opens the settings screen (4–8 digits)
 * @param homeTimeout how long the ticket and dossier screens stay before the page goes home
 * @param issueAttempts how many times one request is sent before giving up (same idempotency key each time)
 * @param retryDelay the first pause between attempts, doubled each time (at most 4 s)
 * @param requestMemory how long a finished request is remembered so a repeated tap gets the same answer
 * @param offlineJournal the file where the kiosk keeps its number blocks and the tickets it issued while the server
 *     was unreachable (docs/adr/0029-offline-issuing.md); null = the kiosk never issues offline
 */
public record KioskOptions(
        String serverUrl,
        String site,
        String username,
        String password,
        String kioskId,
        String printerUri,
        String scannerUri,
        String settingsPin,
        Duration homeTimeout,
        int issueAttempts,
        Duration retryDelay,
        Duration requestMemory,
        Clock clock,
        Path offlineJournal) {

    public KioskOptions {
        List<String> problems = new ArrayList<>();
        ServerList.problem(serverUrl).ifPresent(problem -> problems.add("server: " + problem));
        if (site == null || site.isBlank()) {
            problems.add("site: is required");
        }
        if (username == null || username.isBlank()) {
            problems.add("username: is required (the kiosk's device account)");
        }
        if (password == null) {
            problems.add("password: is required");
        }
        if (kioskId == null || !kioskId.matches("[A-Za-z0-9._-]{1,40}")) {
            problems.add("kioskId: 1–40 letters, digits, '.', '_' or '-', was " + kioskId);
        }
        if (printerUri == null || printerUri.isBlank()) {
            problems.add("printer: is required, e.g. escpos:tcp://10.0.0.31:9100 or sim:printer");
        }
        if (settingsPin == null || !settingsPin.matches("\\d{4,8}")) {
            problems.add("settingsPin: must be 4 to 8 digits");
        }
        if (homeTimeout == null || homeTimeout.isNegative() || homeTimeout.isZero()) {
            problems.add("homeTimeoutSeconds: must be positive");
        }
        if (issueAttempts < 1 || issueAttempts > 10) {
            problems.add("issueAttempts: must be 1 to 10, was " + issueAttempts);
        }
        Objects.requireNonNull(retryDelay, "retryDelay");
        Objects.requireNonNull(requestMemory, "requestMemory");
        Objects.requireNonNull(clock, "clock");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        serverUrl = ServerList.normalise(serverUrl);
    }

    /** Options with the defaults: PIN 0000 (change it), 30 s home timeout, 5 attempts from 250 ms, 10 min memory. */
    public static KioskOptions of(String serverUrl, String site, String username, String password, String printerUri) {
        return new KioskOptions(
                serverUrl,
                site,
                username,
                password,
                username,
                printerUri,
                null,
                "0000",
                Duration.ofSeconds(30),
                5,
                Duration.ofMillis(250),
                Duration.ofMinutes(10),
                Clock.systemUTC(),
                null);
    }

    public KioskOptions withKioskId(String id) {
        return with(b -> b.kioskId = id);
    }

    public KioskOptions withScannerUri(String uri) {
        return with(b -> b.scannerUri = uri);
    }

    public KioskOptions withSettingsPin(String pin) {
        return with(b -> b.settingsPin = pin);
    }

    public KioskOptions withHomeTimeout(Duration timeout) {
        return with(b -> b.homeTimeout = timeout);
    }

    public KioskOptions withRetries(int attempts, Duration firstDelay) {
        return with(b -> {
            b.issueAttempts = attempts;
            b.retryDelay = firstDelay;
        });
    }

    public KioskOptions withClock(Clock otherClock) {
        return with(b -> b.clock = otherClock);
    }

    /** The same kiosk keeping its offline journal in {@code file} (null: no offline issuing). */
    public KioskOptions withOfflineJournal(Path file) {
        return with(b -> b.offlineJournal = file);
    }

    /** A copy with {@code change} made, checked again by the compact constructor. */
    private KioskOptions with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The options' values, to change some of them and build new options (the one place every field is listed). */
    private static final class Copy {
        private String serverUrl;
        private String site;
        private String username;
        private String password;
        private String kioskId;
        private String printerUri;
        private String scannerUri;
        private String settingsPin;
        private Duration homeTimeout;
        private int issueAttempts;
        private Duration retryDelay;
        private Duration requestMemory;
        private Clock clock;
        private Path offlineJournal;

        Copy(KioskOptions options) {
            serverUrl = options.serverUrl;
            site = options.site;
            username = options.username;
            password = options.password;
            kioskId = options.kioskId;
            printerUri = options.printerUri;
            scannerUri = options.scannerUri;
            settingsPin = options.settingsPin;
            homeTimeout = options.homeTimeout;
            issueAttempts = options.issueAttempts;
            retryDelay = options.retryDelay;
            requestMemory = options.requestMemory;
            clock = options.clock;
            offlineJournal = options.offlineJournal;
        }

        KioskOptions build() {
            return new KioskOptions(
                    serverUrl,
                    site,
                    username,
                    password,
                    kioskId,
                    printerUri,
                    scannerUri,
                    settingsPin,
                    homeTimeout,
                    issueAttempts,
                    retryDelay,
                    requestMemory,
                    clock,
                    offlineJournal);
        }
    }
}
