package org.xephang.api.announce;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How announcement clips are named. Clip names are lowercase ASCII words joined by hyphens, so that they are safe as
 * file names and URL segments everywhere: {@code chime}, {@code pause}, {@code num-…} ({@link NumberSyllable}), {@code letter-…}
 * ({@link PrefixLetters}), {@code phrase-…} (a fixed phrase, named after its words without diacritics:
 * "đến quầy số" → {@code phrase-den-quay-so}) and {@code field-…} (a field name, same rule). A player looks a clip up
 * as {@code <name>.wav}. Pure and thread-safe.
 */
public final class ClipNames {

    /** The chime played before an announcement. */
    public static final String CHIME = "chime";

    /** A short silence between two repetitions of the sentence. */
    public static final String PAUSE = "pause";

    private ClipNames() {}

    /** The clip of a fixed phrase: {@code phrase-} and its words without diacritics. */
    public static String phrase(String words) {
        return "phrase-" + slug(words);
    }

    /** The clip of a field (service) name: {@code field-} and its words without diacritics. */
    public static String field(String serviceName) {
        return "field-" + slug(serviceName);
    }

    /** "Xin mời công dân" → "xin-moi-cong-dan": diacritics removed, đ → d, anything else but a–z and 0–9 → '-'. */
    static String slug(String words) {
        String stripped = Normalizer.normalize(words, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .replace('đ', 'd')
                .replace('Đ', 'D')
                .toLowerCase(Locale.ROOT);
        String slug = stripped.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("no letters or digits to name a clip: " + words);
        }
        return slug;
    }
}
