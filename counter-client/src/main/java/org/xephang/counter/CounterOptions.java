package org.xephang.counter;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xephang.agent.DeviceReporter;
import org.xephang.api.ServerList;

/**
 * How a counter agent is set up: the server, the site and the counters (desks) it serves, each with its own LED
 * display and rating keypad. The compact constructor reports every problem at once, naming its key.
 *
 * @param serverUrl the queue server, e.g. {@code http://10.0.0.2:8080}
 * @param site the site code
 * @param desks the counters this agent serves (one on an officer's PC; several in the demo)
 * @param printerUri a local ticket printer for reprints, or null
 * @param ratingWindow how long after Hoàn thành a keypad press counts as the rating of that ticket
 * @param account the PC's device account, with which the agent reports its devices (LEDs, keypads, printer) and
 *     heartbeats to the server's device registry; null: the devices are not reported (docs/devices.md §7)
 * @param everyCounterOfTheSite whether an officer may also sign in at a counter of the site that is not in
 *     {@code desks} (one the administrator added later), as a desk without devices: the demo's counter page, which
 *     stands for every counter of the site; a counter PC serves only its own desks
 */
public record CounterOptions(
        String serverUrl,
        String site,
        List<DeskOptions> desks,
        String printerUri,
        Duration ratingWindow,
        Clock clock,
        DeviceReporter.Account account,
        boolean everyCounterOfTheSite) {

    /**
     * One counter and its devices.
     *
     * @param counter the counter number
     * @param ledUri its LED display, e.g. {@code led:ascii+serial:///dev/ttyUSB1?address=3} or {@code sim:led}, or null
     * @param keypadUri its rating keypad, e.g. {@code keypad:serial:///dev/ttyUSB2}, {@code sim:keypad}, or
     *     {@code keypad:hid?keys=1,2,3} for a USB HID keypad read in the counter page ({@link HidKeypadDesk}), or null
     */
    public record DeskOptions(int counter, String ledUri, String keypadUri) {}

    public CounterOptions {
        List<String> problems = new ArrayList<>();
        ServerList.problem(serverUrl).ifPresent(problem -> problems.add("server: " + problem));
        if (site == null || site.isBlank()) {
            problems.add("site: is required");
        }
        if (desks == null || desks.isEmpty()) {
            problems.add("counters: at least one counter is required");
        } else {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < desks.size(); i++) {
                int counter = desks.get(i).counter();
                if (counter < 1) {
                    problems.add("counters[" + i + "].counter: must be 1 or more, was " + counter);
                } else if (!seen.add(counter)) {
                    problems.add("counters[" + i + "].counter: counter " + counter + " is listed twice");
                }
                String keypad = desks.get(i).keypadUri();
                if (HidKeypadDesk.names(keypad)) {
                    try {
                        HidKeypadDesk.check(keypad);
                    } catch (IllegalArgumentException e) {
                        problems.add("counters[" + i + "].keypad: " + e.getMessage());
                    }
                }
            }
        }
        if (ratingWindow == null || ratingWindow.isNegative() || ratingWindow.isZero()) {
            problems.add("ratingWindowSeconds: must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        serverUrl = ServerList.normalise(serverUrl);
        desks = List.copyOf(desks);
    }

    /** Options with a 60 s rating window and no printer. */
    public static CounterOptions of(String serverUrl, String site, List<DeskOptions> desks) {
        return new CounterOptions(serverUrl, site, desks, null, Duration.ofSeconds(60), Clock.systemUTC(), null, false);
    }

    public CounterOptions withPrinterUri(String uri) {
        return new CounterOptions(serverUrl, site, desks, uri, ratingWindow, clock, account, everyCounterOfTheSite);
    }

    public CounterOptions withRatingWindow(Duration window) {
        return new CounterOptions(serverUrl, site, desks, printerUri, window, clock, account, everyCounterOfTheSite);
    }

    public CounterOptions withClock(Clock otherClock) {
        return new CounterOptions(
                serverUrl, site, desks, printerUri, ratingWindow, otherClock, account, everyCounterOfTheSite);
    }

    /** Options whose devices are reported to the server with this device account. */
    public CounterOptions withAccount(DeviceReporter.Account deviceAccount) {
        return new CounterOptions(
                serverUrl, site, desks, printerUri, ratingWindow, clock, deviceAccount, everyCounterOfTheSite);
    }

    /**
     * Options whose officers may also sign in at a counter of the site that has no desk here, such as one the
     * administrator added while the agent runs (the demo's counter page, which stands for every counter).
     */
    public CounterOptions withEveryCounterOfTheSite() {
        return new CounterOptions(serverUrl, site, desks, printerUri, ratingWindow, clock, account, true);
    }
}
