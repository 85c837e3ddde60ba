package org.xephang.core.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.api.SiteInfo;
import org.xephang.core.Actor;
import org.xephang.core.QueueService;
import org.xephang.core.auth.AccountAdministration;
import org.xephang.core.auth.AccountAdministration.Fields;
import org.xephang.core.auth.AuditEntry;
import org.xephang.core.auth.AuditQuery;
import org.xephang.core.auth.Authenticator;

/**
 * The accounts API and the audit log (issue #14 items 2, 4, 5): {@code GET/POST /admin/accounts}, {@code PATCH
 * /admin/accounts/{username}}, {@code POST /auth/password}, {@code GET /admin/audit} (JSON or CSV). Reads the request,
 * names a bad field in a 400 VALIDATION, and leaves the rules to {@link AccountAdministration}.
 */
final class AccountRoutes {

    static final int DEFAULT_AUDIT_PAGE = 100;
    static final int MAX_AUDIT_PAGE = 1000;
    private static final Set<String> CREATE_FIELDS =
            Set.of("username", "role", "displayName", "sites", "counters", "password", "disabled");
    private static final Set<String> PATCH_FIELDS =
            Set.of("role", "displayName", "sites", "counters", "disabled", "password");
    private static final String DEFAULT_ZONE = "Asia/Ho_Chi_Minh";

    private final QueueService queue;
    private final Authenticator auth;

    AccountRoutes(QueueService queue, Authenticator auth) {
        this.queue = queue;
        this.auth = auth;
    }

    void list(RoutingContext ctx) {
        Actor by = Authenticator.actor(ctx);
        String site = siteParameter(ctx);
        List<org.xephang.core.site.Account> accounts = auth.administration().visible(by, site);
        auth.audit()
                .lastSignIns()
                .onSuccess(last -> {
                    JsonArray list = new JsonArray();
                    accounts.forEach(
                            account -> list.add(AccountAdministration.toJson(account, last.get(account.username()))));
                    Replies.json(ctx, 200, new JsonObject().put("accounts", list));
                })
                .onFailure(ctx::fail);
    }

    void create(RoutingContext ctx) {
        JsonObject body = object(ctx, CREATE_FIELDS);
        Fields fields = new Fields(
                text(body, "username"),
                role(body),
                displayName(body),
                sites(body),
                counters(body),
                bool(body, "disabled"),
                password(body, "password"));
        auth.administration()
                .create(Authenticator.actor(ctx), HttpApi.clientAddress(ctx), fields, centre())
                .onSuccess(created -> {
                    JsonObject answer = AccountAdministration.toJson(created.account(), null);
                    if (created.generatedPassword() != null) {
                        answer.put("password", created.generatedPassword());
                    }
                    ctx.response()
                            .putHeader(
                                    "Location",
                                    HttpApi.PREFIX + "/admin/accounts/"
                                            + created.account().username());
                    Replies.json(ctx, 201, answer);
                })
                .onFailure(ctx::fail);
    }

    void update(RoutingContext ctx) {
        String username = ctx.pathParam("username");
        auth.administration().requireReach(Authenticator.actor(ctx), username);
        JsonObject body = object(ctx, PATCH_FIELDS);
        Fields fields = new Fields(
                null,
                body.containsKey("role") ? role(body) : null,
                displayName(body),
                sites(body),
                counters(body),
                bool(body, "disabled"),
                password(body, "password"));
        auth.administration()
                .update(Authenticator.actor(ctx), HttpApi.clientAddress(ctx), username, fields, centre())
                .compose(account -> auth.audit()
                        .lastSignIns()
                        .map(last -> AccountAdministration.toJson(account, last.get(account.username()))))
                .onSuccess(answer -> Replies.json(ctx, 200, answer))
                .onFailure(ctx::fail);
    }

    void changeOwnPassword(RoutingContext ctx) {
        JsonObject body = object(ctx, Set.of("currentPassword", "newPassword"));
        String current = password(body, "currentPassword");
        String next = password(body, "newPassword");
        if (current == null) {
            throw AccountAdministration.invalid(
                    "currentPassword", "Cần nhập mật khẩu hiện tại.", "The current password is needed.");
        }
        if (next == null) {
            throw AccountAdministration.invalid("newPassword", "Cần nhập mật khẩu mới.", "A new password is needed.");
        }
        Actor by = Authenticator.actor(ctx);
        auth.tokenIdOf(ctx)
                .compose(tokenId ->
                        auth.administration().changeOwnPassword(by, HttpApi.clientAddress(ctx), tokenId, current, next))
                .onSuccess(done -> Replies.noContent(ctx))
                .onFailure(ctx::fail);
    }

