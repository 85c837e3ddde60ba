package org.xephang.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.agent.AgentConfigException;
import org.xephang.board.led.LedAgent;

class BoardAgentConfigTest {

    @Test
    void readsAFullConfigurationAndLetsTheCommandLineChooseTheServer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("board.json");
        Files.writeString(file, """
                {"server": "http://10.0.0.2:8080", "site": "demo", "port": 8091, "language": "en", "speaker": true,
                 "leds": {"counters": [{"counter": 1, "uri": "sim:led?address=1"}],
                          "summary": "sim:ledsummary?address=10&lines=6"}}
                """);

        BoardAgentConfig config = BoardAgentConfig.load(file, "http://127.0.0.1:9000");

        assertThat(config.server()).isEqualTo("http://127.0.0.1:9000");
        assertThat(config.port()).isEqualTo(8091);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.highlightSeconds()).isEqualTo(20);
        assertThat(config.counterLeds()).containsExactly(new LedAgent.Display(1, "sim:led?address=1"));
        assertThat(config.summaryLed()).isEqualTo("sim:ledsummary?address=10&lines=6");
        assertThat(config.boardOptions().language()).isEqualTo("en");
        assertThat(config.speaker()).isTrue();
        assertThat(config.ledSettings().username()).isNull();
    }

    @Test
    void reportsEveryProblemAtOnceNamingItsKey() {
        JsonObject json = new JsonObject()
                .put("server", "10.0.0.2")
                .put("port", 70000)
                .put("language", "fr")
                .put("speaker", "yes")
                .put(
                        "leds",
                        new JsonObject()
                                .put(
                                        "counters",
                                        new io.vertx.core.json.JsonArray()
                                                .add(new JsonObject().put("counter", 1))
                                                .add(new JsonObject()
                                                        .put("counter", 1)
                                                        .put("uri", "sim:led"))));

        assertThatThrownBy(() -> BoardAgentConfig.fromJson(json, null))
                .hasMessageContaining("server: must be an http")
                .hasMessageContaining("site: is required")
                .hasMessageContaining("port: must be 0 to 65535")
                .hasMessageContaining("language: must be vi or en")
                .hasMessageContaining("speaker: must be true or false")
                .hasMessageContaining("leds.counters[0].uri: is required")
                .hasMessageContaining("leds.counters[1].counter: counter 1 already has a display");
    }

    @Test
    void aFileThatIsNotJsonIsNamedInTheMessage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("board.json");
        Files.writeString(file, "site: demo");

        assertThatThrownBy(() -> BoardAgentConfig.load(file, null)).hasMessageContaining("not valid JSON");
    }

    @Test
    void unknownKeysAreRefusedAtEveryLevel() {
        assertThatThrownBy(() -> BoardAgentConfig.fromJson(
                        new JsonObject()
                                .put("site", "demo")
                                .put("langauge", "en")
                                .put("leds", new JsonObject().put("summery", "sim:ledsummary")),
                        "http://10.0.0.2:8080"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("langauge: unknown key")
                .hasMessageContaining("leds.summery: unknown key; allowed here: counters, summary");
    }
}
