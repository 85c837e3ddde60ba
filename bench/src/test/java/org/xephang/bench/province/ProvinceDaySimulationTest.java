package org.xephang.bench.province;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProvinceDaySimulationTest {

    @Test
    void aNumbersSequenceIsItsDigitsWhateverItsPrefix() {
        assertThat(ProvinceDaySimulation.sequenceOf("A012")).isEqualTo(12);
        assertThat(ProvinceDaySimulation.sequenceOf("B1999")).isEqualTo(1999);
        assertThat(ProvinceDaySimulation.sequenceOf("UT-0007")).isEqualTo(7);
        assertThat(ProvinceDaySimulation.sequenceOf("C100")).isGreaterThan(ProvinceDaySimulation.sequenceOf("C099"));
    }
}