    void audit(RoutingContext ctx) {
        Actor by = Authenticator.actor(ctx);
        String site = siteParameter(ctx);
        Set<String> sites = site != null ? Set.of(site) : by.sites();
        ZoneId zone = zone(site != null ? site : by.sites().stream().findFirst().orElse(null));
        boolean csv = "csv".equals(ctx.queryParams().get("format"));
        String format = ctx.queryParams().get("format");
        if (format != null && !csv && !"json".equals(format)) {
            throw AccountAdministration.invalid(
                    "format", "Định dạng chỉ là json hoặc csv.", "The format is only json or csv.");
        }
        Instant from = time(ctx, "from", zone, false);
        Instant to = time(ctx, "to", zone, true);
        int limit = integer(
                ctx,
                "limit",
                csv ? AuditQuery.MAX_LIMIT : DEFAULT_AUDIT_PAGE,
                csv ? AuditQuery.MAX_LIMIT : MAX_AUDIT_PAGE);
        String beforeText = ctx.queryParams().get("before");
        Long before = beforeText == null ? null : (long) integer(ctx, "before", 0, Integer.MAX_VALUE);
        auth.audit()
                .read(new AuditQuery(sites, from, to, before, limit))
                .onSuccess(entries -> {
                    if (csv) {
                        ctx.response()
                                .putHeader("Content-Type", "text/csv; charset=utf-8")
                                .putHeader("Content-Disposition", "attachment; filename=\"nhat-ky-quan-tri.csv\"")
                                .putHeader("Cache-Control", "no-store")
                                .end(AuditCsv.write(entries, zone));
                        return;
                    }
                    JsonArray list = new JsonArray();
                    entries.forEach(entry -> list.add(toJson(entry, zone)));
                    Long next = entries.size() == limit
                            ? entries.get(entries.size() - 1).id()
                            : null;
                    Replies.json(ctx, 200, new JsonObject().put("entries", list).put("nextBefore", next));
                })
                .onFailure(ctx::fail);
    }

