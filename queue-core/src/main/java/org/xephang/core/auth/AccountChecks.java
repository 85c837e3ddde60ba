package org.xephang.core.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.xephang.api.Role;
import org.xephang.core.site.Account;

/**
 * What a valid account is, for the accounts API ({@link AccountAdministration}): a username of letters, digits and
 * {@code . _ -}; a role with the sites and counters it may have in this centre; a display name of at most 100
 * characters; a password of 10–64 characters with letters and digits, not containing the username (a device account
 * given none gets a generated one). Each refusal is a 400 VALIDATION naming the field, in Vietnamese. Also what the
 * audit log keeps of a change: the fields changed and a summary before and after, never a hash or a full name.
 */
final class AccountChecks {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 64;
    static final int MAX_DISPLAY_NAME = 100;
    /** Letters and digits a person can copy from the screen without confusing 0/O or 1/l. */
    private static final String GENERATED_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    static final int GENERATED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccountChecks() {}

    /** Checks a new account's fields; answers the generated password of a device account given none, else null. */
    static String checkNew(AccountAdministration.Fields fields, Map<String, Set<Integer>> centre) {
        if (fields.username() == null) {
            throw AccountAdministration.invalid("username", "Cần có tên đăng nhập.", "A username is needed.");
        }
        if (!USERNAME.matcher(fields.username()).matches()) {
            throw AccountAdministration.invalid(
                    "username",
                    "Tên đăng nhập chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang"
                            + " (tối đa 64 ký tự).",
                    "A username has only unaccented letters, digits, dots, underscores and hyphens (at most 64 characters).");
        }
        if (fields.role() == null) {
            throw AccountAdministration.invalid(
                    "role",
                    "Cần chọn vai trò: ADMIN, SUPERVISOR, OFFICER, KIOSK hoặc DISPLAY.",
                    "Choose a role: ADMIN, SUPERVISOR, OFFICER, KIOSK or DISPLAY.");
        }
        checkPlace(fields.role(), fields.sites() == null ? Set.of() : fields.sites(), fields.counters(), centre);
        checkDisplayName(fields.displayName());
        boolean device = fields.role() == Role.KIOSK || fields.role() == Role.DISPLAY;
        if (fields.password() == null) {
            if (!device) {
                throw AccountAdministration.invalid(
                        "password",
                        "Cần đặt mật khẩu cho tài khoản của người dùng.",
                        "A password is needed for a person's account.");
            }
            return generatedPassword();
        }
        checkStrength(fields.username(), fields.password(), "password");
        return null;
    }

    static void checkChange(Account current, AccountAdministration.Fields fields, Map<String, Set<Integer>> centre) {
        if (fields.username() != null && !fields.username().equals(current.username())) {
            throw AccountAdministration.invalid(
                    "username",
                    "Không đổi được tên đăng nhập; hãy tạo tài khoản mới.",
                    "The username cannot be changed; please create a new account.");
        }
        Role role = fields.role() != null ? fields.role() : current.role();
        Set<String> sites = fields.sites() != null ? fields.sites() : current.sites();
        Set<Integer> counters =
                fields.counters() != null ? fields.counters() : role == Role.OFFICER ? current.counters() : Set.of();
        if (fields.role() != null || fields.sites() != null || fields.counters() != null) {
            checkPlace(role, sites, counters, centre);
        }
        checkDisplayName(fields.displayName());
        if (fields.password() != null) {
            checkStrength(current.username(), fields.password(), "password");
        }
    }

