package org.xephang.core;

/**
 * A citizen's rating on a keypad of {@code scale} buttons (3, 4 or 5), {@code level} 1 = best. The native level is
 * stored with its fixed mapping to the national 3-level scale (docs/domain-vn.md §5).
 *
 * @param device the keypad that sent it, or null when an officer entered it
 */
public record RatingCommand(int level, int scale, String device) {}
