package org.xephang.api.announce;

/**
 * The 20 spoken syllables that read every number from 0 to 999 999 in both dialects (docs/domain-vn.md §4). Each has one
 * pre-recorded clip; the clip names are ASCII (the tone is named where two syllables share their letters: {@code một}
 * is {@code num-mot-nang}, {@code mốt} is {@code num-mot-sac}). Immutable and thread-safe.
 */
public enum NumberSyllable {
    KHONG("không", "num-khong"),
    MOT("một", "num-mot-nang"),
    MOT_FINAL("mốt", "num-mot-sac"),
    HAI("hai", "num-hai"),
    BA("ba", "num-ba"),
    BON("bốn", "num-bon"),
    TU_FINAL("tư", "num-tu"),
    NAM("năm", "num-nam"),
    LAM_FINAL("lăm", "num-lam"),
    SAU("sáu", "num-sau"),
    BAY("bảy", "num-bay"),
    TAM("tám", "num-tam"),
    CHIN("chín", "num-chin"),
    MUOI_TEN("mười", "num-muoi-huyen"),
    MUOI_TENS("mươi", "num-muoi-ngang"),
    TRAM("trăm", "num-tram"),
    LINH("linh", "num-linh"),
    LE("lẻ", "num-le"),
    NGHIN("nghìn", "num-nghin"),
    NGAN("ngàn", "num-ngan");

    private static final NumberSyllable[] DIGITS = {KHONG, MOT, HAI, BA, BON, NAM, SAU, BAY, TAM, CHIN};

    private final String text;
    private final String clip;

    NumberSyllable(String text, String clip) {
        this.text = text;
        this.clip = clip;
    }

    /** The syllable as written, in NFC ("mươi"). */
    public String text() {
        return text;
    }

    /** The clip name, ASCII ("num-muoi-ngang"). */
    public String clip() {
        return clip;
    }

    /** The plain name of a digit 0–9 ("không" … "chín"). */
    static NumberSyllable digit(int digit) {
        return DIGITS[digit];
    }
}
