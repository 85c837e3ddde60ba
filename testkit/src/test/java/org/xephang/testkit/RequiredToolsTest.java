package org.xephang.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;

@Timeout(10)
class RequiredToolsTest {

    @Test
    void aToolThatIsPresentLetsTheTestGoOnWhereverItRuns() {
        assertThatCode(() -> RequiredTools.require(true, "socat", "apt-get install -y socat", Map.of("CI", "true")))
                .doesNotThrowAnyException();
    }

    @Test
    void locallyAMissingToolSkipsTheTestSayingWhatIsMissingAndHowToInstallIt() {
        assertThatThrownBy(() -> RequiredTools.require(false, "socat", "apt-get install -y socat", Map.of()))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("socat is missing")
                .hasMessageContaining("apt-get install -y socat");
    }

    @Test
    void underCiAMissingToolFailsTheTestNamingWhatIsMissing() {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> RequiredTools.require(
                false,
                "Chromium or chromedriver",
                "apt-get install -y chromium chromium-driver",
                Map.of("CI", "true")));

        assertThat(failure).isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class);
        assertThat(failure.getMessage()).contains("CI=true", "Chromium or chromedriver is missing");
    }

    @Test
    void ciSetToSomethingElseThanTrueStillSkips() {
        assertThatThrownBy(
                        () -> RequiredTools.require(false, "socat", "apt-get install -y socat", Map.of("CI", "false")))
                .isInstanceOf(TestAbortedException.class);
    }
}
