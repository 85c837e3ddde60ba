package org.xephang.core.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xephang.api.announce.AnnouncementOptions;
import org.xephang.api.announce.AnnouncementOptions.Wording;
import org.xephang.api.announce.Dialect;
import org.xephang.api.announce.ReadingMode;
import org.xephang.core.site.CounterConfig.ServiceOrder;

/** The {@code sites[i]} keys of a site's desks: {@code counters} (each naming services of the site) and {@code announcement}. */
final class CountersSection {

    private CountersSection() {}

    static List<CounterConfig> counters(ConfigNode site, Set<String> serviceCodes) {
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

    static AnnouncementOptions announcement(ConfigNode node) {
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
}
