package org.xephang.device;

/**
 * Receives a device's status changes.
 *
 * <p>Called synchronously on the thread that observed the change (a caller's thread or the device's monitor
 * thread): return quickly and do not block; hand off to your own executor or event loop. An exception thrown by a
 * listener is logged and does not stop other listeners.
 */
@FunctionalInterface
public interface DeviceStatusListener {

    /**
     * The device's status changed.
     *
     * @param previous the status before the change
     * @param current the new status
     */
    void statusChanged(DeviceStatus previous, DeviceStatus current);
}
