package org.xephang.core.backend.lookup;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dossier codes (docs/domain-vn.md §2) are opaque: we only trim, remove inner spaces and upper-case them. A scanned
 * receipt QR may hold a URL instead: the code is then its {@code MaHoSo}, {@code maSo} or {@code code} query parameter.
 */
public final class DossierCode {

    /** Lenient "looks like a TT 01/2018 code" ({@code H21.65-261122-0001}); other vendor formats are accepted too. */
    public static final Pattern TYPICAL = Pattern.compile("^[0-9A-Z.]{3,40}-\\d{6}-\\d{4,5}$");

    private static final Pattern ALLOWED = Pattern.compile("^[0-9A-Z._/-]{3,64}$");
    private static final List<String> URL_PARAMETERS = List.of("mahoso", "maso", "code");

    private DossierCode() {}

    /**
     * The code from a bare code or a URL, normalised, or empty when the input holds no usable code (blank, a URL
     * without one of the parameters, or characters no dossier code has).
     */
    public static Optional<String> normalise(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String text = input.strip();
        if (text.contains("?") || text.contains("://")) {
            text = fromUrl(text).orElse("");
        }
        String code = text.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        return ALLOWED.matcher(code).matches() ? Optional.of(code) : Optional.empty();
    }

    private static Optional<String> fromUrl(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        String[] pairs = url.substring(query + 1).split("[&#]");
        for (String wanted : URL_PARAMETERS) {
            for (String pair : pairs) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(wanted)) {
                    try {
                        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException badEscape) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
