package org.xephang.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.xephang.agent.AgentConfigException;

class CounterAgentConfigTest {

    @Test
    void aFileWithSeveralCountersGivesEachItsOwnDevices() {
        CounterAgentConfig config = CounterAgentConfig.fromJson(
                new JsonObject()
                        .put("server", "http://10.0.0.2:8080")
                        .put("site", "demo")
                        .put(
                                "counters",
                                new JsonArray()
                                        .add(new JsonObject()
                                                .put("counter", 3)
                                                .put("led", "sim:led?address=3")
                                                .put("keypad", "sim:keypad?name=counter3"))
                                        .add(new JsonObject().put("counter", 4))),
                null);

        assertThat(config.options().desks())
                .containsExactly(
                        new CounterOptions.DeskOptions(3, "sim:led?address=3", "sim:keypad?name=counter3"),
                        new CounterOptions.DeskOptions(4, null, null));
        assertThat(config.port()).isEqualTo(8082);
        assertThat(config.options().ratingWindow()).hasSeconds(60);
    }

    @Test
    void aUsbHidKeypadIsChosenWithHidAndItsKeysAreChecked() {
        CounterAgentConfig config = CounterAgentConfig.fromJson(
                new JsonObject()
                        .put("server", "http://10.0.0.2:8080")
                        .put("site", "demo")
                        .put(
                                "counters",
                                new JsonArray()
                                        .add(new JsonObject().put("counter", 3).put("keypad", "hid"))
                                        .add(new JsonObject().put("counter", 4).put("keypad", "keypad:hid?scale=5"))),
                null);
        assertThat(config.options().desks())
                .extracting(CounterOptions.DeskOptions::keypadUri)
                .containsExactly("hid", "keypad:hid?scale=5");

        assertThatThrownBy(() -> CounterAgentConfig.fromJson(
                        new JsonObject()
                                .put("server", "http://10.0.0.2:8080")
                                .put("site", "demo")
                                .put(
                                        "counters",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("counter", 3)
                                                        .put("keypad", "hid?keys=1,2"))),
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counters[0].keypad: keypad:hid?keys=1,2: keys: a rating scale has 3, 4 or 5");
    }

    @Test
    void theExampleConfigurationIsValid() throws Exception {
        CounterAgentConfig config =
                CounterAgentConfig.load(java.nio.file.Path.of("..", "examples", "counter.json"), null);

        assertThat(config.options().desks()).hasSize(2);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        assertThatThrownBy(() -> CounterAgentConfig.fromJson(
                        new JsonObject()
                                .put("site", "demo")
                                .put(
                                        "counters",
                                        new JsonArray()
                                                .add(new JsonObject().put("counter", 2))
                                                .add(new JsonObject()
                                                        .put("counter", 2)
                                                        .put("led", 5))),
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("counters[1].led: must be text")
                .hasMessageContaining("server: must be an http")
                .hasMessageContaining("counters[1].counter: counter 2 is listed twice");
    }

    @Test
    void anUnknownKeyOfACounterIsRefusedNamingItsPath() {
        assertThatThrownBy(() -> CounterAgentConfig.fromJson(
                        new JsonObject()
                                .put("site", "demo")
                                .put(
                                        "counters",
                                        new io.vertx.core.json.JsonArray()
                                                .add(new JsonObject()
                                                        .put("counter", 3)
                                                        .put("leds", "sim:led"))),
                        "http://10.0.0.2:8080"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("counters[0].leds: unknown key; allowed here: counter, keypad, led");
    }

    @Test
    void thePcsDeviceAccountIsReadWithItsAgentIdDefaultingToTheUsername() {
        CounterAgentConfig config = CounterAgentConfig.fromJson(
                new JsonObject()
                        .put("site", "demo")
                        .put("counters", new JsonArray().add(new JsonObject().put("counter", 3)))
                        .put("username", "quaypc1")
                        .put("password", "demo"),
                "http://10.0.0.2:8080");

        assertThat(config.options().account().agentId()).isEqualTo("quaypc1");
        assertThat(config.options().account().username()).isEqualTo("quaypc1");
        assertThat(config.options().account().toString()).doesNotContain("demo");
    }

    @Test
    void aDeviceAccountWithoutItsPasswordOrWithABadAgentIdIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> CounterAgentConfig.fromJson(
                        new JsonObject()
                                .put("site", "demo")
                                .put("counters", new JsonArray().add(new JsonObject().put("counter", 3)))
                                .put("username", "quaypc1"),
                        "http://10.0.0.2:8080"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("password: is required with username");
        assertThatThrownBy(() -> CounterAgentConfig.fromJson(
                        new JsonObject()
                                .put("site", "demo")
                                .put("counters", new JsonArray().add(new JsonObject().put("counter", 3)))
                                .put("agentId", "quầy 1")
                                .put("username", "quaypc1")
                                .put("password", "demo"),
                        "http://10.0.0.2:8080"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("agentId: 1–40 letters");
    }
}
