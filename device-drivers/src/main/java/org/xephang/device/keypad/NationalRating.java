package org.xephang.device.keypad;

/**
 * The national 3-level satisfaction scale (DVCQG, Quyết định 766/QĐ-TTg; DOMAIN-VN.md §5) every native keypad level
 * is mapped to by {@link RatingScale#national(int)}.
 *
 * <p>Immutable; safe from any thread.
 */
public enum NationalRating {
    RAT_HAI_LONG("Rất hài lòng", "Very satisfied"),
    HAI_LONG("Hài lòng", "Satisfied"),
    KHONG_HAI_LONG("Không hài lòng", "Not satisfied");

    private final String vietnamese;
    private final String english;

    NationalRating(String vietnamese, String english) {
        this.vietnamese = vietnamese;
        this.english = english;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }
}
