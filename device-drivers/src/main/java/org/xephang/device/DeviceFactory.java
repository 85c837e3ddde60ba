package org.xephang.device;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Resolves device URIs to devices through the registered {@link DeviceProvider}s.
 *
 * <pre>{@code
 * TicketPrinter printer = DeviceFactory.standard().create("escpos:tcp://10.0.0.31:9100", TicketPrinter.class);
 * printer.start();
 * }</pre>
 *
 * <p>Immutable and thread-safe; creating a device does not open it (call {@link Device#start()}).
 */
public final class DeviceFactory {

    private final List<DeviceProvider> providers;
    private final Clock clock;

    public DeviceFactory(List<DeviceProvider> providers, Clock clock) {
        this.providers = List.copyOf(providers);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A factory with every provider on the class path (service loader), using the system clock. */
    public static DeviceFactory standard() {
        List<DeviceProvider> found = new ArrayList<>();
        ServiceLoader.load(DeviceProvider.class, DeviceFactory.class.getClassLoader())
                .forEach(found::add);
        return new DeviceFactory(found, Clock.systemDefaultZone());
    }

    /** The same providers with another clock (tests). */
    public DeviceFactory withClock(Clock otherClock) {
        return new DeviceFactory(providers, otherClock);
    }

    /** Parses {@code uri} and creates the device; see {@link #create(DeviceUri, Class)}. */
    public <T extends Device> T create(String uri, Class<T> type) throws DeviceException {
        return create(DeviceUri.parse(uri), type);
    }

    /**
     * Creates (but does not start) the device for {@code uri}.
     *
     * @param type what the caller needs, e.g. {@code TicketPrinter.class}
     * @throws InvalidDeviceUriException if no provider accepts the URI, a parameter is wrong, or the device is not
     *     a {@code type}
     */
    public <T extends Device> T create(DeviceUri uri, Class<T> type) throws DeviceException {
        for (DeviceProvider provider : providers) {
            if (provider.accepts(uri)) {
                Device device = provider.create(uri, clock);
                if (!type.isInstance(device)) {
                    device.close();
                    throw new InvalidDeviceUriException(
                            uri + " is a " + device.getClass().getSimpleName() + ", not a " + type.getSimpleName());
                }
                return type.cast(device);
            }
        }
        throw new InvalidDeviceUriException("no device driver for '" + uri
                + "'; examples: escpos:tcp://10.0.0.31:9100, escpos:serial:///dev/ttyUSB0?baud=115200,"
                + " escpos:cups://TM-T20III, javapos://POSPrinter1, sim:printer");
    }
}
