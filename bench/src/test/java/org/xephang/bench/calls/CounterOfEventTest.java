package org.xephang.bench.calls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CounterOfEventTest {

    @Test
    void readsTheFirstCounterNumberOfAnEvent() {
        String event = "{\"id\":\"e1\",\"seq\":7,\"type\":\"ticket.called\",\"ticket\":{\"number\":\"A012\","
                + "\"counter\":12,\"state\":\"CALLED\"},\"counter\":12}";

        assertThat(CallLatencyScenario.counterOf(event)).isEqualTo(12);
    }

    @Test
    void anEventWithoutACounterGivesMinusOne() {
        assertThat(CallLatencyScenario.counterOf("{\"type\":\"ticket.called\",\"counter\":null}"))
                .isEqualTo(-1);
        assertThat(CallLatencyScenario.counterOf("{\"type\":\"device.status\"}"))
                .isEqualTo(-1);
    }
}
