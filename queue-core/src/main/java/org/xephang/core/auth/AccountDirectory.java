package org.xephang.core.auth;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.Role;
import org.xephang.core.site.Account;

/**
 * The accounts in force, read on every request: those the server started with, then every change saved through the
 * accounts API (written to the store's {@code account} table first, as the same document a YAML {@code accounts:}
 * entry holds, so {@code config export} carries it), and, with a store shared by several servers, the others'
 * changes read by {@link #pull} every second. Thread-safe; {@link #save} and {@link #pull} are blocking.
 */
public final class AccountDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(AccountDirectory.class);

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AccountStorage store;
    /** The account table's state at the last {@link #pull}: its documents, to tell what others changed. */
    private Map<String, String> lastSeen = Map.of();

    AccountDirectory(List<Account> initial, AccountStorage store) {
        initial.forEach(account -> accounts.put(account.username(), account));
        this.store = store;
    }

    /** The account, if there is one of that name. */
    public Optional<Account> find(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(accounts.get(username));
    }

    Account get(String username) {
        return username == null ? null : accounts.get(username);
    }

    /** Every account, by username. */
    public List<Account> all() {
        List<Account> all = new ArrayList<>(accounts.values());
        all.sort(Comparator.comparing(Account::username));
        return all;
    }

    /**
     * Writes the account to the store (when there is one) and puts it in force. Blocking.
     *
     * @throws AccountStorage.StorageException when the store refuses; nothing changed then
     */
    void save(Account account, Instant at, String by) throws AccountStorage.StorageException {
        if (store != null) {
            store.saveAccountDocument(account.username(), new JsonObject(document(account)).encode(), at, by);
        }
        accounts.put(account.username(), account);
    }

    /** Reads the account table and puts in force what another server (or {@code config import}) changed. Blocking. */
    void pull() throws AccountStorage.StorageException {
        if (store == null) {
            return;
        }
        Map<String, String> stored = store.accountDocuments();
        for (Map.Entry<String, String> e : stored.entrySet()) {
            if (e.getValue().equals(lastSeen.get(e.getKey()))) {
                continue;
            }
            try {
                Account account = account(new JsonObject(e.getValue()).getMap());
                Account before = accounts.put(account.username(), account);
                if (before != null && !before.equals(account)) {
                    LOG.info("Account {} changed in the store", account.username());
                }
            } catch (RuntimeException unreadable) {
                LOG.error(
                        "The stored account {} cannot be read; it stays as it was",
                        LogText.quoted(e.getKey()),
                        unreadable);
            }
        }
        lastSeen = stored;
    }

    /** The account as the document of one YAML {@code accounts:} entry (what the store and config export hold). */
    static Map<String, Object> document(Account account) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("username", account.username());
        document.put("role", account.role().name().toLowerCase(java.util.Locale.ROOT));
        if (!account.sites().isEmpty()) {
            document.put("sites", new ArrayList<>(new TreeSet<>(account.sites())));
        } else if (account.role() == Role.ADMIN) {
            document.put("sites", "ALL");
        }
        if (account.counter() != null) {
            document.put("counter", account.counter());
        }
        if (!account.counters().isEmpty()) {
            document.put("counters", new ArrayList<>(new TreeSet<>(account.counters())));
        }
        if (account.displayName() != null) {
            document.put("displayName", account.displayName());
        }
        document.put("passwordHash", account.passwordHash());
        if (account.disabled()) {
            document.put("disabled", true);
        }
        return document;
    }

    /** An account document read back (it was validated when it was written: by the API, the loader or an import). */
    static Account account(Map<String, Object> document) {
        Object sites = document.get("sites");
        Set<String> siteSet = new TreeSet<>();
        if (sites instanceof List<?> list) {
            list.forEach(site -> siteSet.add(String.valueOf(site)));
        }
        Set<Integer> counters = new TreeSet<>();
        if (document.get("counters") instanceof List<?> list) {
            list.forEach(number -> counters.add(((Number) number).intValue()));
        }
        Integer counter = document.get("counter") instanceof Number number ? number.intValue() : null;
        if (counter != null && !counters.isEmpty()) {
            counters.add(counter);
        }
        Role role = Role.valueOf(String.valueOf(document.get("role")).toUpperCase(java.util.Locale.ROOT));
        if (counter != null && counters.isEmpty() && role == Role.OFFICER) {
            counters.add(counter);
        }
        return new Account(
                String.valueOf(document.get("username")),
                role,
                String.valueOf(document.get("passwordHash")),
                counter,
                document.get("displayName") instanceof String name ? name : null,
                siteSet,
                counters,
                Boolean.TRUE.equals(document.get("disabled")));
    }
}
