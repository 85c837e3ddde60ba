package org.xephang.device;

/**
 * A device operation failed; the message says why in words an installer understands, and {@link #state()} says
 * what the device's state became (PAPER_OUT, OFFLINE, ERROR…).
 *
 * <p>Subclasses: {@link DeviceDisconnectedException} (not reachable), {@link DeviceTimeoutException} (no answer in
 * time), {@link DeviceFaultException} (the device reported a fault such as paper out or cover open),
 * {@link InvalidDeviceUriException} (bad configuration).
 */
public class DeviceException extends Exception {

    private final DeviceState state;

    public DeviceException(DeviceState state, String message) {
        super(message);
        this.state = state;
    }

    public DeviceException(DeviceState state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    /** The device's state as a result of this failure. */
    public DeviceState state() {
        return state;
    }
}
