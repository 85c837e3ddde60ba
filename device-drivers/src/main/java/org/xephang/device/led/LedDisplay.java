package org.xephang.device.led;

import org.xephang.device.Device;
import org.xephang.device.DeviceException;

/**
 * One LED counter display: the board at one address on an RS-485 bus (or behind a serial-to-Ethernet gateway),
 * showing the number being served at a counter. Created from a URI such as {@code led:ascii+serial:///dev/ttyUSB1
 * ?address=3}, {@code led:modbus+tcp://10.0.0.40:502?address=1} or {@code sim:led?address=3} by the
 * {@link org.xephang.device.DeviceFactory}.
 *
 * <p>Displays on the same port share one {@link LedBus}: frames to different addresses are written one at a time
 * with the bus's gap between them. The bus remembers the latest frame of every address and sends it again when the
 * link comes back, so a display unplugged during a call shows the right number once replugged.
 *
 * <p>Status: the bus's (ONLINE, OFFLINE with the reason); ERROR when the board at this address refused or did not
 * acknowledge the last frame (protocols with acknowledgements: Modbus).
 *
 * <p>Threading: thread-safe; {@link #show} blocks until the frame is on the wire (and acknowledged): call it from a
 * worker, never from an event loop.
 */
public interface LedDisplay extends Device {

    /** The display's address on its bus. */
    int address();

    /**
     * Shows {@code frame}.
     *
     * @throws org.xephang.device.DeviceDisconnectedException if the bus is not connected (the frame is still shown
     *     once it reconnects)
     * @throws org.xephang.device.DeviceTimeoutException if the board did not acknowledge in time
     * @throws DeviceException (state ERROR) if the board refused the frame
     * @throws IllegalArgumentException if this board cannot show the frame (too long, a letter without a glyph)
     */
    void show(LedFrame frame) throws DeviceException;

    /** The frame last given to {@link #show} (blank before the first), whether or not it reached the board. */
    LedFrame current();
}