    private static void checkPlace(
            Role role, Set<String> sites, Set<Integer> counters, Map<String, Set<Integer>> centre) {
        for (String site : sites) {
            if (!centre.containsKey(site)) {
                throw AccountAdministration.invalid(
                        "sites",
                        "Không có điểm \"" + site + "\"; các điểm: " + String.join(", ", centre.keySet()) + ".",
                        "No site \"" + site + "\"; the sites: " + String.join(", ", centre.keySet()) + ".");
            }
        }
        if (sites.isEmpty() && role != Role.ADMIN && centre.size() > 1) {
            throw AccountAdministration.invalid(
                    "sites",
                    "Cần chọn điểm làm việc của tài khoản; chỉ quản trị viên cấp tỉnh mới thuộc mọi điểm.",
                    "Choose the site the account works at; only a province administrator belongs to all sites.");
        }
        if (counters != null && !counters.isEmpty()) {
            if (role != Role.OFFICER) {
                throw AccountAdministration.invalid(
                        "counters",
                        "Chỉ cán bộ (OFFICER) mới được gán quầy.",
                        "Only an officer (OFFICER) may be assigned counters.");
            }
            for (int counter : counters) {
                boolean exists = centre.entrySet().stream()
                        .filter(site -> sites.isEmpty() || sites.contains(site.getKey()))
                        .anyMatch(site -> site.getValue().contains(counter));
                if (!exists) {
                    throw AccountAdministration.invalid(
                            "counters",
                            "Điểm của tài khoản không có quầy số " + counter + ".",
                            "The account's site has no counter number " + counter + ".");
                }
            }
        }
    }

    private static void checkDisplayName(String displayName) {
        if (displayName != null && displayName.strip().length() > MAX_DISPLAY_NAME) {
            throw AccountAdministration.invalid(
                    "displayName",
                    "Tên hiển thị dài tối đa " + MAX_DISPLAY_NAME + " ký tự.",
                    "The display name has at most " + MAX_DISPLAY_NAME + " characters.");
        }
        // Shown on the managers' pages and in statistics exports: one line of text, no terminal or zero bytes.
        if (displayName != null && displayName.chars().anyMatch(Character::isISOControl)) {
            throw AccountAdministration.invalid(
                    "displayName",
                    "Tên hiển thị không được có ký tự điều khiển (xuống dòng, tab, mã 0).",
                    "The display name must not have control characters (a line break, a tab, a zero byte).");
        }
    }

    /** The strength rule: 10–64 characters, letters and digits, not containing the username. */
    static void checkStrength(String username, String password, String field) {
        boolean letter = password.codePoints().anyMatch(Character::isLetter);
        boolean digit = password.codePoints().anyMatch(Character::isDigit);
        if (password.length() < MIN_PASSWORD
                || password.length() > MAX_PASSWORD
                || password.getBytes(StandardCharsets.UTF_8).length > 72
                || !letter
                || !digit
                || password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw AccountAdministration.invalid(
                    field,
                    "Mật khẩu cần " + MIN_PASSWORD + "–" + MAX_PASSWORD + " ký tự, có cả chữ và số, và không chứa"
                            + " tên đăng nhập.",
                    "A password needs " + MIN_PASSWORD + "–" + MAX_PASSWORD
                            + " characters, with both letters and digits, and must not contain the username.");
        }
    }

    private static String generatedPassword() {
        while (true) {
            StringBuilder password = new StringBuilder();
            for (int i = 0; i < GENERATED_LENGTH; i++) {
                password.append(GENERATED_ALPHABET.charAt(RANDOM.nextInt(GENERATED_ALPHABET.length())));
            }
            String text = password.toString();
            if (text.chars().anyMatch(Character::isDigit) && text.chars().anyMatch(Character::isLetter)) {
                return text;
            }
        }
    }

    /** What the log keeps of an account: role, sites, counters, disabled (no hash, no full name). */
    static JsonObject summary(Account account) {
        return new JsonObject()
                .put("role", account.role().name())
                .put("sites", new JsonArray(new ArrayList<>(new TreeSet<>(account.sites()))))
                .put("counters", new JsonArray(new ArrayList<>(new TreeSet<>(account.counters()))))
                .put("disabled", account.disabled());
    }

    /** The audit log's detail of a change: which fields changed, and the account's summary before and after. */
    static JsonObject changes(Account before, Account after, boolean password) {
        JsonArray changed = new JsonArray();
        if (before.role() != after.role()) {
            changed.add("role");
        }
        if (!Objects.equals(before.displayName(), after.displayName())) {
            changed.add("displayName");
        }
        if (!before.sites().equals(after.sites())) {
            changed.add("sites");
        }
        if (!before.counters().equals(after.counters())) {
            changed.add("counters");
        }
        if (before.disabled() != after.disabled()) {
            changed.add("disabled");
        }
        if (password) {
            changed.add("password");
        }
        return new JsonObject()
                .put("changed", changed)
                .put("before", summary(before))
                .put("after", summary(after));
    }
}
