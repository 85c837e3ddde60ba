package org.xephang.device;

/**
 * Receives a device's status changes.
 *
 * <p>Called one change at a time, in the order the changes were made, on a thread that updated the status (a
 * caller's thread or one of the device's own threads, not always the one that observed this change): return quickly
 * and do not block; hand off to your own executor or event loop. An exception thrown by a listener is logged and
 * does not stop other listeners.
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
