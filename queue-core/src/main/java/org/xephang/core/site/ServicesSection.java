package org.xephang.core.site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.xephang.core.site.ServiceConfig.Procedure;

/** The {@code sites[i]} keys of what a site serves: {@code services} (with their procedures) and {@code priorityCategories}. */
final class ServicesSection {

    /** The letters Vietnamese announcements can say (docs/domain-vn.md §4): a prefix must be one of them. */
    static final String SPOKEN_LETTERS = "ABCDEGHKLMNPQSTVX";

    static final int DEFAULT_WIDTH = 3;
    static final int DEFAULT_SERVICE_MINUTES = 10;

    private static final Pattern SERVICE_CODE = Pattern.compile("[A-Za-z0-9_-]{1,16}");

    private static final Pattern CATEGORY_CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private static final List<PriorityCategory> DEFAULT_PRIORITY_CATEGORIES = List.of(
            new PriorityCategory("elderly", "Người cao tuổi"),
            new PriorityCategory("disabled", "Người khuyết tật"),
            new PriorityCategory("pregnant", "Phụ nữ mang thai"),
            new PriorityCategory("small-child", "Người đi cùng trẻ nhỏ"),
            new PriorityCategory("merit", "Người có công với cách mạng"));

    private ServicesSection() {}

    static List<PriorityCategory> priorityCategories(ConfigNode site) {
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
            String code = CentreConfigLoader.matching(
                    item, "code", CATEGORY_CODE, "lower-case letters, digits and '-', e.g. \"elderly\"");
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
    static List<ServiceConfig> services(ConfigNode site, Map<String, ConfigNode> nodes) {
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
            String code = CentreConfigLoader.matching(
                    item, "code", SERVICE_CODE, "letters, digits, '_' and '-', at most 16, e.g. \"A\"");
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
}
