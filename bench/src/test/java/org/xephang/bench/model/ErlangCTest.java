package org.xephang.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void singleServerReducesToMm1WhereTheWaitingProbabilityIsTheUtilisation() {
        ErlangC mm1 = new ErlangC(0.8, 1.0, 1);

        assertThat(mm1.probabilityOfWaiting()).isCloseTo(0.8, within(1e-12));
        // Wq = ρ / (μ − λ) = 0.8 / 0.2
        assertThat(mm1.meanWaitSeconds()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    void twoServersAtOneErlangWaitWithProbabilityOneThird() {
        ErlangC queue = new ErlangC(1, 1, 2);

        assertThat(queue.probabilityOfWaiting()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(queue.meanWaitSeconds()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void threeServersAtTwoErlangsMatchTheTextbookExample() {
        // λ = 6/h, μ = 3/h, c = 3: C = 4/9, Wq = C / (cμ − λ) = (4/9) / (3/h) = 8.89 min.
        ErlangC queue = new ErlangC(6.0 / 3600, 3.0 / 3600, 3);

        assertThat(queue.probabilityOfWaiting()).isCloseTo(4.0 / 9, within(1e-12));
        assertThat(queue.meanWaitSeconds() / 60).isCloseTo(8.8889, within(1e-4));
    }

    @Test
    void tenErlangsOnElevenAgentsWaitWithTheClassicCallCentreProbability() {
        assertThat(new ErlangC(10, 1, 11).probabilityOfWaiting()).isCloseTo(0.6821, within(1e-4));
        assertThat(new ErlangC(10, 1, 12).probabilityOfWaiting()).isCloseTo(0.4494, within(1e-4));
    }

    @Test
    void largeServerCountsStayFiniteThanksToTheErlangBRecursion() {
        ErlangC big = new ErlangC(180, 1, 200);

        assertThat(big.probabilityOfWaiting()).isBetween(0.0, 1.0);
        assertThat(big.meanWaitSeconds()).isFinite().isPositive();
    }

    @Test
    void tailProbabilityDecaysExponentiallyFromTheWaitingProbability() {
        ErlangC queue = new ErlangC(1, 1, 2);

        assertThat(queue.probabilityWaitExceeds(0)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(queue.probabilityWaitExceeds(1)).isCloseTo(Math.exp(-1) / 3, within(1e-12));
    }

    @Test
    void overloadedQueueIsUnstableWithCertainWaitingAndInfiniteMeanWait() {
        ErlangC overloaded = new ErlangC(3, 1, 2);

        assertThat(overloaded.stable()).isFalse();
        assertThat(overloaded.probabilityOfWaiting()).isEqualTo(1);
        assertThat(overloaded.meanWaitSeconds()).isInfinite();
    }

    @Test
    void allenCunneenKeepsTheExponentialCaseAndHalvesItForDeterministicService() {
        ErlangC queue = new ErlangC(1, 1, 2);

        assertThat(queue.meanWaitSecondsAllenCunneen(1)).isCloseTo(queue.meanWaitSeconds(), within(1e-12));
        assertThat(queue.meanWaitSecondsAllenCunneen(0)).isCloseTo(queue.meanWaitSeconds() / 2, within(1e-12));
    }

    @Test
    void rejectsNonsenseParameters() {
        assertThatThrownBy(() -> new ErlangC(1, 0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErlangC(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
