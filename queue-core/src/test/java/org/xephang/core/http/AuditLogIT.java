package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.backend.DossierConfig;

/**
 * The audit log of issue #14 item 5 on the server wired as {@code xephang server} wires it: sign-ins (a username that
 * is no account recorded as "unknown"), a site configuration saved (versions and the keys changed), accounts created
 * and changed, tokens revoked; newest first, paged, as CSV for Excel; no password, hash or full name copied in; a site
 * administrator reads only its sites' entries.
 */
@Timeout(120)
class AuditLogIT {

    private static final String AUDIT = "/api/v1/admin/audit";

    @TempDir
    Path dataDir;

    @Test
    void everyAdministrativeChangeAndSignInIsRecordedWithoutPersonalData() {
        try (TestApi api = TestApi.launch(dataDir, DossierConfig.none())) {
            assertThat(AccountsApiIT.login(api, "attacker\nforged-line", "x").statusCode())
                    .isEqualTo(401);
            assertThat(AccountsApiIT.login(api, "officer1", "sai-mat-khau").statusCode())
                    .isEqualTo(401);

            JsonObject stored = api.send(HttpMethod.GET, "/api/v1/admin/sites/demo", "admin", null)
                    .bodyAsJsonObject();
            JsonObject document = stored.getJsonObject("document").copy();
            JsonArray services = document.getJsonArray("services");
            for (int i = 0; i < services.size(); i++) {
                if ("C".equals(services.getJsonObject(i).getString("code"))) {
                    services.getJsonObject(i).put("dailyCap", 5);
                }
            }
            HttpResponse<Buffer> saved = api.send(
                    HttpMethod.PUT,
                    "/api/v1/admin/sites/demo",
                    "admin",
                    new JsonObject().put("version", 1).put("document", document).encode());
            assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);

            assertThat(AccountsApiIT.post(
                                    api,
                                    "admin",
                                    new JsonObject()
                                            .put("username", "cb-hoa")
                                            .put("role", "OFFICER")
                                            .put("displayName", "Lê Thị Hoa")
                                            .put("counters", new JsonArray(List.of(3)))
                                            .put("password", "Hoa-sen-2026"))
                            .statusCode())
                    .isEqualTo(201);
            assertThat(AccountsApiIT.patch(api, "admin", "cb-hoa", new JsonObject().put("disabled", true))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(api.send(HttpMethod.POST, "/api/v1/accounts/kiosk1/revoke-tokens", "admin", null)
                            .statusCode())
                    .isEqualTo(204);

            JsonArray entries = auditEventually(api, "admin", "", 6);
            List<String> actions = entries.stream()
                    .map(e -> ((JsonObject) e).getString("action"))
                    .toList();
            assertThat(actions.subList(0, 4))
                    .containsExactly("tokens.revoke", "account.update", "account.create", "site.update");
            assertThat(actions).contains("sign-in", "sign-in.failed");
            List<Long> ids =
                    entries.stream().map(e -> ((JsonObject) e).getLong("id")).toList();
            assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));

            JsonObject siteUpdate = entry(entries, "site.update");
            assertThat(siteUpdate.getString("actor")).isEqualTo("admin");
            assertThat(siteUpdate.getString("client")).isEqualTo("127.0.0.1");
            assertThat(siteUpdate.getJsonArray("sites")).containsExactly("demo");
            assertThat(siteUpdate.getJsonObject("detail").getLong("fromVersion"))
                    .isEqualTo(1L);
            assertThat(siteUpdate.getJsonObject("detail").getLong("toVersion")).isEqualTo(2L);
            assertThat(siteUpdate.getJsonObject("detail").getJsonArray("changed"))
                    .containsExactly("services[C].dailyCap");
            assertThat(siteUpdate.getString("at")).endsWith("+07:00");

            JsonObject update = entry(entries, "account.update");
            assertThat(update.getString("target")).isEqualTo("cb-hoa");
            assertThat(update.getJsonObject("detail").getJsonArray("changed")).containsExactly("disabled");

