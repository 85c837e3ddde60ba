package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.core.QueueService;
import org.xephang.core.backend.DossierConfig;

/**
 * {@code GET/PUT /api/v1/admin/sites/{site}} on the server wired as {@code xephang server} wires it: the stored document
 * with its version, a saved change applied without a restart (caps, new services, counters' names; numbering
 * continues) with a {@code config.changed} event, a stale version refused with 409 CONFLICT, an invalid document or a
 * change that strands tickets refused with the key named, and the store the truth after a restart.
 */
@Timeout(120)
class AdminSitesIT {

    private static final String PATH = "/api/v1/admin/sites/demo";

    @TempDir
    Path dataDir;

    @Test
    void anAdminEditsTheSiteLiveAndAStaleVersionIsAConflict() {
        List<QueueEvent> events = new CopyOnWriteArrayList<>();
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none());
                QueueService.Subscription subscription = api.engine.subscribe("demo", events::add)) {
            assertThat(api.send(HttpMethod.GET, PATH, "supervisor", null).statusCode())
                    .isEqualTo(403);
            HttpResponse<Buffer> got = api.send(HttpMethod.GET, PATH, "admin", null);
            assertThat(got.statusCode()).isEqualTo(200);
            JsonObject stored = got.bodyAsJsonObject();
            assertThat(stored.getLong("version")).isEqualTo(1L);
            JsonObject document = stored.getJsonObject("document");
            assertThat(document.getString("code")).isEqualTo("demo");

            api.issue("C");
            String second = api.issue("C").getString("number");
            assertThat(issueStatus(api, "C")).isEqualTo(422);

            // C's cap from 2 to 3, a new service D served by counter 1, counter 1 renamed
            JsonObject changed = document.copy();
            JsonArray services = changed.getJsonArray("services");
            for (int i = 0; i < services.size(); i++) {
                if ("C".equals(services.getJsonObject(i).getString("code"))) {
                    services.getJsonObject(i).put("dailyCap", 3);
                }
            }
            services.add(new JsonObject().put("code", "D").put("name", "Đăng ký kinh doanh"));
            JsonObject counter1 = changed.getJsonArray("counters").getJsonObject(0);
            counter1.put("name", "Quầy 1 – Một cửa");
            counter1.put("services", new JsonArray(List.of("A", "B", "D")));

            HttpResponse<Buffer> saved = put(api, 1, changed);
            assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
            assertThat(saved.bodyAsJsonObject().getLong("version")).isEqualTo(2L);
            assertThat(saved.bodyAsJsonObject().getString("savedBy")).isEqualTo("admin");

            TestApi.eventually(
                    Duration.ofSeconds(5), () -> events.stream().anyMatch(e -> e.type() == EventType.CONFIG_CHANGED));
            QueueEvent configChanged = events.stream()
                    .filter(e -> e.type() == EventType.CONFIG_CHANGED)
                    .findFirst()
                    .orElseThrow();
            assertThat(configChanged.details().getLong("version")).isEqualTo(2L);
            JsonObject site =
                    api.send(HttpMethod.GET, "/api/v1/sites/demo", null, null).bodyAsJsonObject();
            assertThat(site.encode()).contains("Đăng ký kinh doanh").contains("Quầy 1 – Một cửa");
            assertThat(api.issue("D").getString("number")).startsWith("D");
            assertThat(second).isEqualTo("C002");
            assertThat(api.issue("C").getString("number")).isEqualTo("C003");

            HttpResponse<Buffer> stale = put(api, 1, changed);
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(stale.bodyAsJsonObject().getString("error")).isEqualTo("CONFLICT");
            assertThat(stale.bodyAsJsonObject().getString("message")).startsWith("version: ");

            JsonObject invalid = changed.copy().put("ticketCutoffMinutes", -1).put("servces", 1);
            HttpResponse<Buffer> refused = put(api, 2, invalid);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
            assertThat(refused.bodyAsJsonObject().getString("message"))
                    .contains("ticketCutoffMinutes")
                    .contains("servces");

            JsonObject withoutC = changed.copy();
            JsonArray remaining = new JsonArray();
            withoutC.getJsonArray("services").forEach(service -> {
                if (!"C".equals(((JsonObject) service).getString("code"))) {
                    remaining.add(service);
                }
            });
            withoutC.put("services", remaining);
            for (Object c : withoutC.getJsonArray("counters")) {
                JsonObject counter = (JsonObject) c;
                JsonArray kept = new JsonArray();
                counter.getJsonArray("services").forEach(s -> {
                    if (!"C".equals(s)) {
                        kept.add(s);
                    }
                });
                counter.put("services", kept.isEmpty() ? new JsonArray(List.of("A")) : kept);
            }
            HttpResponse<Buffer> stranding = put(api, 2, withoutC);
            assertThat(stranding.statusCode()).as(stranding.bodyAsString()).isEqualTo(409);
            assertThat(stranding.bodyAsJsonObject().getString("message")).startsWith("services: ");

            assertThat(api.send(HttpMethod.GET, PATH, "admin", null)
                            .bodyAsJsonObject()
                            .getLong("version"))
                    .isEqualTo(2L);
        }

        // The store is the truth: the same --config at the next start changes nothing
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            assertThat(api.send(HttpMethod.GET, PATH, "admin", null)
                            .bodyAsJsonObject()
                            .getLong("version"))
                    .isEqualTo(2L);
            assertThat(api.issue("D").getString("number")).isEqualTo("D002");
        }
    }

    private static int issueStatus(TestApi api, String service) {
        return api.send(
                        HttpMethod.POST,
                        "/api/v1/sites/demo/tickets",
                        "kiosk1",
                        new JsonObject().put("service", service).encode())
                .statusCode();
    }

    private static HttpResponse<Buffer> put(TestApi api, long version, JsonObject document) {
        return api.send(
                HttpMethod.PUT,
                PATH,
                "admin",
                new JsonObject()
                        .put("version", version)
                        .put("document", document)
                        .encode());
    }
}
