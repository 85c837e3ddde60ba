package org.xephang.api;

/**
 * The national 3-level satisfaction scale (DVCQG, Quyết định 766/QĐ-TTg) and the fixed mapping from a keypad's native
 * level (1 = best) on a 3-, 4- or 5-button scale (docs/adr/0014-rating-scale-mapping.md). The one table: the server
 * stores and reports ratings with it, and an agent that shows a national level reads it here (the keypad driver only
 * reports the native level and its scale):
 *
 * <pre>
 * 3 buttons: 1 Rất hài lòng · 2 Hài lòng · 3 Không hài lòng
 * 4 buttons: 1 Rất hài lòng · 2 Hài lòng · 3 Bình thường → Hài lòng · 4 Không hài lòng
 * 5 buttons: 1 Rất hài lòng · 2 Hài lòng · 3 Bình thường → Hài lòng · 4 Không hài lòng
 *            · 5 Rất không hài lòng → Không hài lòng
 * </pre>
 *
 * <p>The national scale has no neutral level; a neutral answer is not a complaint, so it counts as Hài lòng.
 */
public enum NationalRating {
    VERY_SATISFIED(1, "Rất hài lòng", "Very satisfied"),
    SATISFIED(2, "Hài lòng", "Satisfied"),
    DISSATISFIED(3, "Không hài lòng", "Not satisfied");

    private final int level;
    private final String label;
    private final String english;

    NationalRating(int level, String label, String english) {
        this.level = level;
        this.label = label;
        this.english = english;
    }

    /** 1, 2 or 3 on the national scale. */
    public int level() {
        return level;
    }

    /** The Vietnamese label. */
    public String label() {
        return label;
    }

    /** The English label, second to the Vietnamese one. */
    public String english() {
        return english;
    }

    /**
     * Maps a native level to the national scale.
     *
     * @throws QueueError INVALID_REQUEST for a scale other than 3, 4, 5 or a level outside 1..scale
     */
    public static NationalRating of(int nativeLevel, int scale) {
        if (scale < 3 || scale > 5) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Thang đánh giá phải có 3, 4 hoặc 5 mức, nhận được " + scale + ".",
                    "The rating scale must have 3, 4 or 5 levels, got " + scale + ".");
        }
        if (nativeLevel < 1 || nativeLevel > scale) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mức đánh giá phải từ 1 đến " + scale + ", nhận được " + nativeLevel + ".",
                    "The rating level must be from 1 to " + scale + ", got " + nativeLevel + ".");
        }
        if (nativeLevel == 1) {
            return VERY_SATISFIED;
        }
        if (nativeLevel == 2 || (scale >= 4 && nativeLevel == 3)) {
            return SATISFIED;
        }
        return DISSATISFIED;
    }
}
