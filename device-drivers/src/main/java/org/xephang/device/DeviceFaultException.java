package org.xephang.device;

/** The device answered and reported a fault (paper out, cover open, cutter error…); {@link #status()} has it. */
public class DeviceFaultException extends DeviceException {

    private final transient DeviceStatus status;

    public DeviceFaultException(DeviceStatus status, String message) {
        super(status.state(), message);
        this.status = status;
    }

    /** The status the device reported. */
    public DeviceStatus status() {
        return status;
    }
}
