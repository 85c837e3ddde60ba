package org.xephang.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xephang.core.site.CentreConfig;
import org.xephang.core.site.CentreConfigLoader;

class DemoPasswordsTest {

    @Test
    void everyAccountOfTheExampleCentreHasAKnownDemoPassword() throws Exception {
        CentreConfig example = CentreConfigLoader.load(Path.of("..", "examples", "centre.yaml"));

        assertThat(DemoPasswords.accountsWithDemoPasswords(example.accounts()))
                .hasSameSizeAs(example.accounts())
                .contains("admin", "kiosk1");
    }

    @Test
    void theTestCentresOwnHashesAreNotDemoHashes() throws Exception {
        CentreConfig test = CentreConfigLoader.load(
                Path.of(DemoPasswordsTest.class.getResource("/http/centre.yaml").toURI()));

        assertThat(DemoPasswords.accountsWithDemoPasswords(test.accounts())).isEmpty();
    }
}
