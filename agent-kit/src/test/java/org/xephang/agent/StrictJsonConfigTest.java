package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class StrictJsonConfigTest {

    @Test
    void anUnknownKeyIsAProblemNamingItAndTheKeysAllowedThere() {
        StrictJsonConfig config =
                StrictJsonConfig.of(new JsonObject().put("site", "demo").put("prnter", "sim:printer"));

        config.root().allowOnly("site", "printer");

        assertThatThrownBy(config::check)
                .isInstanceOf(AgentConfigException.class)
                .hasMessage("prnter: unknown key; allowed here: printer, site");
    }

    @Test
    void aValueOfTheWrongTypeIsAProblemNamingItsKeyAndWhatWasFound() {
        StrictJsonConfig config = StrictJsonConfig.of(new JsonObject()
                .put("port", "8081")
                .put("speaker", "yes")
                .put("site", 5)
                .put("counters", new JsonObject()));
        StrictJsonConfig.Node root = config.root();

        assertThat(root.integer("port", 8081)).isEqualTo(8081);
        assertThat(root.bool("speaker", false)).isFalse();
        assertThat(root.text("site", null)).isNull();
        assertThat(root.list("counters")).isEmpty();
        assertThat(config.problems())
                .containsExactly(
                        "port: must be a whole number, got text \"8081\"",
                        "speaker: must be true or false, got text \"yes\"",
                        "site: must be text, got 5",
                        "counters: must be a list […], got an object");
    }

    @Test
    void everyProblemIsReportedAtOnceWithTheFullPathOfNestedKeys() {
        JsonObject json = new JsonObject()
                .put("colour", "red")
                .put("port", 1.5)
                .put(
                        "leds",
                        new JsonObject()
                                .put(
                                        "counters",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("counter", 1)
                                                        .put("uri", 7))
                                                .add("led:x")
                                                .add(new JsonObject()
                                                        .put("counter", 2)
                                                        .put("ur", "led:y"))));
        StrictJsonConfig config = StrictJsonConfig.of(json);
        StrictJsonConfig.Node root = config.root().allowOnly("port", "leds");
        root.integer("port", 0);
        StrictJsonConfig.Node leds = root.object("leds").allowOnly("counters");
        for (StrictJsonConfig.Node entry : leds.list("counters")) {
            if (entry.isObject("an object {\"counter\": 1, \"uri\": …}")) {
                entry.allowOnly("counter", "uri");
                entry.text("uri", null);
            }
        }

        assertThatThrownBy(config::check)
                .isInstanceOfSatisfying(
                        AgentConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "colour: unknown key; allowed here: leds, port",
                                        "port: must be a whole number, got 1.5",
                                        "leds.counters[0].uri: must be text, got 7",
                                        "leds.counters[1]: must be an object {\"counter\": 1, \"uri\": …}, got text \"led:x\"",
                                        "leds.counters[2].ur: unknown key; allowed here: counter, uri"))
                .hasMessageContaining("; ");
    }

    @Test
    void absentKeysTakeTheirDefaultsWithoutAProblem() {
        StrictJsonConfig config = StrictJsonConfig.of(new JsonObject().putNull("notice"));
        StrictJsonConfig.Node root = config.root();

        assertThat(root.text("notice", "none")).isEqualTo("none");
        assertThat(root.integer("port", 8090)).isEqualTo(8090);
        assertThat(root.object("leds")).isNull();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void textIsNormalisedToNfcAndAPinWrittenAsANumberIsItsDigits() {
        String decomposed = "Quầy".replace("ầ", "a\u0302\u0300");
        StrictJsonConfig config =
                StrictJsonConfig.of(new JsonObject().put("notice", decomposed).put("settingsPin", 2468));

        assertThat(config.root().text("notice", null)).isEqualTo("Quầy");
        assertThat(config.root().textOrNumber("settingsPin", null)).isEqualTo("2468");
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void aFileThatIsNotAJsonObjectIsOneProblemSayingSo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kiosk.json");
        Files.writeString(file, "{\"site\": \"demo\",", StandardCharsets.UTF_8);
        Path list = dir.resolve("list.json");
        Files.writeString(list, "[1, 2]", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StrictJsonConfig.read(file))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> StrictJsonConfig.read(list)).isInstanceOf(AgentConfigException.class);
    }

    @Test
    void theServerIsOneUrlOrAListOfAClustersNodesAndTheServerOptionWins() {
        StrictJsonConfig one = StrictJsonConfig.of(new JsonObject().put("server", "http://10.0.0.2:8080/"));
        StrictJsonConfig list = StrictJsonConfig.of(new JsonObject()
                .put("server", new JsonArray().add("http://10.0.0.11:8080").add("http://10.0.0.12:8080/")));
        StrictJsonConfig commas =
                StrictJsonConfig.of(new JsonObject().put("server", "http://10.0.0.11:8080, http://10.0.0.12:8080"));

        assertThat(one.root().servers("server", null)).isEqualTo("http://10.0.0.2:8080");
        assertThat(list.root().servers("server", null)).isEqualTo("http://10.0.0.11:8080,http://10.0.0.12:8080");
        assertThat(commas.root().servers("server", null)).isEqualTo("http://10.0.0.11:8080,http://10.0.0.12:8080");
        assertThat(list.root().servers("server", "http://a:8080,http://b:8080"))
                .isEqualTo("http://a:8080,http://b:8080");
        one.check();
        list.check();
        commas.check();
    }

    @Test
    void aBadServerListIsAProblemNamingTheKeyOrTheItem() {
        StrictJsonConfig config = StrictJsonConfig.of(new JsonObject()
                .put("missing", (String) null)
                .put("number", 8080)
                .put("empty", new JsonArray())
                .put("item", new JsonArray().add("http://a:8080").add(5))
                .put("bad", new JsonArray().add("http://a:8080").add("10.0.0.2"))
                .put("twice", "http://a:8080,http://a:8080/"));
        StrictJsonConfig.Node root = config.root();

        for (String key : new String[] {"missing", "number", "empty", "item", "bad", "twice"}) {
            assertThat(root.servers(key, null)).as(key).isNull();
        }
        assertThat(root.servers("number", "ftp://x")).isNull();

        assertThat(config.problems())
                .containsExactly(
                        "missing: must be an http:// or https:// URL (http://host[:port] without a path, several"
                                + " separated by commas), got nothing",
                        "number: must be a URL or a list of URLs, got 8080",
                        "empty: must name at least one server, e.g. [\"http://10.0.0.11:8080\","
                                + " \"http://10.0.0.12:8080\"]",
                        "item[1]: must be an http:// or https:// URL, got 5",
                        "bad: must be an http:// or https:// URL (http://host[:port] without a path, several"
                                + " separated by commas), got \"10.0.0.2\"",
                        "twice: must list each server once, got http://a:8080,http://a:8080/",
                        "number: must be an http:// or https:// URL (http://host[:port] without a path, several"
                                + " separated by commas), got \"ftp://x\"");
    }

    @Test
    void aProblemOfTheOptionsAlreadyReportedByAKeysReaderIsSaidOnce() {
        StrictJsonConfig config = StrictJsonConfig.of(new JsonObject());
        config.root().child("server").problem("must be given");

        config.problem("server: must be given; site: is required");
        config.problem("server: got nothing");

        assertThat(config.problems()).containsExactly("server: must be given", "site: is required");
    }
}
