package org.xephang.core.backend.notify;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xephang.core.backend.lookup.DossierCode;

/**
 * The dossier code in an inbound SMS (issue 17 item 4): the bare code, or the keyword {@code HS} (hồ sơ) and the code,
 * separated by spaces, a colon or a dot, in any case: {@code HS H21.65-261122-0001}, {@code hs:H21.65-261122-0001}.
 * The code is then normalised as on the kiosk ({@link DossierCode}). Pure.
 */
public final class SmsDossierQuery {

    private static final int LONGEST_SMS = 480;
    private static final Pattern KEYWORD = Pattern.compile("^HS(?:\\s*[:.]\\s*|\\s+)(.+)$", Pattern.DOTALL);

    private SmsDossierQuery() {}

    /** The normalised dossier code, or empty when the text holds none. */
    public static Optional<String> codeIn(String text) {
        if (text == null || text.length() > LONGEST_SMS) {
            return Optional.empty();
        }
        String stripped = text.strip();
        Matcher keyword = KEYWORD.matcher(stripped.toUpperCase(Locale.ROOT));
        String candidate = keyword.matches() ? keyword.group(1) : stripped;
        if (candidate.contains("://")) {
            return DossierCode.normalise(candidate);
        }
        return DossierCode.normalise(candidate.replaceAll("\\s+", ""));
    }
}
