package org.xephang.core.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.xephang.core.site.Account;

/**
 * The password hashes published with xephang (the demo's accounts, password {@code demo}): anyone who read the
 * repository can sign in with them, so a real server refuses to start while an account uses one (issue 13).
 */
public final class DemoPasswords {

    private static final Set<String> KNOWN = load();

    private DemoPasswords() {}

    /** The usernames of {@code accounts} whose password hash is a published demo hash; empty when none. */
    public static List<String> accountsWithDemoPasswords(List<Account> accounts) {
        return accounts.stream()
                .filter(account -> KNOWN.contains(account.passwordHash()))
                .map(Account::username)
                .toList();
    }

    private static Set<String> load() {
        try (InputStream in = DemoPasswords.class.getResourceAsStream("/known-demo-password-hashes.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource known-demo-password-hashes.txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
