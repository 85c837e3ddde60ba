package org.xephang.core.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.xephang.api.Role;
import org.xephang.api.SiteInfo;
import org.xephang.api.VietnamTime;
import org.xephang.api.announce.AnnouncementOptions;
import org.xephang.api.announce.AnnouncementOptions.Wording;
import org.xephang.api.announce.Dialect;
import org.xephang.api.announce.ReadingMode;
import org.xephang.core.notify.NotificationSettings;
import org.xephang.core.site.CounterConfig.ServiceOrder;
import org.xephang.core.site.OpeningHours.Session;
import org.xephang.core.site.ServiceConfig.Procedure;

/**
 * Reads a centre configuration from YAML (docs/configuration.md) and validates all of it, so that one
 * {@link ConfigException} lists every problem with its key. Text is normalised to Unicode NFC.
 */
public final class CentreConfigLoader {

    /** The letters Vietnamese announcements can say (docs/domain-vn.md §4): a prefix must be one of them. */
    static final String SPOKEN_LETTERS = "ABCDEGHKLMNPQSTVX";

    static final int DEFAULT_WIDTH = 3;
    static final int DEFAULT_CUTOFF_MINUTES = 15;
    static final int DEFAULT_SERVICE_MINUTES = 10;

    private static final Pattern SITE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern SERVICE_CODE = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    private static final Pattern CATEGORY_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern SESSION = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-–]\\s*(\\d{1,2}:\\d{2})");
    private static final Map<String, List<DayOfWeek>> DAY_KEYS = dayKeys();

    private static final List<PriorityCategory> DEFAULT_PRIORITY_CATEGORIES = List.of(
            new PriorityCategory("elderly", "Người cao tuổi"),
            new PriorityCategory("disabled", "Người khuyết tật"),
            new PriorityCategory("pregnant", "Phụ nữ mang thai"),
            new PriorityCategory("small-child", "Người đi cùng trẻ nhỏ"),
            new PriorityCategory("merit", "Người có công với cách mạng"));

    private CentreConfigLoader() {}

    /** Reads and validates a file; every problem is listed in the exception. */
    public static CentreConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /** Reads and validates YAML text; {@code source} names it in the message. */
    public static CentreConfig parse(String yaml, String source) throws ConfigException {
        return fromTree(readTree(yaml, source), source);
    }

    /**
     * The YAML text as a tree of maps, lists and scalars (texts in NFC), not yet validated: what the store keeps as
     * JSON documents ({@code sites[i]}, {@code accounts[i]}). Null for an empty text.
     */
    public static Object readTree(String yaml, String source) throws ConfigException {
        try {
            return normalise(new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(yaml));
        } catch (YamlEngineException e) {
            throw new ConfigException(source, List.of("not valid YAML: " + e.getMessage()));
        }
    }

    /**
     * Validates a configuration tree exactly as {@link #parse} validates YAML (the store's documents come back this
     * way): every problem named with its key.
     */
    public static CentreConfig fromTree(Object tree, String source) throws ConfigException {
        tree = normalise(tree);
        List<String> problems = new ArrayList<>();
        ConfigNode root = new ConfigNode("", tree, problems);
        CentreConfig config = null;
        if (tree == null) {
            root.problem("the file is empty; it needs at least `sites:`");
        } else if (root.isMapping()) {
            config = centre(root);
        }
        if (!problems.isEmpty() || config == null) {
            throw new ConfigException(source, problems);
        }
        return config;
    }

    private static CentreConfig centre(ConfigNode root) {
        // `dossier:` and `notifications:` are read by org.xephang.core.backend.DossierConfigReader (the dossier system
        // link, the SMS and Zalo accounts).
        root.allowOnly("sites", "accounts", "dossier", "notifications");
        List<ConfigNode> siteNodes = root.list("sites", true);
        if (siteNodes.isEmpty() && !root.child("sites").isMissing()) {
            root.child("sites").problem("needs at least one site");
        }
        List<SiteConfig> sites = new ArrayList<>();
        Set<String> siteCodes = new HashSet<>();
        for (ConfigNode node : siteNodes) {
            SiteConfig site = site(node);
            if (site != null) {
                if (!siteCodes.add(site.code())) {
                    node.child("code").problem("duplicate site code \"" + site.code() + "\"");
                }
                sites.add(site);
            }
        }
        List<Account> accounts = accounts(root, sites);
        return new CentreConfig(sites, accounts);
    }

    private static SiteConfig site(ConfigNode node) {
        if (!node.isMapping()) {
            return null;
        }
        node.allowOnly(
                "code",
                "name",
                "unitLines",
                "timeZone",
                "openingHours",
                "ticketCutoffMinutes",
                "holidays",
                "priorityCategories",
                "services",
                "counters",
                "notice",
                "hotline",
                "announcement",
                "calledTimeoutMinutes",
                "priorityRule",
                "supervision",
                "notifications",
                "appointments");
        String code =
                matching(node, "code", SITE_CODE, "lower-case letters, digits and '-', at most 32, e.g. \"demo\"");
        String name = node.requiredText("name");
        List<String> unitLines = node.texts("unitLines");
        ZoneId zone = zone(node.child("timeZone"));
        OpeningHours hours = openingHours(node.child("openingHours"));
        int cutoff = node.integer("ticketCutoffMinutes", DEFAULT_CUTOFF_MINUTES, 0, 240);
        cutoffCheck:
        for (DayOfWeek day : DayOfWeek.values()) {
            for (Session session : hours.on(day)) {
                if (Duration.between(session.start(), session.end()).toMinutes() <= cutoff) {
                    node.child("ticketCutoffMinutes")
                            .problem("leaves no time to issue tickets in the "
                                    + day.name().toLowerCase(Locale.ROOT) + " session " + session
                                    + "; it must be shorter than every session");
                    break cutoffCheck;
                }
            }
        }
        List<Closure> closures = closures(node);
        List<PriorityCategory> categories = priorityCategories(node);
        Map<String, ConfigNode> serviceNodes = new LinkedHashMap<>();
        List<ServiceConfig> services = services(node, serviceNodes);
        List<CounterConfig> counters = counters(node, serviceNodes.keySet());
        serviceNodes.forEach((serviceCode, serviceNode) -> {
            if (counters.stream().noneMatch(c -> c.services().contains(serviceCode))) {
                serviceNode.problem("no counter serves service \"" + serviceCode
                        + "\"; add it to the services of at least one counter");
            }
        });
        AnnouncementOptions announcement = announcement(node.child("announcement"));
        if (code == null || name == null) {
            return null;
        }
        if (unitLines.isEmpty()) {
            unitLines = List.of(name.toUpperCase(new Locale("vi")));
        }
        return new SiteConfig(
                code,
                name,
                unitLines,
                zone,
                hours,
                cutoff,
                closures,
                categories,
                services,
                counters,
                node.text("notice", null),
                node.text("hotline", null),
                announcement,
                node.integer("calledTimeoutMinutes", null, 1, 120),
                priorityRule(node.child("priorityRule")),
                supervision(node.child("supervision")),
                notifications(node.child("notifications")),
                appointments(node.child("appointments")));
    }

    /**
     * {@code notifications: {provider: sms, nearPosition: 3, nearMinutes: 10, keepNumbers: end-of-day}}; absent means
     * off ({@link NotificationSettings#OFF}). The provider's account is the centre's ({@code notifications.sms} or
     * {@code .zalo} beside {@code dossier}).
     */
    private static NotificationSettings notifications(ConfigNode node) {
        if (node.isMissing() || !node.isMapping()) {
            return NotificationSettings.OFF;
        }
        node.allowOnly("provider", "nearPosition", "nearMinutes", "keepNumbers");
        String provider = node.text("provider", NotificationSettings.NONE);
        if (!NotificationSettings.PROVIDERS.contains(provider)) {
            node.child("provider")
                    .problem("must be one of " + new TreeSet<>(NotificationSettings.PROVIDERS) + ", got \"" + provider
                            + "\"");
            provider = NotificationSettings.NONE;
        }
        String keep = node.text("keepNumbers", "end-of-day");
        if (!NotificationSettings.KEEP_NUMBERS.contains(keep)) {
            node.child("keepNumbers")
                    .problem("must be one of " + new TreeSet<>(NotificationSettings.KEEP_NUMBERS) + ", got \"" + keep
                            + "\"");
            keep = "end-of-day";
        }
        return new NotificationSettings(
                provider,
                node.integer("nearPosition", NotificationSettings.DEFAULT_NEAR_POSITION, 0, 50),
                node.integer("nearMinutes", NotificationSettings.DEFAULT_NEAR_MINUTES, 0, 240),
                keep);
    }

    /**
     * {@code appointments: {enabled: true, walkInShare: 0.5, slotMinutes: 15, daysAhead: 14, graceMinutes: 15,
     * perPhonePerDay: 3, perAddressPerDay: 20}}; absent keys take {@link AppointmentSettings#DEFAULTS}.
     */
    private static AppointmentSettings appointments(ConfigNode node) {
        AppointmentSettings defaults = AppointmentSettings.DEFAULTS;
        if (node.isMissing() || !node.isMapping()) {
            return defaults;
        }
        node.allowOnly(
                "enabled",
                "walkInShare",
                "slotMinutes",
                "daysAhead",
                "graceMinutes",
                "perPhonePerDay",
                "perAddressPerDay");
        return new AppointmentSettings(
                node.bool("enabled", defaults.enabled()),
                node.fraction("walkInShare", defaults.walkInShare()),
                node.integer("slotMinutes", defaults.slotMinutes(), 5, 240),
                node.integer("daysAhead", defaults.daysAhead(), 0, 366),
                node.integer("graceMinutes", defaults.graceMinutes(), 0, 240),
                node.integer("perPhonePerDay", defaults.perPhonePerDay(), 1, 100),
                node.integer("perAddressPerDay", defaults.perAddressPerDay(), 1, 10000));
    }

    /** {@code priorityRule: {maxInRow: 3, normalWaitLimitMinutes: 45}}; absent means {@link PriorityRule#DEFAULT}. */
    private static PriorityRule priorityRule(ConfigNode node) {
        if (node.isMissing() || !node.isMapping()) {
            return PriorityRule.DEFAULT;
        }
        node.allowOnly("maxInRow", "normalWaitLimitMinutes");
        int maxInRow = node.integer("maxInRow", PriorityRule.DEFAULT.maxInRow(), 0, 100);
        Integer limit = node.integer("normalWaitLimitMinutes", null, 1, 600);
        return new PriorityRule(maxInRow, limit == null ? null : Duration.ofMinutes(limit));
    }

    /** The live view's alert thresholds: {@code supervision: { waitAlertMinutes: 30, pauseAlertMinutes: 15 }}. */
    private static SiteInfo.Supervision supervision(ConfigNode node) {
        if (node.isMissing()) {
            return SiteInfo.Supervision.DEFAULTS;
        }
        node.allowOnly("waitAlertMinutes", "pauseAlertMinutes");
        SiteInfo.Supervision defaults = SiteInfo.Supervision.DEFAULTS;
        return new SiteInfo.Supervision(
                node.integer("waitAlertMinutes", defaults.waitAlertMinutes(), 1, 480),
                node.integer("pauseAlertMinutes", defaults.pauseAlertMinutes(), 1, 480));
    }

    private static ZoneId zone(ConfigNode node) {
        String text = node.asText();
        if (text == null) {
            return VietnamTime.ZONE;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            node.problem("must be a time zone id such as Asia/Ho_Chi_Minh, got \"" + text + "\"");
            return VietnamTime.ZONE;
        }
    }

    /** Monday to Friday 07:30–11:30 and 13:30–17:00 when the section is missing. */
    private static OpeningHours openingHours(ConfigNode node) {
        Map<DayOfWeek, List<Session>> sessions = new EnumMap<>(DayOfWeek.class);
        if (node.isMissing()) {
            List<Session> weekday = List.of(
                    new Session(LocalTime.of(7, 30), LocalTime.of(11, 30)),
                    new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
            for (DayOfWeek day : DAY_KEYS.get("weekdays")) {
                sessions.put(day, weekday);
            }
            return new OpeningHours(sessions);
        }
        if (!node.isMapping()) {
            return new OpeningHours(sessions);
        }
        node.allowOnly(DAY_KEYS.keySet().toArray(String[]::new));
        // "weekdays" first, so that a named day overrides it.
        List<String> keys = new ArrayList<>(DAY_KEYS.keySet());
        for (String key : keys) {
            List<ConfigNode> items = node.list(key, false);
            if (node.child(key).isMissing()) {
                continue;
            }
            List<Session> daySessions = new ArrayList<>();
            for (ConfigNode item : items) {
                Session session = session(item);
                if (session != null) {
                    if (!daySessions.isEmpty()
                            && session.start()
                                    .isBefore(daySessions
                                            .get(daySessions.size() - 1)
                                            .end())) {
                        item.problem("sessions must be in time order and must not overlap");
                    }
                    daySessions.add(session);
                }
            }
            for (DayOfWeek day : DAY_KEYS.get(key)) {
                sessions.put(day, daySessions);
            }
        }
        return new OpeningHours(sessions);
    }

    private static Session session(ConfigNode item) {
        String text = item.asText();
        Matcher matcher = text == null ? null : SESSION.matcher(text);
        if (matcher == null || !matcher.matches()) {
            item.problem("must be a session \"HH:MM-HH:MM\" such as \"07:30-11:30\", got "
                    + (text == null ? "nothing" : "\"" + text + "\""));
            return null;
        }
        try {
            LocalTime start = LocalTime.parse(pad(matcher.group(1)));
            LocalTime end = LocalTime.parse(pad(matcher.group(2)));
            if (!end.isAfter(start)) {
                item.problem("the session must end after it starts, got \"" + text + "\"");
                return null;
            }
            return new Session(start, end);
        } catch (DateTimeException e) {
            item.problem("not a valid time of day in \"" + text + "\" (00:00 to 23:59)");
            return null;
        }
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static List<Closure> closures(ConfigNode site) {
        List<Closure> closures = new ArrayList<>();
        for (ConfigNode item : site.list("holidays", false)) {
            if (item.isScalar()) {
                LocalDate day = date(item);
                if (day != null) {
                    closures.add(new Closure(day, day, "ngày nghỉ lễ"));
                }
                continue;
            }
            if (!item.isMapping()) {
                continue;
            }
            item.allowOnly("date", "from", "to", "name");
            String name = item.text("name", "ngày nghỉ lễ");
            if (!item.child("date").isMissing()) {
                LocalDate day = date(item.child("date"));
                if (day != null) {
                    closures.add(new Closure(day, day, name));
                }
                continue;
            }
            LocalDate from = date(item.child("from"));
            LocalDate to = date(item.child("to"));
            if (from != null && to != null) {
                if (to.isBefore(from)) {
                    item.child("to").problem("must not be before from (" + from + ")");
                } else {
                    closures.add(new Closure(from, to, name));
                }
            }
        }
        return closures;
    }

    private static LocalDate date(ConfigNode node) {
        String text = node.asText();
        if (text == null) {
            node.problem("is required (a date YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            node.problem("must be a date YYYY-MM-DD such as 2026-09-02, got \"" + text + "\"");
            return null;
        }
    }

    private static List<PriorityCategory> priorityCategories(ConfigNode site) {
        if (site.child("priorityCategories").isMissing()) {
            return DEFAULT_PRIORITY_CATEGORIES;
        }
        List<PriorityCategory> categories = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (ConfigNode item : site.list("priorityCategories", false)) {
            if (!item.isMapping()) {
                continue;
            }
            item.allowOnly("code", "name");
            String code = matching(item, "code", CATEGORY_CODE, "lower-case letters, digits and '-', e.g. \"elderly\"");
            String name = item.requiredText("name");
            if (code != null && !codes.add(code)) {
                item.child("code").problem("duplicate priority category \"" + code + "\"");
            }
            if (code != null && name != null) {
                categories.add(new PriorityCategory(code, name));
            }
        }
        return categories;
    }

    /** Reads the services; {@code nodes} receives every service code seen, even of a service with other problems. */
    private static List<ServiceConfig> services(ConfigNode site, Map<String, ConfigNode> nodes) {
        List<ConfigNode> items = site.list("services", true);
        if (items.isEmpty() && !site.child("services").isMissing()) {
            site.child("services").problem("needs at least one service");
        }
        List<ServiceConfig> services = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (ConfigNode item : items) {
            if (!item.isMapping()) {
                continue;
            }
            item.allowOnly(
                    "code",
                    "name",
                    "nameEn",
                    "prefix",
                    "width",
                    "dailyCap",
                    "expectedServiceMinutes",
                    "procedures",
                    "closed");
            String code = matching(item, "code", SERVICE_CODE, "letters, digits, '_' and '-', at most 16, e.g. \"A\"");
            String name = item.requiredText("name");
            String prefix = item.text("prefix", code != null && code.length() == 1 ? code : null);
            if (prefix == null) {
                item.child("prefix").problem("is required when the code is not a single letter");
            } else if (prefix.length() != 1 || SPOKEN_LETTERS.indexOf(prefix.charAt(0)) < 0) {
                item.child("prefix")
                        .problem("must be one capital letter that announcements can say ("
                                + String.join(", ", SPOKEN_LETTERS.split("")) + "), got \"" + prefix + "\"");
                prefix = null;
            } else if (!prefixes.add(prefix)) {
                item.child("prefix").problem("duplicate prefix \"" + prefix + "\": each service needs its own letter");
            }
            int width = item.integer("width", DEFAULT_WIDTH, 3, 4);
            Integer cap = item.integer("dailyCap", null, 1, 9999);
            if (cap != null && cap > Math.pow(10, width) - 1) {
                item.child("dailyCap")
                        .problem(
                                "must fit in " + width + " digits (width), at most " + (int) (Math.pow(10, width) - 1));
            }
            int minutes = item.integer("expectedServiceMinutes", DEFAULT_SERVICE_MINUTES, 1, 240);
            List<Procedure> procedures = procedures(item);
            if (code != null && !codes.add(code)) {
                item.child("code").problem("duplicate service code \"" + code + "\"");
            } else if (code != null) {
                nodes.put(code, item);
            }
            if (code != null && name != null && prefix != null) {
                services.add(new ServiceConfig(
                        code,
                        name,
                        prefix,
                        width,
                        cap,
                        Duration.ofMinutes(minutes),
                        procedures,
                        item.text("nameEn", null),
                        item.bool("closed", false)));
            }
        }
        return services;
    }

    private static List<Procedure> procedures(ConfigNode service) {
        List<Procedure> procedures = new ArrayList<>();
        for (ConfigNode item : service.list("procedures", false)) {
            if (!item.isMapping()) {
                continue;
            }
            item.allowOnly("name", "documents", "processingTime", "fee");
            String name = item.requiredText("name");
            if (name != null) {
                procedures.add(new Procedure(
                        name, item.texts("documents"), item.text("processingTime", null), item.text("fee", null)));
            }
        }
        return procedures;
    }

    private static List<CounterConfig> counters(ConfigNode site, Set<String> serviceCodes) {
        List<ConfigNode> items = site.list("counters", true);
        if (items.isEmpty() && !site.child("counters").isMissing()) {
            site.child("counters").problem("needs at least one counter");
        }
        List<CounterConfig> counters = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (ConfigNode item : items) {
            if (!item.isMapping()) {
                continue;
            }
            item.allowOnly("number", "name", "services", "order");
            Integer number = item.integer("number", null, 1, 999);
            if (item.child("number").isMissing()) {
                item.child("number").problem("is required (a whole number from 1 to 999)");
            }
            if (number != null && !numbers.add(number)) {
                item.child("number").problem("duplicate counter number " + number);
            }
            List<ConfigNode> serviceNodes = item.list("services", true);
            List<String> codes = new ArrayList<>();
            for (ConfigNode serviceNode : serviceNodes) {
                String code = serviceNode.asText();
                if (code == null || !serviceCodes.contains(code)) {
                    serviceNode.problem("unknown service \"" + code + "\"; services of this site: "
                            + String.join(", ", serviceCodes));
                } else if (codes.contains(code)) {
                    serviceNode.problem("service \"" + code + "\" is listed twice");
                } else {
                    codes.add(code);
                }
            }
            if (serviceNodes.isEmpty() && !item.child("services").isMissing()) {
                item.child("services").problem("needs at least one service");
            }
            ServiceOrder order = item.choice("order", ServiceOrder.class, ServiceOrder.FCFS);
            if (number != null) {
                counters.add(new CounterConfig(number, item.text("name", "Quầy " + number), codes, order));
            }
        }
        counters.sort((a, b) -> Integer.compare(a.number(), b.number()));
        return counters;
    }

    private static AnnouncementOptions announcement(ConfigNode node) {
        AnnouncementOptions defaults = AnnouncementOptions.defaults();
        if (node.isMissing() || !node.isMapping()) {
            return defaults;
        }
        node.allowOnly("dialect", "mode", "addressForm", "includeService", "repeat", "wording");
        Dialect dialect = node.choice("dialect", Dialect.class, defaults.dialect());
        ReadingMode mode = node.choice("mode", ReadingMode.class, defaults.mode());
        Wording wording = defaults.wording();
        ConfigNode wordingNode = node.child("wording");
        if (!wordingNode.isMissing() && wordingNode.isMapping()) {
            wordingNode.allowOnly("invite", "numberIntro", "counterIntro", "serviceIntro");
            wording = new Wording(
                    wordingNode.text("invite", wording.invite()),
                    wordingNode.text("numberIntro", wording.numberIntro()),
                    wordingNode.text("counterIntro", wording.counterIntro()),
                    wordingNode.text("serviceIntro", wording.serviceIntro()));
        }
        return new AnnouncementOptions(
                dialect,
                mode,
                node.text("addressForm", defaults.addressForm()),
                node.bool("includeService", defaults.includeService()),
                node.integer("repeat", defaults.repeat(), 1, AnnouncementOptions.MAX_REPEAT),
                wording);
    }

    private static List<Account> accounts(ConfigNode root, List<SiteConfig> sites) {
        List<Account> accounts = new ArrayList<>();
        Set<String> usernames = new HashSet<>();
        for (ConfigNode item : root.list("accounts", false)) {
            if (!item.isMapping()) {
                continue;
            }
            if (!item.child("password").isMissing()) {
                item.child("password")
                        .problem("plain passwords are not accepted; put a bcrypt hash in passwordHash "
                                + "(e.g. htpasswd -nbBC 10 user password)");
            }
            item.allowOnly(
                    "username", "role", "passwordHash", "counter", "counters", "sites", "password", "displayName");
            String username = matching(item, "username", USERNAME, "letters, digits, '.', '_' and '-', at most 64");
            if (username != null && !usernames.add(username)) {
                item.child("username").problem("duplicate username \"" + username + "\"");
            }
            Role role = item.child("role").isMissing() ? null : item.choice("role", Role.class, null);
            if (item.child("role").isMissing()) {
                item.child("role").problem("is required: one of admin, supervisor, officer, kiosk, display");
            }
            String hash = item.requiredText("passwordHash");
            if (hash != null && !BCRYPT.matcher(hash).matches()) {
                item.child("passwordHash").problem("must be a bcrypt hash ($2a$, $2b$ or $2y$, 60 characters)");
                hash = null;
            }
            Set<String> accountSites = accountSites(item, role, sites);
            List<SiteConfig> itsSites = sites.stream()
                    .filter(s -> accountSites.isEmpty() || accountSites.contains(s.code()))
                    .toList();
            Integer counter = item.integer("counter", null, 1, 999);
            if (counter != null
                    && sites.stream().noneMatch(s -> s.counter(counter).isPresent())) {
                item.child("counter").problem("no site has counter " + counter);
            } else if (counter != null
                    && itsSites.stream().noneMatch(s -> s.counter(counter).isPresent())) {
                item.child("counter").problem("no site of this account has counter " + counter);
            }
            Set<Integer> counters = new TreeSet<>();
            for (ConfigNode number : item.list("counters", false)) {
                Integer n = number.isScalar()
                                && number.asText() != null
                                && number.asText().matches("\\d{1,3}")
                        ? Integer.valueOf(number.asText())
                        : null;
                if (n == null || itsSites.stream().noneMatch(s -> s.counter(n).isPresent())) {
                    number.problem("must be a counter number of this account's sites");
                } else {
                    counters.add(n);
                }
            }
            if (!counters.isEmpty() && role != Role.OFFICER) {
                item.child("counters").problem("only officers are held to counters");
            }
            if (counter != null && (!counters.isEmpty() || role == Role.OFFICER)) {
                counters.add(counter);
            }
            if (username != null && role != null && hash != null) {
                accounts.add(new Account(
                        username, role, hash, counter, item.text("displayName", null), accountSites, counters));
            }
        }
        return accounts;
    }

    /**
     * {@code sites: [north, south]} or {@code sites: ALL}; empty means every site. Without it an account of a
     * single-site configuration belongs to that site, an ADMIN to every site (a province administrator), and any other
     * role of a multi-site configuration is a problem: it must say where it works.
     */
    private static Set<String> accountSites(ConfigNode item, Role role, List<SiteConfig> sites) {
        ConfigNode node = item.child("sites");
        if (node.isMissing()) {
            if (sites.size() > 1 && role != null && role != Role.ADMIN) {
                node.problem("is required when the configuration has several sites: the site codes this account"
                        + " works at (only an ADMIN may have ALL)");
            }
            return Set.of();
        }
        if (node.isScalar()) {
            if ("ALL".equalsIgnoreCase(node.asText())) {
                if (role != null && role != Role.ADMIN) {
                    node.problem("ALL is only for a province administrator (role admin)");
                }
                return Set.of();
            }
            node.problem("must be a list of site codes, or ALL");
            return Set.of();
        }
        Set<String> codes = new TreeSet<>();
        for (ConfigNode code : item.list("sites", false)) {
            String text = code.asText();
            if (text == null || sites.stream().noneMatch(s -> s.code().equals(text))) {
                code.problem("no site has code \"" + text + "\"");
            } else {
                codes.add(text);
            }
        }
        if (codes.isEmpty()) {
            node.problem("must name at least one site");
        }
        return codes;
    }

    private static String matching(ConfigNode node, String key, Pattern pattern, String allowed) {
        String text = node.requiredText(key);
        if (text != null && !pattern.matcher(text).matches()) {
            node.child(key).problem("must be " + allowed + ", got \"" + text + "\"");
            return null;
        }
        return text;
    }

    private static Map<String, List<DayOfWeek>> dayKeys() {
        Map<String, List<DayOfWeek>> keys = new LinkedHashMap<>();
        keys.put(
                "weekdays",
                List.of(
                        DayOfWeek.MONDAY,
                        DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY,
                        DayOfWeek.THURSDAY,
                        DayOfWeek.FRIDAY));
        for (DayOfWeek day : DayOfWeek.values()) {
            keys.put(day.name().toLowerCase(Locale.ROOT), List.of(day));
        }
        return keys;
    }

    /** Every text in the tree in Unicode NFC, so "Hộ tịch" typed with combining marks equals the precomposed one. */
    private static Object normalise(Object node) {
        if (node instanceof String text) {
            return Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), normalise(v)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(CentreConfigLoader::normalise).toList();
        }
        return node;
    }
}
