package org.xephang.device;

/** A device URI or one of its parameters is wrong; the message names the part and the allowed values. */
public class InvalidDeviceUriException extends DeviceException {

    public InvalidDeviceUriException(String message) {
        super(DeviceState.ERROR, message);
    }
}
