package org.xephang.device.keypad;

import java.util.List;

/**
 * A keypad's native scale: 3, 4 or 5 levels, level 1 = best (as {@code RatingCommand} in queue-core), with the
 * Vietnamese label of each button. The driver reports the native level and the scale; the one mapping to the national
 * 3 levels is queue-api's {@code NationalRating}, applied by the server (docs/adr/0014-rating-scale-mapping.md).
 * Immutable; safe from any thread.
 */
public enum RatingScale {
    THREE(List.of("Rất hài lòng", "Hài lòng", "Không hài lòng")),
    FOUR(List.of("Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng")),
    FIVE(List.of("Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"));

    private final List<String> labels;

    RatingScale(List<String> labels) {
        this.labels = labels;
    }

    /** The scale with {@code levels} levels (3, 4 or 5). */
    public static RatingScale of(int levels) {
        return switch (levels) {
            case 3 -> THREE;
            case 4 -> FOUR;
            case 5 -> FIVE;
            default -> throw new IllegalArgumentException("a rating scale has 3, 4 or 5 levels, not " + levels);
        };
    }

    /** How many levels: 3, 4 or 5. */
    public int levels() {
        return labels.size();
    }

    /** The Vietnamese label of a native level (1 = best). */
    public String label(int level) {
        checkLevel(level);
        return labels.get(level - 1);
    }

    private void checkLevel(int level) {
        if (level < 1 || level > levels()) {
            throw new IllegalArgumentException(
                    "level must be 1.." + levels() + " on a " + levels() + "-level scale, not " + level);
        }
    }
}
