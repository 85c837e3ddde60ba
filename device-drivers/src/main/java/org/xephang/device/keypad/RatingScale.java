package org.xephang.device.keypad;

import java.util.List;

/**
 * A keypad's native scale: 3, 4 or 5 levels, level 1 = best (as {@code RatingCommand} in queue-core), and the fixed
 * mapping to the national 3 levels. The mapping is part of our statistics definitions; queue-core stores the native
 * level with the same mapping:
 *
 * <table>
 *   <caption>Native level → national level</caption>
 *   <tr><th>scale</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr>
 *   <tr><td>3</td><td>Rất hài lòng</td><td>Hài lòng</td><td>Không hài lòng</td><td></td><td></td></tr>
 *   <tr><td>4</td><td>Rất hài lòng</td><td>Hài lòng</td><td>Bình thường → Hài lòng</td>
 *       <td>Không hài lòng</td><td></td></tr>
 *   <tr><td>5</td><td>Rất hài lòng</td><td>Hài lòng</td><td>Bình thường → Hài lòng</td>
 *       <td>Không hài lòng</td><td>Rất không hài lòng → Không hài lòng</td></tr>
 * </table>
 *
 * <p>"Bình thường" (neutral) counts as Hài lòng: the national scale has no neutral level and a neutral answer is not
 * a complaint. Immutable; safe from any thread.
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

    /** The national level of a native level (1 = best); see the table above. */
    public NationalRating national(int level) {
        checkLevel(level);
        if (level == 1) {
            return NationalRating.RAT_HAI_LONG;
        }
        return switch (this) {
            case THREE -> level == 2 ? NationalRating.HAI_LONG : NationalRating.KHONG_HAI_LONG;
            case FOUR, FIVE -> level <= 3 ? NationalRating.HAI_LONG : NationalRating.KHONG_HAI_LONG;
        };
    }

    private void checkLevel(int level) {
        if (level < 1 || level > levels()) {
            throw new IllegalArgumentException(
                    "level must be 1.." + levels() + " on a " + levels() + "-level scale, not " + level);
        }
    }
}
