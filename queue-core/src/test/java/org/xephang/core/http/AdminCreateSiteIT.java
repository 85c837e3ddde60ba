package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/admin/sites}: a province administrator creates a site from a document and it is served at once
 * (description, tickets, its configuration at version 1); a site administrator is refused (403), an existing code is
 * 409 naming {@code code}, an invalid document 400 naming its keys; nothing is created on a refusal.
 */
@Timeout(120)
class AdminCreateSiteIT {

    @TempDir
    Path dataDir;

    private static JsonObject document(String code) {
        return new JsonObject()
                .put("code", code)
                .put("name", "Bộ phận Một cửa xã Tân Lập")
                .put(
                        "services",
                        new JsonArray(List.of(new JsonObject()
                                .put("code", "A")
                                .put("name", "Hộ tịch")
                                .put("dailyCap", 50))))
                .put(
                        "counters",
                        new JsonArray(List.of(
                                new JsonObject().put("number", 1).put("services", new JsonArray(List.of("A"))))));
    }

    private static HttpResponse<Buffer> create(TestApi api, String username, JsonObject document) {
        return api.send(
                HttpMethod.POST,
                "/api/v1/admin/sites",
                username,
                new JsonObject().put("document", document).encode());
    }

    @Test
    void aProvinceAdministratorCreatesASiteThatIsServedAtOnceAndNobodyElseMay() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            HttpResponse<Buffer> siteAdmin = create(api, "admin-north", document("tan-lap"));
            assertThat(siteAdmin.statusCode()).isEqualTo(403);
            assertThat(siteAdmin.bodyAsJsonObject().getString("message")).contains("quản trị viên cấp tỉnh");
            assertThat(create(api, "supervisor-north", document("tan-lap")).statusCode())
                    .isEqualTo(403);

            HttpResponse<Buffer> invalid =
                    create(api, "province", document("tan-lap").put("timeZone", "Mars/Base"));
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(invalid.bodyAsJsonObject().getString("message")).contains("timeZone");
            assertThat(api.send(HttpMethod.GET, "/api/v1/sites/tan-lap", null, null)
                            .statusCode())
                    .isEqualTo(404);

            HttpResponse<Buffer> created = create(api, "province", document("tan-lap"));
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            assertThat(created.getHeader("Location")).isEqualTo("/api/v1/admin/sites/tan-lap");
            assertThat(created.bodyAsJsonObject().getLong("version")).isEqualTo(1L);
            assertThat(created.bodyAsJsonObject().getString("savedBy")).isEqualTo("province");

            JsonObject site = api.send(HttpMethod.GET, "/api/v1/sites/tan-lap", null, null)
                    .bodyAsJsonObject();
            assertThat(site.getString("name")).isEqualTo("Bộ phận Một cửa xã Tân Lập");
            HttpResponse<Buffer> ticket = api.send(
                    HttpMethod.POST,
                    "/api/v1/sites/tan-lap/tickets",
                    "province",
                    new JsonObject().put("service", "A").encode());
            assertThat(ticket.statusCode()).as(ticket.bodyAsString()).isEqualTo(201);
            assertThat(ticket.bodyAsJsonObject().getString("number")).isEqualTo("A001");
            assertThat(api.send(HttpMethod.GET, "/api/v1/admin/sites/tan-lap", "province", null)
                            .bodyAsJsonObject()
                            .getLong("version"))
                    .isEqualTo(1L);
            assertThat(api.send(HttpMethod.GET, "/api/v1/admin/sites/tan-lap", "admin-north", null)
                            .statusCode())
                    .isEqualTo(403);

            HttpResponse<Buffer> again = create(api, "province", document("tan-lap"));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("CONFLICT");
            assertThat(again.bodyAsJsonObject().getString("field")).isEqualTo("code");
            assertThat(create(api, "province", document("north")).statusCode()).isEqualTo(409);
        }
    }
}
