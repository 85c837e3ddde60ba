package org.xephang.core.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.xephang.api.announce.AnnouncementOptions;

/**
 * Reads a centre configuration from YAML (docs/configuration.md) and validates all of it, so that one
 * {@link ConfigException} lists every problem with its key. Text is normalised to Unicode NFC.
 *
 * <p>This class reads the file, the top level and each site's own keys; each section has its reader: {@link
 * SiteScheduleSection} (time zone, opening hours, holidays), {@link ServicesSection} (services, priority categories),
 * {@link CountersSection} (counters, announcement), {@link SiteSettingsSection} (notifications, appointments, priority
 * rule, supervision) and {@link AccountsSection}. They all report to one collector, the {@link ConfigNode} tree's
 * shared problem list, so one run names every bad key at once.
 */
public final class CentreConfigLoader {

    static final int DEFAULT_CUTOFF_MINUTES = 15;

    private static final Pattern SITE_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

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
        root.allowOnly("sites", "accounts", "dossier", "notifications", "server");
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
        List<Account> accounts = AccountsSection.accounts(root, sites);
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
                "appointments",
                "retention",
                "offline");
        String code =
                matching(node, "code", SITE_CODE, "lower-case letters, digits and '-', at most 32, e.g. \"demo\"");
        String name = node.requiredText("name");
        List<String> unitLines = node.texts("unitLines");
        ZoneId zone = SiteScheduleSection.zone(node.child("timeZone"));
        OpeningHours hours = SiteScheduleSection.openingHours(node.child("openingHours"));
        int cutoff = node.integer("ticketCutoffMinutes", DEFAULT_CUTOFF_MINUTES, 0, 240);
        SiteScheduleSection.checkCutoff(node.child("ticketCutoffMinutes"), hours, cutoff);
        List<Closure> closures = SiteScheduleSection.closures(node);
        List<PriorityCategory> categories = ServicesSection.priorityCategories(node);
        Map<String, ConfigNode> serviceNodes = new LinkedHashMap<>();
        List<ServiceConfig> services = ServicesSection.services(node, serviceNodes);
        List<CounterConfig> counters = CountersSection.counters(node, serviceNodes.keySet());
        serviceNodes.forEach((serviceCode, serviceNode) -> {
            if (counters.stream().noneMatch(c -> c.services().contains(serviceCode))) {
                serviceNode.problem("no counter serves service \"" + serviceCode
                        + "\"; add it to the services of at least one counter");
            }
        });
        AnnouncementOptions announcement = CountersSection.announcement(node.child("announcement"));
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
                SiteSettingsSection.priorityRule(node.child("priorityRule")),
                SiteSettingsSection.supervision(node.child("supervision")),
                SiteSettingsSection.notifications(node.child("notifications")),
                SiteSettingsSection.appointments(node.child("appointments")),
                SiteSettingsSection.retention(node.child("retention")),
                OfflineSettings.read(node.child("offline")));
    }

    /** A required text that must match {@code pattern}; else a problem naming the key and what is allowed. */
    static String matching(ConfigNode node, String key, Pattern pattern, String allowed) {
        String text = node.requiredText(key);
        if (text != null && !pattern.matcher(text).matches()) {
            node.child(key).problem("must be " + allowed + ", got \"" + text + "\"");
            return null;
        }
        return text;
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