    static JsonObject toJson(AuditEntry entry, ZoneId zone) {
        JsonObject detail;
        try {
            detail = new JsonObject(entry.detail());
        } catch (RuntimeException notJson) {
            detail = new JsonObject().put("text", entry.detail());
        }
        return new JsonObject()
                .put("id", entry.id())
                .put("at", entry.at().atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .put("actor", entry.actor())
                .put("client", entry.client())
                .put("action", entry.action())
                .put("sites", new JsonArray(List.copyOf(entry.sites())))
                .put("target", entry.target())
                .put("detail", detail);
    }

    /** The centre's sites with their counter numbers (for checking an account's sites and counters). */
    private Map<String, Set<Integer>> centre() {
        Map<String, Set<Integer>> centre = new LinkedHashMap<>();
        for (String code : queue.siteCodes()) {
            Set<Integer> counters = new TreeSet<>();
            queue.site(code).counters().forEach(counter -> counters.add(counter.number()));
            centre.put(code, counters);
        }
        return centre;
    }

    private String siteParameter(RoutingContext ctx) {
        String site = ctx.queryParams().get("site");
        if (site == null || site.isEmpty()) {
            return null;
        }
        if (!queue.siteCodes().contains(site)) {
            throw AccountAdministration.invalid(
                    "site", "Không có điểm \"" + shorten(site) + "\".", "No site \"" + shorten(site) + "\".");
        }
        if (!Authenticator.actor(ctx).mayActAt(site)) {
            throw Authenticator.notAtSite(site);
        }
        return site;
    }

    private ZoneId zone(String site) {
        try {
            SiteInfo info = site == null ? null : queue.site(site);
            return ZoneId.of(info == null ? DEFAULT_ZONE : info.timeZone());
        } catch (RuntimeException unknown) {
            return ZoneId.of(DEFAULT_ZONE);
        }
    }

    /** An ISO-8601 instant ({@code 2026-12-06T08:00:00+07:00}) or a local date of the site ({@code 2026-12-06}). */
    private static Instant time(RoutingContext ctx, String name, ZoneId zone, boolean endOfDay) {
        String text = ctx.queryParams().get(name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException bad) {
            throw AccountAdministration.invalid(
                    name,
                    "Thời điểm \"" + shorten(text) + "\" không đúng dạng ngày (2026-12-06) hoặc ISO-8601"
                            + " (2026-12-06T08:00:00+07:00).",
                    "The time \"" + shorten(text)
                            + "\" is neither a day (2026-12-06) nor ISO-8601 (2026-12-06T08:00:00+07:00).");
        }
    }

    private static int integer(RoutingContext ctx, String name, int absent, int max) {
        String text = ctx.queryParams().get(name);
        if (text == null || text.isEmpty()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw AccountAdministration.invalid(
                name,
                "Trường \"" + name + "\" phải là số nguyên từ 1 đến " + max + ".",
                "The field \"" + name + "\" must be a whole number from 1 to " + max + ".");
    }

    private static JsonObject object(RoutingContext ctx, Set<String> allowed) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return new JsonObject();
        }
        Object value;
        try {
            value = buffer.toJsonValue();
        } catch (io.vertx.core.json.DecodeException malformed) {
            throw new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung yêu cầu không phải JSON hợp lệ.",
                    "The request body is not valid JSON.");
        }
        if (!(value instanceof JsonObject object)) {
            throw new QueueError(
                    ErrorCode.INVALID_JSON,
                    "Nội dung yêu cầu phải là một đối tượng JSON {…}.",
                    "The request body must be a JSON object {…}.");
        }
        for (String key : object.fieldNames()) {
            if (!allowed.contains(key)) {
                throw AccountAdministration.invalid(
                        shorten(key),
                        "Trường \"" + shorten(key) + "\" không được nhận; các trường: "
                                + String.join(", ", new TreeSet<>(allowed)) + ".",
                        "The field \"" + shorten(key) + "\" is not accepted; the fields: "
                                + String.join(", ", new TreeSet<>(allowed)) + ".");
            }
        }
        return object;
    }

    private static String text(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > RequestBody.MAX_TEXT_LENGTH) {
            throw AccountAdministration.invalid(
                    field,
                    "Trường \"" + field + "\" phải là chuỗi ký tự không trống.",
                    "The field \"" + field + "\" must be a non-empty string.");
        }
        return text.strip();
    }

    private static String password(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text) || text.length() > RequestBody.MAX_TEXT_LENGTH) {
            throw AccountAdministration.invalid(
                    field,
                    "Trường \"" + field + "\" phải là chuỗi ký tự.",
                    "The field \"" + field + "\" must be a string.");
        }
        return text;
    }

    private static String displayName(JsonObject body) {
        if (body.containsKey("displayName") && body.getValue("displayName") == null) {
            return null;
        }
        return text(body, "displayName");
    }

    private static Role role(JsonObject body) {
        String text = text(body, "role");
        if (text == null) {
            if (body.containsKey("role")) {
                throw AccountAdministration.invalid(
                        "role",
                        "Vai trò phải là một trong ADMIN, SUPERVISOR, OFFICER, KIOSK, DISPLAY.",
                        "The role must be one of ADMIN, SUPERVISOR, OFFICER, KIOSK, DISPLAY.");
            }
            return null;
        }
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw AccountAdministration.invalid(
                    "role",
                    "Vai trò phải là một trong ADMIN, SUPERVISOR, OFFICER, KIOSK, DISPLAY.",
                    "The role must be one of ADMIN, SUPERVISOR, OFFICER, KIOSK, DISPLAY.");
        }
    }

    private static Boolean bool(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw AccountAdministration.invalid(
                    field,
                    "Trường \"" + field + "\" phải là true hoặc false.",
                    "The field \"" + field + "\" must be true or false.");
        }
        return flag;
    }

    private static Set<String> sites(JsonObject body) {
        Object value = body.getValue("sites");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.size() > 1000) {
            throw AccountAdministration.invalid(
                    "sites",
                    "Trường \"sites\" phải là danh sách mã điểm [\"…\"].",
                    "The field \"sites\" must be a list of site codes [\"…\"].");
        }
        Set<String> sites = new TreeSet<>();
        for (Object item : array) {
            if (!(item instanceof String code) || code.isBlank() || code.length() > 64) {
                throw AccountAdministration.invalid(
                        "sites",
                        "Trường \"sites\" chỉ gồm mã điểm (chuỗi ký tự).",
                        "The field \"sites\" has only site codes (strings).");
            }
            sites.add(code.strip());
        }
        return sites;
    }

    private static Set<Integer> counters(JsonObject body) {
        Object value = body.getValue("counters");
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonArray array) || array.size() > 1000) {
            throw AccountAdministration.invalid(
                    "counters",
                    "Trường \"counters\" phải là danh sách số quầy [1, 2].",
                    "The field \"counters\" must be a list of counter numbers [1, 2].");
        }
        Set<Integer> counters = new TreeSet<>();
        for (Object item : array) {
            if (!(item instanceof Integer number) || number < 1 || number > 999) {
                throw AccountAdministration.invalid(
                        "counters",
                        "Trường \"counters\" chỉ gồm số quầy từ 1 đến 999.",
                        "The field \"counters\" has only counter numbers from 1 to 999.");
            }
            counters.add(number);
        }
        return counters;
    }

    private static String shorten(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }

    /** The audit log as CSV for Excel: UTF-8 with a byte order mark, RFC 4180 quoting, no formula injection. */
    static final class AuditCsv {
        private static final String BOM = "\uFEFF";

        private AuditCsv() {}

        static Buffer write(List<AuditEntry> entries, ZoneId zone) {
            StringBuilder csv = new StringBuilder(BOM);
            csv.append("id,thoi_gian,nguoi_thuc_hien,dia_chi,hanh_dong,diem,doi_tuong,chi_tiet\r\n");
            for (AuditEntry e : entries) {
                csv.append(e.id()).append(',');
                csv.append(cell(e.at().atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
                        .append(',');
                csv.append(cell(e.actor())).append(',');
                csv.append(cell(e.client())).append(',');
                csv.append(cell(e.action())).append(',');
                csv.append(cell(String.join(" ", e.sites()))).append(',');
                csv.append(cell(e.target())).append(',');
                csv.append(cell(e.detail())).append("\r\n");
            }
            return Buffer.buffer(csv.toString().getBytes(StandardCharsets.UTF_8));
        }

        static String cell(String value) {
            if (value == null) {
                return "";
            }
            String text = value;
            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
                text = "'" + text;
            }
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                return "\"" + text.replace("\"", "\"\"") + "\"";
            }
            return text;
        }
    }
}
