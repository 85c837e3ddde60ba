package org.xephang.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.xephang.agent.AgentConfigException;

class KioskAgentConfigTest {

    @Test
    void aCompleteFileGivesTheOptionsWithTheirDefaults() {
        KioskAgentConfig config = KioskAgentConfig.fromJson(
                new JsonObject()
                        .put("site", "demo")
                        .put("username", "kiosk1")
                        .put("password", "secret")
                        .put("printer", "sim:printer")
                        .put("settingsPin", "2468"),
                "http://10.0.0.2:8080/");

        assertThat(config.options().serverUrl()).isEqualTo("http://10.0.0.2:8080");
        assertThat(config.options().kioskId()).isEqualTo("kiosk1");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.options().homeTimeout()).hasSeconds(30);
    }

    @Test
    void theExampleConfigurationIsValid() throws Exception {
        KioskAgentConfig config = KioskAgentConfig.load(java.nio.file.Path.of("..", "examples", "kiosk.json"), null);

        assertThat(config.options().printerUri()).startsWith("sim:printer");
        assertThat(config.port()).isEqualTo(8081);
    }

    @Test
    void everyProblemIsReportedAtOnceNamingItsKey() {
        assertThatThrownBy(() -> KioskAgentConfig.fromJson(
                        new JsonObject().put("site", "demo").put("port", 70000).put("settingsPin", "12"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port: must be 0 to 65535")
                .hasMessageContaining("server: must be an http")
                .hasMessageContaining("username: is required")
                .hasMessageContaining("printer: is required")
                .hasMessageContaining("settingsPin: must be 4 to 8 digits");
    }

    @Test
    void aKioskWithoutItsOwnSettingsPinIsRefused() {
        JsonObject base = new JsonObject()
                .put("site", "demo")
                .put("username", "kiosk1")
                .put("password", "secret")
                .put("printer", "sim:printer");

        assertThatThrownBy(() -> KioskAgentConfig.fromJson(base.copy(), "http://10.0.0.2:8080"))
                .hasMessageContaining("settingsPin: is required");
        assertThatThrownBy(
                        () -> KioskAgentConfig.fromJson(base.copy().put("settingsPin", "0000"), "http://10.0.0.2:8080"))
                .hasMessageContaining("settingsPin: \"0000\" is a well-known PIN");
    }

    @Test
    void anUnknownKeyIsRefusedNamingItWithTheOtherProblems() {
        assertThatThrownBy(() -> KioskAgentConfig.fromJson(
                        new JsonObject()
                                .put("site", "demo")
                                .put("username", "kiosk1")
                                .put("password", "demo")
                                .put("printer", "sim:printer")
                                .put("prnter", "sim:printer")
                                .put("port", "8081"),
                        "http://10.0.0.2:8080"))
                .isInstanceOf(AgentConfigException.class)
                .hasMessageContaining("prnter: unknown key; allowed here:")
                .hasMessageContaining("port: must be a whole number, got text \"8081\"");
    }

    @Test
    void theServerMayBeTheListOfAClustersNodes() {
        JsonObject json = new JsonObject()
                .put(
                        "server",
                        new io.vertx.core.json.JsonArray()
                                .add("http://10.0.0.11:8080")
                                .add("http://10.0.0.12:8080"))
                .put("site", "demo")
                .put("username", "kiosk1")
                .put("password", "secret")
                .put("printer", "sim:printer")
                .put("settingsPin", "2468");

        assertThat(KioskAgentConfig.fromJson(json, null).options().serverUrl())
                .isEqualTo("http://10.0.0.11:8080,http://10.0.0.12:8080");
        assertThat(KioskAgentConfig.fromJson(json, "http://10.0.0.13:8080/")
                        .options()
                        .serverUrl())
                .as("--server wins")
                .isEqualTo("http://10.0.0.13:8080");
        assertThatThrownBy(() ->
                        KioskAgentConfig.fromJson(json.copy().put("server", "http://10.0.0.11:8080,10.0.0.12"), null))
                .hasMessage("server: must be an http:// or https:// URL (http://host[:port] without a path, several"
                        + " separated by commas), got \"10.0.0.12\"");
    }
}
