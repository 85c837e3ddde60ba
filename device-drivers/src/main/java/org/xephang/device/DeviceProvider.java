package org.xephang.device;

import java.time.Clock;

/**
 * Creates devices for the URIs it understands. Implementations are listed in
 * {@code META-INF/services/org.xephang.device.DeviceProvider} and found by {@link DeviceFactory}.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
public interface DeviceProvider {

    /** Whether this provider makes devices for {@code uri} (usually by scheme, transport and protocol). */
    boolean accepts(DeviceUri uri);

    /**
     * Creates (but does not start) a device.
     *
     * @throws InvalidDeviceUriException if a parameter is missing or wrong
     */
    Device create(DeviceUri uri, Clock clock) throws DeviceException;
}
