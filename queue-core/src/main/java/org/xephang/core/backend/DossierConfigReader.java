package org.xephang.core.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.xephang.core.backend.forward.DeliveryProfiles;
import org.xephang.core.backend.forward.ForwarderConfig;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.backend.notify.NotificationProviders;
import org.xephang.core.backend.notify.SmsGatewayProfile;
import org.xephang.core.backend.notify.ZaloZnsProfile;
import org.xephang.core.backend.portal.PortalConfig;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.site.ConfigException;

/**
 * Reads the {@code dossier:} and {@code notifications:} sections of the centre YAML (the rest belongs to {@code
 * CentreConfigLoader}). Every
 * problem is reported at once in one {@link ConfigException}, each naming its key ({@code
 * dossier.lookup.igate.tokenUrl: required for style igate}). Durations are written {@code 500ms}, {@code 4s}, {@code
 * 5m}, {@code 24h}. A secret may be given as {@code env:NAME} to read it from the environment variable NAME, so it
 * need not sit in the file.
 */
public final class DossierConfigReader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final List<String> problems = new ArrayList<>();
    private final Function<String, String> environment;

    private DossierConfigReader(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Reads the file's {@code dossier:} section; a file without one gives {@link DossierConfig#none()}. */
    public static DossierConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(text, file.toString(), System::getenv);
    }

    /** Reads YAML text; {@code environment} resolves {@code env:NAME} values. */
    public static DossierConfig parse(String yaml, String source, Function<String, String> environment)
            throws ConfigException {
        Object tree;
        try {
            tree = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        DossierConfigReader reader = new DossierConfigReader(environment);
        DossierConfig config = DossierConfig.none();
        if (tree instanceof Map<?, ?> root && root.get("dossier") != null) {
            Map<String, Object> dossier =
                    reader.section(root.get("dossier"), "dossier", Set.of("lookup", "forward", "portal"));
            config = new DossierConfig(
                    reader.lookup(dossier.get("lookup"), "dossier.lookup"),
                    reader.forward(dossier.get("forward"), "dossier.forward"),
                    reader.portal(dossier.get("portal"), "dossier.portal"));
        }
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(source, reader.problems);
        }
        return config;
    }

    /**
     * Reads the file's {@code notifications:} section (the centre's SMS and Zalo accounts, {@code
     * docs/notifications.md}); a file without one gives {@link NotificationProviders#none()}.
     */
    public static NotificationProviders readNotifications(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parseNotifications(text, file.toString(), System::getenv);
    }

    /** Reads the {@code notifications:} section of YAML text; {@code environment} resolves {@code env:NAME} values. */
    public static NotificationProviders parseNotifications(
            String yaml, String source, Function<String, String> environment) throws ConfigException {
        Object tree;
        try {
            tree = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml);
        } catch (YamlEngineException e) {
            throw new ConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
        DossierConfigReader reader = new DossierConfigReader(environment);
        NotificationProviders providers = NotificationProviders.none();
        if (tree instanceof Map<?, ?> root && root.get("notifications") != null) {
            providers = reader.notifications(root.get("notifications"), "notifications");
        }
        if (!reader.problems.isEmpty()) {
            throw new ConfigException(source, reader.problems);
        }
        return providers;
    }

    private NotificationProviders notifications(Object node, String key) {
        Map<String, Object> map =
                section(node, key, Set.of("sms", "zalo", "requestsPerMinute", "timeout", "backoff", "inbound"));
        SmsGatewayProfile.Config sms = null;
        if (map.get("sms") != null) {
            Map<String, Object> s = section(
                    map.get("sms"), key + ".sms", Set.of("url", "apiKey", "apiKeyHeader", "brandname", "unicode"));
            Object unicode = s.get("unicode");
            if (unicode != null && !(unicode instanceof Boolean)) {
                problems.add(key + ".sms.unicode: must be true or false, got " + unicode);
            }
            sms = validated(() -> new SmsGatewayProfile.Config(
                    text(s, key + ".sms.url", null),
                    secret(s, key + ".sms.apiKey", false),
                    text(s, key + ".sms.apiKeyHeader", null),
                    text(s, key + ".sms.brandname", null),
                    Boolean.TRUE.equals(unicode)));
        }
        ZaloZnsProfile.Config zalo = null;
        if (map.get("zalo") != null) {
            Map<String, Object> z = section(map.get("zalo"), key + ".zalo", Set.of("url", "accessToken", "templates"));
            Map<NotificationKind, String> templates = new EnumMap<>(NotificationKind.class);
            if (z.get("templates") != null) {
                Map<String, Object> t = section(
                        z.get("templates"),
                        key + ".zalo.templates",
                        ZaloZnsProfile.TEMPLATED.stream()
                                .map(NotificationKind::code)
                                .collect(Collectors.toSet()));
                for (NotificationKind kind : ZaloZnsProfile.TEMPLATED) {
                    String id = text(t, key + ".zalo.templates." + kind.code(), null);
                    if (id != null) {
                        templates.put(kind, id);
                    }
                }
            }
            zalo = validated(() -> new ZaloZnsProfile.Config(
                    text(z, key + ".zalo.url", null), secret(z, key + ".zalo.accessToken", false), templates));
        }
        Map<String, Object> backoff = map.get("backoff") == null
                ? Map.of()
                : section(map.get("backoff"), key + ".backoff", Set.of("initial", "max"));
        Map<String, Object> inbound =
                map.get("inbound") == null ? Map.of() : section(map.get("inbound"), key + ".inbound", Set.of("secret"));
        String inboundSecret = secret(inbound, key + ".inbound.secret", false);
        if (inboundSecret != null && inboundSecret.length() < 16) {
            problems.add(key + ".inbound.secret: must be at least 16 characters (it signs every inbound message)");
        }
        return new NotificationProviders(
                sms,
                zalo,
                integer(map, key + ".requestsPerMinute", NotificationProviders.DEFAULT_REQUESTS_PER_MINUTE, 1, 60_000),
                duration(map, key + ".timeout", NotificationProviders.DEFAULT_TIMEOUT),
                duration(backoff, key + ".backoff.initial", ForwarderConfig.DEFAULT_INITIAL_BACKOFF),
                duration(backoff, key + ".backoff.max", ForwarderConfig.DEFAULT_MAX_BACKOFF),
                inboundSecret);
    }

    private PortalConfig portal(Object node, String key) {
        if (node == null) {
            return PortalConfig.none();
        }
        Map<String, Object> map =
                section(node, key, Set.of("style", "url", "apiKey", "units", "services", "timeout", "attempts"));
        Map<String, String> units = textMap(map.get("units"), key + ".units");
        Map<String, String> services = textMap(map.get("services"), key + ".services");
        PortalConfig config = validated(() -> new PortalConfig(
                text(map, key + ".style", "none"),
                text(map, key + ".url", null),
                secret(map, key + ".apiKey", false),
                units,
                services,
                duration(map, key + ".timeout", Duration.ofSeconds(PortalConfig.DEFAULT_TIMEOUT_SECONDS)),
                integer(map, key + ".attempts", PortalConfig.DEFAULT_ATTEMPTS, 1, 10)));
        return config == null ? PortalConfig.none() : config;
    }

    /** A map of texts ({@code units:}, {@code services:}), every value a text. */
    private Map<String, String> textMap(Object node, String key) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(key + ": must be a map of codes");
            return Map.of();
        }
        Map<String, String> result = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v == null || v instanceof Map || v instanceof List) {
                problems.add(key + "." + k + ": must be a code");
            } else {
                result.put(String.valueOf(k), String.valueOf(v));
            }
        });
        return result;
    }

    /** A profile config built from what was read, or null with its problems (each naming its key) recorded. */
    private <T> T validated(Supplier<T> config) {
        try {
            return config.get();
        } catch (IllegalArgumentException invalid) {
            problems.addAll(List.of(invalid.getMessage().split("\n")));
            return null;
        }
    }

    private LookupConfig lookup(Object node, String key) {
        if (node == null) {
            return LookupConfig.none();
        }
        Map<String, Object> map = section(
                node, key, Set.of("style", "timeout", "cacheFor", "requestsPerMinute", "generic", "igate", "dvcqg"));
        String style = text(map, key + ".style", "none");
        if (!Set.of("none", "generic", "igate", "dvcqg").contains(style)) {
            problems.add(key + ".style: must be none, generic, igate or dvcqg, got \"" + style + "\"");
        }
        Duration timeout = duration(map, key + ".timeout", LookupConfig.DEFAULT_TIMEOUT);
        if (timeout.compareTo(Duration.ofMillis(100)) < 0 || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            problems.add(key + ".timeout: must be between 100ms and 30s (3s–5s suits a kiosk), got " + timeout);
        }
        Duration cacheFor = duration(map, key + ".cacheFor", LookupConfig.DEFAULT_CACHE);
        int perMinute = integer(map, key + ".requestsPerMinute", LookupConfig.DEFAULT_REQUESTS_PER_MINUTE, 1, 6000);
        LookupConfig.Generic generic = null;
        LookupConfig.Igate igate = null;
        LookupConfig.Dvcqg dvcqg = null;
        switch (style) {
            case "generic" -> {
                Map<String, Object> g = required(map, key + ".generic", Set.of("url", "bearerToken"));
                String url = requiredText(g, key + ".generic.url");
                if (url != null && !url.contains("{code}")) {
                    problems.add(
                            key + ".generic.url: must contain {code}, e.g. https://hs.example.vn/api/dossiers/{code}");
                }
                generic = new LookupConfig.Generic(url, secret(g, key + ".generic.bearerToken", false));
            }
            case "igate" -> {
                Map<String, Object> i = required(
                        map, key + ".igate", Set.of("tokenUrl", "clientId", "clientSecret", "searchUrl", "statusIds"));
                Map<String, Integer> statusIds = new LinkedHashMap<>();
                if (i.get("statusIds") instanceof Map<?, ?> ids) {
                    ids.forEach((id, status) -> {
                        if (status instanceof Integer n && n >= 1 && n <= 10) {
                            statusIds.put(String.valueOf(id), n);
                        } else {
                            problems.add(
                                    key + ".igate.statusIds." + id + ": must be a national status 1–10, got " + status);
                        }
                    });
                } else if (i.get("statusIds") != null) {
                    problems.add(key + ".igate.statusIds: must map vendor ids to 1–10, e.g. { \"2\": 4 }");
                }
                igate = new LookupConfig.Igate(
                        requiredText(i, key + ".igate.tokenUrl"),
                        requiredText(i, key + ".igate.clientId"),
                        secret(i, key + ".igate.clientSecret", true),
                        requiredText(i, key + ".igate.searchUrl"),
                        statusIds);
            }
            case "dvcqg" -> {
                Map<String, Object> d = required(
                        map,
                        key + ".dvcqg",
                        Set.of("loginUrl", "serviceUrl", "dstcode", "username", "password", "madonvi"));
                dvcqg = new LookupConfig.Dvcqg(
                        requiredText(d, key + ".dvcqg.loginUrl"),
                        requiredText(d, key + ".dvcqg.serviceUrl"),
                        requiredText(d, key + ".dvcqg.dstcode"),
                        requiredText(d, key + ".dvcqg.username"),
                        secret(d, key + ".dvcqg.password", true),
                        requiredText(d, key + ".dvcqg.madonvi"));
            }
            default -> {
                // none: nothing more to read
            }
        }
        return new LookupConfig(style, timeout, cacheFor, perMinute, generic, igate, dvcqg);
    }

    private ForwarderConfig forward(Object node, String key) {
        if (node == null) {
            return ForwarderConfig.none();
        }
        Map<String, Object> map = section(
                node,
                key,
                Set.of(
                        "profile",
                        "url",
                        "secret",
                        "timeout",
                        "backoff",
                        "deadAfter",
                        "pollInterval",
                        "parallel",
                        "opencps"));
        String profile = text(map, key + ".profile", "none");
        if (!DeliveryProfiles.names().contains(profile)) {
            problems.add(key + ".profile: must be one of " + String.join(", ", DeliveryProfiles.names()) + ", got \""
                    + profile + "\"");
        }
        boolean enabled = !"none".equals(profile);
        String url = enabled ? requiredText(map, key + ".url") : text(map, key + ".url", null);
        if (url != null && !url.matches("https?://.+")) {
            problems.add(key + ".url: must start with http:// or https://, got \"" + url + "\"");
        }
        String secret = secret(map, key + ".secret", enabled);
        if (secret != null && secret.length() < 16) {
            problems.add(key + ".secret: must be at least 16 characters (it signs every request)");
        }
        Map<String, Object> backoff = map.get("backoff") == null
                ? Map.of()
                : section(map.get("backoff"), key + ".backoff", Set.of("initial", "max"));
        Map<String, Object> opencps = map.get("opencps") == null
                ? Map.of()
                : section(map.get("opencps"), key + ".opencps", Set.of("groupId", "serviceCodes"));
        Map<String, String> serviceCodes = new LinkedHashMap<>();
        if (opencps.get("serviceCodes") instanceof Map<?, ?> codes) {
            codes.forEach((ours, theirs) -> serviceCodes.put(String.valueOf(ours), String.valueOf(theirs)));
        }
        return new ForwarderConfig(
                profile,
                url,
                secret,
                duration(map, key + ".timeout", ForwarderConfig.DEFAULT_REQUEST_TIMEOUT),
                duration(backoff, key + ".backoff.initial", ForwarderConfig.DEFAULT_INITIAL_BACKOFF),
                duration(backoff, key + ".backoff.max", ForwarderConfig.DEFAULT_MAX_BACKOFF),
                duration(map, key + ".deadAfter", ForwarderConfig.DEFAULT_DEAD_AFTER),
                duration(map, key + ".pollInterval", ForwarderConfig.DEFAULT_POLL_INTERVAL),
                integer(map, key + ".parallel", ForwarderConfig.DEFAULT_PARALLEL_CHAINS, 1, 64),
                text(opencps, key + ".opencps.groupId", null),
                serviceCodes);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(Object node, String key, Set<String> allowed) {
        if (!(node instanceof Map<?, ?> map)) {
            problems.add(key + ": must be a mapping");
            return Map.of();
        }
        for (Object name : map.keySet()) {
            if (!allowed.contains(String.valueOf(name))) {
                problems.add(key + "." + name + ": unknown key; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
        return (Map<String, Object>) map;
    }

    private Map<String, Object> required(Map<String, Object> parent, String key, Set<String> allowed) {
        Object node = parent.get(key.substring(key.lastIndexOf('.') + 1));
        if (node == null) {
            problems.add(key + ": required for this style");
            return Map.of();
        }
        return section(node, key, allowed);
    }

    private String text(Map<String, Object> map, String key, String defaultValue) {
        Object value = map.get(key.substring(key.lastIndexOf('.') + 1));
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problems.add(key + ": must be text");
            return defaultValue;
        }
        String text = String.valueOf(value).strip();
        return text.isEmpty() ? defaultValue : text;
    }

    private String requiredText(Map<String, Object> map, String key) {
        String text = text(map, key, null);
        if (text == null) {
            problems.add(key + ": required");
        }
        return text;
    }

    private String secret(Map<String, Object> map, String key, boolean required) {
        String text = required ? requiredText(map, key) : text(map, key, null);
        if (text != null && text.startsWith("env:")) {
            String name = text.substring(4).strip();
            String value = environment.apply(name);
            if (value == null || value.isBlank()) {
                problems.add(key + ": environment variable " + name + " is not set");
                return null;
            }
            return value;
        }
        return text;
    }

    private Duration duration(Map<String, Object> map, String key, Duration defaultValue) {
        String text = text(map, key, null);
        if (text == null) {
            return defaultValue;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            problems.add(key + ": must be a duration such as 500ms, 4s, 5m or 24h, got \"" + text + "\"");
            return defaultValue;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private int integer(Map<String, Object> map, String key, int defaultValue, int min, int max) {
        Object value = map.get(key.substring(key.lastIndexOf('.') + 1));
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Integer n && n >= min && n <= max) {
            return n;
        }
        problems.add(key + ": must be a whole number from " + min + " to " + max + ", got " + value);
        return defaultValue;
    }
}
