/**
 * Citizens' rating keypads (3, 4 or 5 buttons, level 1 = best, see {@link org.xephang.device.keypad.RatingScale}).
 * The driver reports the native level and scale; the server maps them to the national 3-level scale with queue-api's
 * {@code NationalRating}, the one table.
 *
 * <p>Use: {@code keypad.awaitRating(ticketId)} when the officer completes a ticket; the next press arrives as a
 * {@link org.xephang.device.keypad.Rating} at each {@link org.xephang.device.keypad.RatingListener}; send
 * {@code rating.level()} and {@code rating.scale().levels()} to the server. One rating per ticket, debounced, presses
 * with nothing waiting ignored and logged ({@link org.xephang.device.keypad.RatingCollector}). Wire protocols:
 * {@link org.xephang.device.keypad.KeypadProtocol}. URIs: see {@link org.xephang.device.keypad.KeypadDeviceProvider}.
 * Simulators: {@link org.xephang.device.keypad.sim.SimulatedRatingKeypad} (in-process, {@code press}) and
 * {@link org.xephang.device.keypad.sim.KeypadSimulator} (over TCP or a pty).
 */
package org.xephang.device.keypad;