            List<String> failedActors = entries.stream()
                    .map(JsonObject.class::cast)
                    .filter(e -> e.getString("action").equals("sign-in.failed"))
                    .map(e -> e.getString("actor"))
                    .toList();
            assertThat(failedActors).containsExactlyInAnyOrder("unknown", "officer1");

            String body = entries.encode();
            assertThat(body)
                    .doesNotContain("attacker")
                    .doesNotContain("forged")
                    .doesNotContain("$2a$")
                    .doesNotContain("Hoa-sen-2026")
                    .doesNotContain("sai-mat-khau")
                    .doesNotContain("Lê Thị Hoa");

            // pages
            JsonObject first = audit(api, "admin", "?limit=2");
            assertThat(first.getJsonArray("entries")).hasSize(2);
            long next = first.getLong("nextBefore");
            JsonObject second = audit(api, "admin", "?limit=2&before=" + next);
            assertThat(second.getJsonArray("entries").getJsonObject(0).getLong("id"))
                    .isLessThan(next);
            assertThat(second.getJsonArray("entries").getJsonObject(0).getString("action"))
                    .isEqualTo("account.create");

            // days of the site
            LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1);
            assertThat(audit(api, "admin", "?from=" + tomorrow).getJsonArray("entries"))
                    .isEmpty();
            assertThat(audit(api, "admin", "?to=" + tomorrow).getJsonArray("entries"))
                    .isNotEmpty();
            HttpResponse<Buffer> badDay = api.send(HttpMethod.GET, AUDIT + "?from=hôm-qua", "admin", null);
            AccountsApiIT.assertField(badDay, "from");

            // CSV for Excel
            HttpResponse<Buffer> csv = api.send(HttpMethod.GET, AUDIT + "?format=csv", "admin", null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
            byte[] bytes = csv.body().getBytes();
            assertThat(new byte[] {bytes[0], bytes[1], bytes[2]})
                    .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
            String text = csv.bodyAsString("UTF-8");
            assertThat(text).contains("site.update").contains("services[C].dailyCap");
            assertThat(text.lines().count()).isEqualTo(1 + entries.size());

            assertThat(api.send(HttpMethod.GET, AUDIT, "supervisor", null).statusCode())
                    .isEqualTo(403);
        }
    }

    @Test
    void aSiteAdministratorReadsOnlyTheEntriesOfItsSites() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            AccountsApiIT.loginToken(api, "officer-north", TestApi.PASSWORD);
            AccountsApiIT.loginToken(api, "officer-south", TestApi.PASSWORD);
            auditEventually(api, "province", "", 3);

            JsonArray north = audit(api, "admin-north", "").getJsonArray("entries");
            List<String> actors =
                    north.stream().map(e -> ((JsonObject) e).getString("actor")).toList();
            assertThat(actors).contains("officer-north").doesNotContain("officer-south", "province");
            assertThat(api.send(HttpMethod.GET, AUDIT + "?site=south", "admin-north", null)
                            .statusCode())
                    .isEqualTo(403);
            List<String> all = audit(api, "province", "?site=south").getJsonArray("entries").stream()
                    .map(e -> ((JsonObject) e).getString("actor"))
                    .toList();
            assertThat(all).contains("officer-south").doesNotContain("officer-north");
        }
    }

    private static JsonObject entry(JsonArray entries, String action) {
        return entries.stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("action").equals(action))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject audit(TestApi api, String as, String query) {
        HttpResponse<Buffer> answer = api.send(HttpMethod.GET, AUDIT + query, as, null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject();
    }

    /** The log once it holds at least {@code count} entries (sign-ins are written after the answer). */
    private static JsonArray auditEventually(TestApi api, String as, String query, int count) {
        TestApi.eventually(
                Duration.ofSeconds(10),
                () -> audit(api, as, query).getJsonArray("entries").size() >= count);
        return audit(api, as, query).getJsonArray("entries");
    }
}
