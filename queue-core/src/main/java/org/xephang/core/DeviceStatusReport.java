package org.xephang.core;

import java.time.Instant;

/**
 * A device's status as an agent reports it.
 *
 * @param device the device id, e.g. {@code "kiosk1/printer"}
 * @param kind {@code printer}, {@code scanner}, {@code led}, {@code keypad}
 * @param state ONLINE, PAPER_NEAR_END, PAPER_OUT, COVER_OPEN, OFFLINE, ERROR
 * @param detail a short Vietnamese description for screens
 * @param since when the device entered this state
 */
public record DeviceStatusReport(String device, String kind, String state, String detail, Instant since) {}
