package org.xephang.core.site;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration of a centre: its sites and the accounts that may sign in. Loaded and validated by
 * {@link CentreConfigLoader}; immutable once built.
 */
public record CentreConfig(List<SiteConfig> sites, List<Account> accounts) {

    public CentreConfig {
        sites = List.copyOf(sites);
        accounts = List.copyOf(accounts);
    }

    public Optional<SiteConfig> site(String code) {
        return sites.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    public Optional<Account> account(String username) {
        Objects.requireNonNull(username, "username");
        return accounts.stream().filter(a -> a.username().equals(username)).findFirst();
    }
}
