/**
 * Splitting byte streams into frames: {@link org.xephang.device.framing.LineFramer} (CR, LF, CRLF),
 * {@link org.xephang.device.framing.FixedLengthFramer} and {@link org.xephang.device.framing.MarkerFramer}.
 * Pure functions of the bytes fed in; every framer is tested with the stream cut into chunks of every size.
 */
package org.xephang.device.framing;
