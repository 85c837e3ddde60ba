package org.xephang.device.scanner;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a scanner delivered (from a CDC scanner, a keyboard wedge, JavaPOS or the simulator) as a
 * {@link ScannedPayload}: shared by the kiosk and the counter so both understand the same codes.
 *
 * <p>Accepted, in this order:
 *
 * <ol>
 *   <li>a ticket QR of ours: a URL whose path ends in {@code /t/{id}} (the ticket status page);
 *   <li>a URL carrying the dossier code in a {@code MaHoSo=}, {@code maSo=} or {@code code=} query parameter (names
 *       compared case-insensitively, value percent-decoded);
 *   <li>a bare dossier code: after normalising (trim, inner spaces removed, upper case) 3–60 characters of letters,
 *       digits and {@code . - _ /} with at least one digit. {@link ScannedPayload.DossierCode#standardFormat()}
 *       tells whether it has the TT 01/2018 shape {@code ^[0-9A-Z.]{3,40}-\d{6}-\d{4,5}$} (docs/domain-vn.md §2).
 * </ol>
 *
 * <p>A Vietnamese input method left on (Telex/VNI in Unikey or EVKey) rewrites what a keyboard-wedge scanner types:
 * {@code dd} becomes {@code đ}, {@code aa} becomes {@code â}, {@code as} becomes {@code á}. When the input holds
 * such letters the parser also tries the keystrokes that would have produced them (Telex by default, see
 * {@link InputMethod}) and accepts the result only if it is a standard-format code or one of our URLs and only one
 * reading is possible; otherwise the message asks to switch the input method off.
 *
 * <p>Never throws and never returns null: anything else (garbage, control bytes, very long input, a foreign URL)
 * is {@link ScannedPayload.Unreadable} with a Vietnamese message. Pure; immutable; thread-safe.
 */
public final class ScannedPayloadParser {

    /** Longest input considered at all; longer input is refused without being examined. */
    public static final int MAX_INPUT_LENGTH = 2048;

    static final String UNREADABLE = "Không đọc được mã hồ sơ. Vui lòng quét lại hoặc nhập mã hồ sơ bằng tay.";
    static final String NOT_A_DOSSIER =
            "Không đọc được mã hồ sơ: mã vừa quét không phải mã hồ sơ hay phiếu xếp hàng. Vui lòng quét mã trên"
                    + " giấy tiếp nhận hồ sơ.";
    /** The message of a scan a Vietnamese input method spoiled (an agent tells its technician, not the citizen). */
    public static final String INPUT_METHOD_ON =
            "Không đọc được mã hồ sơ: bộ gõ tiếng Việt (Unikey/EVKey) đang bật và đã"
                    + " làm sai mã. Vui lòng tắt bộ gõ tiếng Việt rồi quét lại.";

    private static final Pattern STANDARD = Pattern.compile("^[0-9A-Z.]{3,40}-\\d{6}-\\d{4,5}$");
    private static final Pattern LENIENT = Pattern.compile("^[0-9A-Z][0-9A-Z._/-]{2,59}$");
    private static final Pattern URL = Pattern.compile("^(?i)(https?)://[^\\s/?#]+(/[^?#]*)?(\\?[^#]*)?(#.*)?$");
    private static final Pattern TICKET_PATH = Pattern.compile("^(?:/.*)?/t/([A-Za-z0-9_-]{4,64})/?$");
    private static final Set<String> CODE_PARAMS = Set.of("mahoso", "maso", "code");

    /** The Vietnamese input method whose rewriting the parser undoes. */
    public enum InputMethod {
        /** Telex (the most common): {@code dd} → đ, {@code aa} → â, {@code s f r x j} tones. */
        TELEX,
        /** VNI: {@code d9} → đ, {@code a6} → â, digit tones {@code 1}–{@code 5}. */
        VNI,
        /** Do not try to undo an input method. */
        NONE
    }

    private final InputMethod inputMethod;

    /** A parser that undoes Telex, the most common input method. */
    public ScannedPayloadParser() {
        this(InputMethod.TELEX);
    }

    /**
     * A parser that undoes {@code inputMethod}. Only one method is tried, because the two are ambiguous ("Á" is
     * "AS" in Telex and "A1" in VNI, both valid in a code); a recovery that is still ambiguous is refused.
     */
    public ScannedPayloadParser(InputMethod inputMethod) {
        this.inputMethod = Objects.requireNonNull(inputMethod, "inputMethod");
    }

    /** Parses scanned text; see the class description. Never throws. */
    public ScannedPayload parse(String raw) {
        if (raw == null) {
            return unreadable("nothing scanned");
        }
        if (raw.length() > MAX_INPUT_LENGTH) {
            return unreadable("input longer than " + MAX_INPUT_LENGTH + " characters");
        }
        String text =
                Normalizer.normalize(stripControls(raw), Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            return unreadable("nothing but blanks or control characters");
        }
        ScannedPayload direct = parseClean(text);
        if (!(direct instanceof ScannedPayload.Unreadable) || isAscii(text)) {
            return direct;
        }
        Set<ScannedPayload> recovered = new LinkedHashSet<>();
        if (inputMethod != InputMethod.NONE) {
            for (String keystrokes : ImeKeystrokes.candidates(text, inputMethod == InputMethod.TELEX)) {
                ScannedPayload candidate = parseClean(keystrokes);
                if (candidate instanceof ScannedPayload.TicketReference
                        || (candidate instanceof ScannedPayload.DossierCode code && code.standardFormat())) {
                    recovered.add(candidate);
                }
            }
        }
        if (recovered.size() == 1) {
            return recovered.iterator().next();
        }
        return new ScannedPayload.Unreadable(
                INPUT_METHOD_ON,
                recovered.isEmpty()
                        ? "Vietnamese letters in the scan; input method on?"
                        : "Vietnamese letters in the scan; several possible keystrokes");
    }

    private ScannedPayload parseClean(String text) {
        Matcher url = URL.matcher(text);
        if (url.matches()) {
            return parseUrl(url.group(2) == null ? "" : url.group(2), url.group(3));
        }
        return bareCode(text);
    }

    private ScannedPayload parseUrl(String path, String query) {
        Matcher ticket = TICKET_PATH.matcher(path);
        if (ticket.matches()) {
            return new ScannedPayload.TicketReference(ticket.group(1));
        }
        if (query != null) {
            for (String pair : query.substring(1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String name = pair.substring(0, eq).toLowerCase(Locale.ROOT);
                if (CODE_PARAMS.contains(name)) {
                    String value = decodeQuietly(pair.substring(eq + 1));
                    if (value == null) {
                        return unreadable("bad percent-escape in the " + name + " parameter");
                    }
                    ScannedPayload code = bareCode(value);
                    return code instanceof ScannedPayload.DossierCode
                            ? code
                            : unreadable("the " + name + " parameter holds no dossier code");
                }
            }
        }
        return new ScannedPayload.Unreadable(NOT_A_DOSSIER, "a URL without a ticket path or a dossier parameter");
    }

    private ScannedPayload bareCode(String text) {
        String code = normalise(text);
        if (!LENIENT.matcher(code).matches() || code.chars().noneMatch(Character::isDigit)) {
            return unreadable(code.length() > 60 ? "too long for a dossier code" : "not a dossier code");
        }
        return new ScannedPayload.DossierCode(code, STANDARD.matcher(code).matches());
    }

    /**
     * Normalises a dossier code the way every part of xephang compares them: whitespace removed (also inside, as
     * scanners and people insert spaces) and upper case.
     */
    public static String normalise(String code) {
        StringBuilder out = new StringBuilder(code.length());
        code.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(out::appendCodePoint);
        return out.toString().toUpperCase(Locale.ROOT);
    }

    private static String stripControls(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String decodeQuietly(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // reported by the caller as Unreadable with the reason
        }
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static ScannedPayload.Unreadable unreadable(String reason) {
        return new ScannedPayload.Unreadable(UNREADABLE, reason);
    }

    /** The keystrokes a Telex or VNI input method may have turned into the Vietnamese letters of a text. */
    static final class ImeKeystrokes {

        private ImeKeystrokes() {}

        /** The distinct candidates: the tone key right after its letter, or at the end of the word. */
        static List<String> candidates(String text, boolean telex) {
            Set<String> out = new LinkedHashSet<>();
            out.add(undo(text, telex, false));
            out.add(undo(text, telex, true));
            return new ArrayList<>(out);
        }

        private static String undo(String text, boolean telex, boolean toneAtWordEnd) {
            StringBuilder out = new StringBuilder();
            StringBuilder pendingTones = new StringBuilder();
            String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
            for (int i = 0; i < decomposed.length(); i++) {
                char c = decomposed.charAt(i);
                String keys = switch (c) {
                    case '\u0302' -> telex ? "" : "6"; // circumflex: Telex doubles the vowel (handled below)
                    case '\u0306' -> telex ? "w" : "8"; // breve
                    case '\u031B' -> telex ? "w" : "7"; // horn
                    default -> null;
                };
                String tone = switch (c) {
                    case '\u0301' -> telex ? "s" : "1";
                    case '\u0300' -> telex ? "f" : "2";
                    case '\u0309' -> telex ? "r" : "3";
                    case '\u0303' -> telex ? "x" : "4";
                    case '\u0323' -> telex ? "j" : "5";
                    default -> null;
                };
                if (c == '\u0302' && telex) {
                    char base = out.length() > 0 ? out.charAt(out.length() - 1) : 'a';
                    out.append(base);
                } else if (keys != null) {
                    out.append(keys);
                } else if (tone != null) {
                    if (toneAtWordEnd) {
                        pendingTones.append(tone);
                    } else {
                        out.append(tone);
                    }
                } else if (c == 'đ' || c == 'Đ') {
                    out.append(c == 'đ' ? "d" : "D").append(telex ? (c == 'đ' ? "d" : "D") : "9");
                } else {
                    if (!Character.isLetter(c) && pendingTones.length() > 0) {
                        out.append(pendingTones);
                        pendingTones.setLength(0);
                    }
                    out.append(c);
                }
            }
            return out.append(pendingTones).toString();
        }
    }
}
