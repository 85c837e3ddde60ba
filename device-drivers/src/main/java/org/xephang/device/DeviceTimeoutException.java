package org.xephang.device;

/** The device did not answer in time. State OFFLINE unless the caller knows better. */
public class DeviceTimeoutException extends DeviceException {

    public DeviceTimeoutException(String message) {
        super(DeviceState.OFFLINE, message);
    }

    public DeviceTimeoutException(DeviceState state, String message) {
        super(state, message);
    }
}
