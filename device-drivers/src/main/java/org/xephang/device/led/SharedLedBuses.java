package org.xephang.device.led;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One {@link LedBus} per port in the process: displays created from URIs naming the same port share its bus, so
 * their frames are serialised on the wire. The bus closes when its last display closes.
 *
 * <p>Thread-safe.
 */
final class SharedLedBuses {

    private static final Map<String, Entry> BUSES = new HashMap<>();

    private SharedLedBuses() {}

    /**
     * The bus for {@code port}, made by {@code factory} if there is none.
     *
     * @throws IllegalArgumentException if the port's bus speaks another protocol
     */
    static synchronized Lease acquire(String port, String protocol, Supplier<LedBus> factory) {
        Entry entry = BUSES.get(port);
        if (entry == null) {
            entry = new Entry(factory.get(), protocol);
            BUSES.put(port, entry);
        } else if (!entry.protocol.equals(protocol)) {
            throw new IllegalArgumentException(port + " is already an LED bus speaking '" + entry.protocol
                    + "'; one bus cannot also speak '" + protocol + "'");
        }
        entry.leases++;
        return new Lease(port, entry.bus);
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
        final String protocol;
        int leases;

        Entry(LedBus bus, String protocol) {
            this.bus = bus;
            this.protocol = protocol;
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
