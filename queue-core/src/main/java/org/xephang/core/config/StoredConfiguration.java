package org.xephang.core.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.xephang.core.persistence.AuditRecords;
import org.xephang.core.persistence.ConfigDocuments;
import org.xephang.core.persistence.ConfigDocuments.SiteDocument;
import org.xephang.core.persistence.Store;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;

/**
 * The centre's configuration with the store as the truth (issue #14): each site is one versioned JSON document, each
 * account one document, both holding exactly the keys of the YAML file's {@code sites:} and {@code accounts:}
 * entries, and validated by {@link CentreConfigLoader#fromTree} exactly as the YAML file is. The YAML file seeds the
 * sites and accounts the store does not hold ({@link #seedAndLoad}) and stays the import/export format ({@link
 * #importYaml}, {@link #exportYaml}). The file's {@code dossier:} section is the server's own and stays in the file.
 * Blocking: call from main or a worker.
 */
public final class StoredConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StoredConfiguration.class);

    /** What {@link #seedAndLoad} found: the configuration in force and what the file added or could not change. */
    public record Seeded(CentreConfig config, List<String> seeded, List<String> ignored) {}

    private StoredConfiguration() {}

    /**
     * Seeds the store from the (already validated) YAML file: every site and account the store does not hold is
     * added; the others are ignored (the store is the truth) and logged. Then reads and validates the whole stored
     * configuration.
     */
    public static Seeded seedAndLoad(Store store, Path yamlFile, Instant now) throws ConfigException, SQLException {
        Object fileTree = yamlFile == null ? null : readTree(yamlFile);
        List<String> seeded = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try {
                String by = "seed:" + (yamlFile == null ? "" : yamlFile.getFileName());
                Map<String, String> accounts = ConfigDocuments.accounts(c);
                for (Map<String, Object> site : entries(fileTree, "sites")) {
                    String code = String.valueOf(site.get("code"));
                    if (ConfigDocuments.latest(c, code).isPresent()) {
                        ignored.add("site " + code);
                    } else {
                        ConfigDocuments.save(c, code, 0, toJson(site), now, by);
                        seeded.add("site " + code);
                    }
                }
                for (Map<String, Object> account : entries(fileTree, "accounts")) {
                    String username = String.valueOf(account.get("username"));
                    if (accounts.containsKey(username)) {
                        ignored.add("account " + username);
                    } else {
                        ConfigDocuments.saveAccount(c, username, toJson(account), now, by);
                        seeded.add("account " + username);
                    }
                }
                CentreConfig config = CentreConfigLoader.fromTree(storedTree(c), "the store " + store.location());
                c.commit();
                if (!seeded.isEmpty()) {
                    LOG.info("Configuration: seeded from {} into the store: {}", yamlFile, String.join(", ", seeded));
                }
                if (!ignored.isEmpty()) {
                    LOG.info(
                            "Configuration: the store already holds {}; {} does not change them (the store is the"
                                    + " truth: use the admin API or xephang config import)",
                            String.join(", ", ignored),
                            yamlFile);
                }
                return new Seeded(config, seeded, ignored);
            } catch (ConfigException | SQLException | RuntimeException failed) {
                c.rollback();
                throw failed;
            }
        }
    }

    /**
     * Imports a YAML configuration: the file is validated as a whole, and together with the sites and accounts of the
     * store it does not name; on any problem nothing is written. Each site of the file becomes a new version of its
     * document; each account replaces the stored one. The import is recorded in the audit log (action {@code
     * config.import}, by {@code by}, with what was written).
     *
     * @return what was written ("site demo v3", "account officer1")
     */
    public static List<String> importYaml(Store store, String yaml, String source, Instant now, String by)
            throws ConfigException, SQLException {
        Object fileTree = CentreConfigLoader.readTree(yaml, source);
        CentreConfigLoader.fromTree(fileTree, source);
        List<String> written = new ArrayList<>();
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            try {
                for (Map<String, Object> site : entries(fileTree, "sites")) {
                    String code = String.valueOf(site.get("code"));
                    long current = ConfigDocuments.latest(c, code)
                            .map(SiteDocument::version)
                            .orElse(0L);
                    long version = ConfigDocuments.save(c, code, current, toJson(site), now, by);
                    written.add("site " + code + " v" + version);
                }
                for (Map<String, Object> account : entries(fileTree, "accounts")) {
                    String username = String.valueOf(account.get("username"));
                    ConfigDocuments.saveAccount(c, username, toJson(account), now, by);
                    written.add("account " + username);
                }
                CentreConfigLoader.fromTree(storedTree(c), source + " with the store " + store.location());
                // The audit log names what was written, never a hash (issue #14 item 5).
                AuditRecords.append(
                        c,
                        new AuditRecords.Entry(
                                0,
                                now,
                                by,
                                null,
                                "config.import",
                                Set.of(),
                                source.length() > 200 ? source.substring(0, 200) : source,
                                new JsonObject()
                                        .put("written", new JsonArray(written))
                                        .encode()));
                c.commit();
                return written;
            } catch (ConfigException | SQLException | RuntimeException failed) {
                c.rollback();
                throw failed;
            }
        }
    }

    /** The stored configuration as YAML ({@code sites:} then {@code accounts:}), readable by {@link #importYaml}. */
    public static String exportYaml(Store store) throws SQLException {
        try (Connection c = store.connect()) {
            DumpSettings settings = DumpSettings.builder()
                    .setDefaultFlowStyle(FlowStyle.BLOCK)
                    .setWidth(120)
                    .build();
            return new Dump(settings).dumpToString(storedTree(c));
        }
    }

    /** The stored configuration, validated. */
    public static CentreConfig load(Store store) throws ConfigException, SQLException {
        try (Connection c = store.connect()) {
            return CentreConfigLoader.fromTree(storedTree(c), "the store " + store.location());
        }
    }

    /** A document (a site's or an account's keys) as JSON text. */
    public static String toJson(Map<String, Object> document) {
        return new JsonObject(document).encode();
    }

    /** JSON text back to a document of maps, lists and scalars. */
    public static Map<String, Object> fromJson(String json) {
        return new JsonObject(json).getMap();
    }

    /** The whole stored configuration as one tree, as the YAML file would hold it. */
    static Map<String, Object> storedTree(Connection c) throws SQLException {
        List<Object> sites = new ArrayList<>();
        for (SiteDocument document : ConfigDocuments.latestOfEverySite(c)) {
            sites.add(fromJson(document.json()));
        }
        List<Object> accounts = new ArrayList<>();
        for (String json : ConfigDocuments.accounts(c).values()) {
            accounts.add(fromJson(json));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("sites", sites);
        if (!accounts.isEmpty()) {
            tree.put("accounts", accounts);
        }
        return tree;
    }

    private static Object readTree(Path file) throws ConfigException {
        try {
            return CentreConfigLoader.readTree(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (java.io.IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object tree, String key) {
        if (!(tree instanceof Map<?, ?> map) || !(map.get(key) instanceof List<?> list)) {
            return List.of();
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?>) {
                entries.add((Map<String, Object>) item);
            }
        }
        return entries;
    }
}
