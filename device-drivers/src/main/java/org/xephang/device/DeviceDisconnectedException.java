package org.xephang.device;

/** The device is not reachable: unplugged, switched off, connection refused or dropped. State OFFLINE. */
public class DeviceDisconnectedException extends DeviceException {

    public DeviceDisconnectedException(String message) {
        super(DeviceState.OFFLINE, message);
    }

    public DeviceDisconnectedException(String message, Throwable cause) {
        super(DeviceState.OFFLINE, message, cause);
    }
}
