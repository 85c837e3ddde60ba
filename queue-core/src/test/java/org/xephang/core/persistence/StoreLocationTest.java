package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class StoreLocationTest {

    @Test
    void sqliteNamesAFolderOrADatabaseFile(@TempDir Path dir) throws Exception {
        assertThat(StoreLocation.parse("sqlite:" + dir)).isEqualTo(new StoreLocation.Sqlite(dir.resolve("xephang.db")));
        assertThat(StoreLocation.parse("sqlite:" + dir.resolve("office.db")))
                .isEqualTo(new StoreLocation.Sqlite(dir.resolve("office.db")));
        Path existing = Files.writeString(dir.resolve("old-store"), "");
        assertThat(StoreLocation.parse("sqlite:" + existing)).isEqualTo(new StoreLocation.Sqlite(existing));
    }

    @Test
    void aPostgresqlUrlGivesHostPortDatabaseCredentialsAndOptions() {
        StoreLocation location = StoreLocation.parse(
                "postgresql://db1.tinh.gov.vn:5433/xephang?user=xephang&password=b%C3%AD+m%E1%BA%ADt"
                        + "&sslmode=require");

        assertThat(location)
                .isEqualTo(new StoreLocation.Postgres(
                        "db1.tinh.gov.vn", 5433, "xephang", "xephang", "bí mật", Map.of("sslmode", "require")));
        assertThat(((StoreLocation.Postgres) location).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1.tinh.gov.vn:5433/xephang");
        assertThat(location.toString())
                .isEqualTo("postgresql://xephang@db1.tinh.gov.vn:5433/xephang")
                .doesNotContain("bí mật");
        assertThat(StoreLocation.parse("postgres://u:p@127.0.0.1/q"))
                .isEqualTo(new StoreLocation.Postgres("127.0.0.1", 5432, "q", "u", "p", Map.of()));
    }

    @Test
    void aWrongValueSaysWhatIsWrongWithoutShowingThePassword() {
        assertThatThrownBy(() -> StoreLocation.parse("mysql://u:secret@h/db?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither sqlite:DIR nor postgresql://")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://h:5432/?user=u"))
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://h:5432/db")).hasMessageContaining("names no user");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql:///db?user=u")).hasMessageContaining("no host");
        assertThatThrownBy(() -> StoreLocation.parse("sqlite:")).hasMessageContaining("needs a folder");
        assertThatThrownBy(() -> StoreLocation.parse(" ")).hasMessageContaining("no store given");
    }
}
