package org.xephang.counter;

import org.xephang.device.DeviceException;

/**
 * The LED number display above one counter. Blocking: call from a worker.
 */
interface DeskLed {

    /** Shows the number being served, e.g. {@code A012}. */
    void show(String number) throws DeviceException;

    /** Shows nothing (paused, closed, nobody at the counter). */
    void blank() throws DeviceException;
}
