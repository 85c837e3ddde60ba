package org.xephang.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.persistence.ConfigDocuments;
import org.xephang.core.persistence.SqliteStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.site.ConfigException;

class StoredConfigurationTest {

    static final Path EXAMPLE = Path.of("..", "examples", "centre.yaml");
    static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path dir;

    /**
     * The example's tree as the store keeps it: without {@code server:}, the server's own settings (CORS, TLS), which
     * stay in its {@code --config} file like {@code dossier:}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asStored(String yaml) throws ConfigException {
        Map<String, Object> tree = (Map<String, Object>) CentreConfigLoader.readTree(yaml, "centre.yaml");
        tree.remove("server");
        return tree;
    }

    @Test
    void theExampleCentreRoundTripsThroughTheStoreExactly() throws Exception {
        String yaml = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        try (Store store = SqliteStore.open(dir)) {
            StoredConfiguration.importYaml(store, yaml, "centre.yaml", NOW, "import:centre.yaml");

            String exported = StoredConfiguration.exportYaml(store);

            assertThat(CentreConfigLoader.readTree(exported, "export")).isEqualTo(asStored(yaml));
            assertThat(CentreConfigLoader.parse(exported, "export")).isEqualTo(CentreConfigLoader.load(EXAMPLE));
            // and importing the export again changes nothing but the version
            StoredConfiguration.importYaml(store, exported, "export", NOW, "import:export");
            assertThat(StoredConfiguration.exportYaml(store)).isEqualTo(exported);
            try (Connection c = store.connect()) {
                assertThat(ConfigDocuments.latest(c, "demo").orElseThrow().version())
                        .isEqualTo(2);
            }
        }
    }

    @Test
    void theFileSeedsOnlyWhatTheStoreDoesNotHold() throws Exception {
        try (Store store = SqliteStore.open(dir)) {
            StoredConfiguration.Seeded first = StoredConfiguration.seedAndLoad(store, EXAMPLE, NOW);
            assertThat(first.seeded()).contains("site demo", "account officer1");
            assertThat(first.ignored()).isEmpty();
            assertThat(first.config()).isEqualTo(CentreConfigLoader.load(EXAMPLE));

            // a change saved in the store stays the truth at the next start with the same file
            Map<String, Object> demo;
            try (Connection c = store.connect()) {
                demo = StoredConfiguration.fromJson(
                        ConfigDocuments.latest(c, "demo").orElseThrow().json());
                demo.put("hotline", "1900 9999");
                ConfigDocuments.save(c, "demo", 1, StoredConfiguration.toJson(demo), NOW, "admin");
            }
            StoredConfiguration.Seeded second = StoredConfiguration.seedAndLoad(store, EXAMPLE, NOW);
            assertThat(second.seeded()).isEmpty();
            assertThat(second.ignored()).contains("site demo", "account admin");
            assertThat(second.config().site("demo").orElseThrow().hotline()).isEqualTo("1900 9999");
        }
    }

    @Test
    void anImportWithAnyProblemChangesNothingAndNamesEveryKey() throws Exception {
        String yaml = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        String bad = yaml.replace("ticketCutoffMinutes: 15", "ticketCutoffMinutes: -1")
                .replace("role: kiosk", "role: robot");
        try (Store store = SqliteStore.open(dir)) {
            StoredConfiguration.importYaml(store, yaml, "centre.yaml", NOW, "import");
            String before = StoredConfiguration.exportYaml(store);

            assertThatThrownBy(() -> StoredConfiguration.importYaml(store, bad, "bad.yaml", NOW, "import"))
                    .isInstanceOfSatisfying(
                            ConfigException.class,
                            e -> assertThat(e.problems())
                                    .anyMatch(p -> p.startsWith("sites[0].ticketCutoffMinutes"))
                                    .anyMatch(p -> p.startsWith("accounts[11].role")));
            assertThat(StoredConfiguration.exportYaml(store)).isEqualTo(before);
        }
    }

    @Test
    void aSaveOnAStaleVersionIsRefused() throws Exception {
        try (Store store = SqliteStore.open(dir);
                Connection c = store.connect()) {
            ConfigDocuments.save(c, "x", 0, "{}", NOW, "a");
            ConfigDocuments.save(c, "x", 1, "{}", NOW, "b");
            assertThatThrownBy(() -> ConfigDocuments.save(c, "x", 1, "{}", NOW, "c"))
                    .isInstanceOfSatisfying(
                            ConfigDocuments.StaleVersionException.class,
                            e -> assertThat(e.current()).isEqualTo(2));
        }
    }
}
