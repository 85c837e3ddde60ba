package org.xephang.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitEstimatorTest {

    final WaitEstimator estimator = new WaitEstimator();

    @Test
    void withoutMeasurementsTheConfiguredServiceTimeIsUsed() {
        assertThat(estimator.averageServiceTime("A", Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theAverageIsOverTheLastTwentyServices() {
        for (int i = 0; i < 30; i++) {
            estimator.record("A", Duration.ofMinutes(i < 10 ? 100 : 4));
        }

        assertThat(estimator.averageServiceTime("A", Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void theEstimateGrowsWithTicketsAheadAndShrinksWithOpenCounters() {
        Duration fiveMinutes = Duration.ofMinutes(5);

        assertThat(estimator.estimateSeconds(0, 1, fiveMinutes)).isEqualTo(150);
        assertThat(estimator.estimateSeconds(3, 1, fiveMinutes)).isEqualTo(1050);
        assertThat(estimator.estimateSeconds(3, 2, fiveMinutes)).isEqualTo(525);
    }

    @Test
    void noOpenCounterCountsAsOne() {
        assertThat(estimator.estimateSeconds(1, 0, Duration.ofMinutes(2))).isEqualTo(180);
    }

    @Test
    void negativeDurationsAreIgnored() {
        estimator.record("A", Duration.ofMinutes(-3));

        assertThat(estimator.averageServiceTime("A", Duration.ofMinutes(7))).isEqualTo(Duration.ofMinutes(7));
    }
}
