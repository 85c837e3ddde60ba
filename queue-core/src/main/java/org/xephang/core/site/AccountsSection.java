package org.xephang.core.site;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.xephang.api.Role;

/** The top-level {@code accounts:} list: usernames, roles, bcrypt hashes, and the sites and counters of each account. */
final class AccountsSection {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private AccountsSection() {}

    static List<Account> accounts(ConfigNode root, List<SiteConfig> sites) {
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
                    "username",
                    "role",
                    "passwordHash",
                    "counter",
                    "counters",
                    "sites",
                    "password",
                    "displayName",
                    "disabled");
            String username = CentreConfigLoader.matching(
                    item, "username", USERNAME, "letters, digits, '.', '_' and '-', at most 64");
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
                        username,
                        role,
                        hash,
                        counter,
                        item.text("displayName", null),
                        accountSites,
                        counters,
                        item.bool("disabled", false)));
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
}
