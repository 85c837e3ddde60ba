package org.xephang.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.core.persistence.ConfigDocuments;
import org.xephang.core.persistence.PostgresStore;
import org.xephang.core.persistence.Store;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.core.testkit.PostgresFixture;

/** The stored configuration on PostgreSQL: the same SQL, the same round trip and version check as on SQLite. */
@Timeout(120)
class StoredConfigurationPostgresIT {

    @Test
    void theExampleCentreRoundTripsAndAStaleVersionIsRefused() throws Exception {
        String yaml = Files.readString(StoredConfigurationTest.EXAMPLE, StandardCharsets.UTF_8);
        try (Store store = PostgresStore.open(PostgresFixture.newDatabase("config"))) {
            StoredConfiguration.importYaml(store, yaml, "centre.yaml", StoredConfigurationTest.NOW, "import");
            String exported = StoredConfiguration.exportYaml(store);
            assertThat(CentreConfigLoader.readTree(exported, "export"))
                    .isEqualTo(StoredConfigurationTest.asStored(yaml));

            StoredConfiguration.Seeded again = StoredConfiguration.seedAndLoad(
                    store, StoredConfigurationTest.EXAMPLE, StoredConfigurationTest.NOW);
            assertThat(again.seeded()).isEmpty();
            try (Connection c = store.connect()) {
                assertThatThrownBy(() -> ConfigDocuments.save(c, "demo", 0, "{}", StoredConfigurationTest.NOW, "x"))
                        .isInstanceOf(ConfigDocuments.StaleVersionException.class);
            }
        }
    }
}
