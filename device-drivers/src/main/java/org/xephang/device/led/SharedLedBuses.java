package org.xephang.device.led;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One {@link LedBus} per port in the process: displays created from URIs naming the same port share its bus, so
 * their frames are serialised on the wire. The bus closes when its last display closes.
 *
 * <p>The port alone is the bus's identity: one wire has one line setting, one gap between frames and one protocol,
 * and two buses on one port would open it twice. So a display whose bus settings (protocol, codec options, gap,
 * reply timeout, line and reconnection settings) differ from those the bus was made with is refused, naming each
 * setting that differs with both values, instead of silently using the first display's.
 *
 * <p>Thread-safe.
 */
final class SharedLedBuses {

    private static final Map<String, Entry> BUSES = new HashMap<>();

    private SharedLedBuses() {}

    /**
     * The bus for {@code port}, made by {@code factory} if there is none.
     *
     * @param settings the bus settings by URI parameter name, with defaults applied ({@code protocol}, {@code gap}…)
     * @throws IllegalArgumentException if the port's bus was made with other settings; the message names them
     */
    static synchronized Lease acquire(String port, Map<String, String> settings, Supplier<LedBus> factory) {
        Entry entry = BUSES.get(port);
        if (entry == null) {
            entry = new Entry(factory.get(), Map.copyOf(settings));
            BUSES.put(port, entry);
        } else if (!entry.settings.equals(settings)) {
            throw new IllegalArgumentException(
                    port + " is already an LED bus with " + differences(entry.settings, settings)
                            + "; displays on one port share its bus: give them all the same settings");
        }
        entry.leases++;
        return new Lease(port, entry.bus);
    }

    /** E.g. {@code gap=300ms, width=16 (this display: gap=100ms, width=8)}. */
    private static String differences(Map<String, String> bus, Map<String, String> display) {
        Set<String> names = new TreeSet<>(bus.keySet());
        names.addAll(display.keySet());
        List<String> theirs = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (String name : names) {
            String a = bus.get(name);
            String b = display.get(name);
            if (!Objects.equals(a, b)) {
                theirs.add(name + "=" + (a == null ? "(none)" : a));
                mine.add(name + "=" + (b == null ? "(none)" : b));
            }
        }
        return String.join(", ", theirs) + " (this display: " + String.join(", ", mine) + ")";
    }

    private static synchronized void release(String port, LedBus bus) {
        Entry entry = BUSES.get(port);
        if (entry != null && entry.bus == bus && --entry.leases == 0) {
            BUSES.remove(port);
            bus.close();
        }
    }

    private static final class Entry {
        final LedBus bus;
        final Map<String, String> settings;
        int leases;

        Entry(LedBus bus, Map<String, String> settings) {
            this.bus = bus;
            this.settings = settings;
        }
    }

    /** A display's hold on a bus. */
    static final class Lease {
        private final String port;
        private final LedBus bus;
        private boolean released;

        Lease(String port, LedBus bus) {
            this.port = port;
            this.bus = bus;
        }

        LedBus bus() {
            return bus;
        }

        synchronized void release() {
            if (!released) {
                released = true;
                SharedLedBuses.release(port, bus);
            }
        }
    }
}
