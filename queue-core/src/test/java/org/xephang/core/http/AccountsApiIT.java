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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts API of issue #14 over two sites ({@code /http/two-sites.yaml}: a province administrator, a site
 * administrator of north, staff and devices of each site): list, create, change, disable, reset and change one's own
 * password, with a province administrator's and a site administrator's reach, the last province administrator kept,
 * and every bad field named.
 */
@Timeout(120)
class AccountsApiIT {

    private static final String ACCOUNTS = "/api/v1/admin/accounts";
    private static final String STRONG = "Hoa-sen-2026";

    @TempDir
    Path dataDir;

    @Test
    void aProvinceAdministratorCreatesListsAndChangesAccountsAndNeverSeesAHash() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            HttpResponse<Buffer> created = post(
                    api,
                    "province",
                    new JsonObject()
                            .put("username", "cb-lan")
                            .put("role", "OFFICER")
                            .put("displayName", "Nguyễn Thị Lan")
                            .put("sites", new JsonArray(List.of("north")))
                            .put("counters", new JsonArray(List.of(1)))
                            .put("password", STRONG));
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            JsonObject account = created.bodyAsJsonObject();
            assertThat(account.getString("username")).isEqualTo("cb-lan");
            assertThat(account.getString("role")).isEqualTo("OFFICER");
            assertThat(account.getString("displayName")).isEqualTo("Nguyễn Thị Lan");
            assertThat(account.getJsonArray("sites")).containsExactly("north");
            assertThat(account.getJsonArray("counters")).containsExactly(1);
            assertThat(account.getBoolean("disabled")).isFalse();
            assertThat(account.containsKey("lastSignInAt")).isTrue();
            assertThat(account.containsKey("password")).isFalse();
            assertThat(created.bodyAsString()).doesNotContain("$2");

            // the new officer signs in at once, at its counter
            assertThat(login(api, "cb-lan", STRONG).statusCode()).isEqualTo(200);

            JsonArray all = list(api, "province", "");
            assertThat(names(all)).contains("province", "admin-north", "officer-south", "cb-lan");
            assertThat(all.encode()).doesNotContain("$2").doesNotContain("passwordHash");
            JsonObject province = find(all, "province");
            assertThat(province.getString("lastSignInAt")).isNotNull();
            assertThat(find(all, "officer-south").getValue("lastSignInAt")).isNull();

            assertThat(names(list(api, "province", "?site=north")))
                    .contains("cb-lan", "officer-north", "province")
                    .doesNotContain("officer-south");

            HttpResponse<Buffer> again = post(
                    api,
                    "province",
                    new JsonObject()
                            .put("username", "cb-lan")
                            .put("role", "OFFICER")
                            .put("sites", new JsonArray(List.of("north")))
                            .put("password", STRONG));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.bodyAsJsonObject().getString("error")).isEqualTo("ACCOUNT_EXISTS");

            HttpResponse<Buffer> changed = patch(
                    api,
                    "province",
                    "cb-lan",
                    new JsonObject().put("role", "SUPERVISOR").put("displayName", "Nguyễn Thị Lan (tổ trưởng)"));
            assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
            assertThat(changed.bodyAsJsonObject().getString("role")).isEqualTo("SUPERVISOR");
            assertThat(changed.bodyAsJsonObject().getJsonArray("counters")).isEmpty();

            assertThat(patch(api, "province", "nobody", new JsonObject().put("disabled", true))
                            .statusCode())
                    .isEqualTo(404);
            assertThat(api.send(HttpMethod.GET, ACCOUNTS, "supervisor-north", null)
                            .statusCode())
                    .isEqualTo(403);
            assertThat(api.send(HttpMethod.GET, ACCOUNTS, null, null).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void aDeviceAccountWithoutAPasswordGetsOneShownOnce() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            HttpResponse<Buffer> created = post(
                    api,
                    "admin-north",
                    new JsonObject()
                            .put("username", "kiosk-north-2")
                            .put("role", "KIOSK")
                            .put("sites", new JsonArray(List.of("north"))));
            assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
            String password = created.bodyAsJsonObject().getString("password");
            assertThat(password).hasSize(16);
            assertThat(login(api, "kiosk-north-2", password).statusCode()).isEqualTo(200);
            JsonObject listed = find(list(api, "admin-north", ""), "kiosk-north-2");
            assertThat(listed.containsKey("password")).isFalse();
        }
    }

    @Test
    void aSiteAdministratorActsOnlyOnAccountsOfItsSites() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            assertThat(names(list(api, "admin-north", "")))
                    .contains("officer-north", "admin-north")
                    .doesNotContain("province", "officer-south");
            assertThat(api.send(HttpMethod.GET, ACCOUNTS + "?site=south", "admin-north", null)
                            .statusCode())
                    .isEqualTo(403);

            HttpResponse<Buffer> southAdmin = post(
                    api,
                    "admin-north",
                    new JsonObject()
                            .put("username", "admin-south")
                            .put("role", "ADMIN")
                            .put("sites", new JsonArray(List.of("south")))
                            .put("password", STRONG));
            assertThat(southAdmin.statusCode()).isEqualTo(403);
            HttpResponse<Buffer> provinceAdmin = post(
                    api,
                    "admin-north",
                    new JsonObject()
                            .put("username", "tinh-2")
                            .put("role", "ADMIN")
                            .put("sites", new JsonArray())
                            .put("password", STRONG));
            assertThat(provinceAdmin.statusCode()).isEqualTo(403);
            assertThat(patch(api, "admin-north", "officer-south", new JsonObject().put("disabled", true))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(patch(
                                    api,
                                    "admin-north",
                                    "officer-north",
                                    new JsonObject().put("sites", new JsonArray(List.of("south"))))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(patch(api, "admin-north", "province", new JsonObject().put("disabled", true))
                            .statusCode())
                    .isEqualTo(403);

            HttpResponse<Buffer> northAdmin = post(
                    api,
                    "admin-north",
                    new JsonObject()
                            .put("username", "admin-north-2")
                            .put("role", "ADMIN")
                            .put("sites", new JsonArray(List.of("north")))
                            .put("password", STRONG));
            assertThat(northAdmin.statusCode()).as(northAdmin.bodyAsString()).isEqualTo(201);
        }
    }

    @Test
    void everyBadFieldIsNamedInVietnameseAndNothingIsCreated() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            JsonObject good = new JsonObject()
                    .put("username", "cb-moi")
                    .put("role", "OFFICER")
                    .put("sites", new JsonArray(List.of("north")))
                    .put("password", STRONG);
            assertField(post(api, "province", good.copy().put("username", "có dấu")), "username");
            assertField(post(api, "province", good.copy().put("role", "BOSS")), "role");
            assertField(post(api, "province", good.copy().put("sites", new JsonArray(List.of("west")))), "sites");
            assertField(post(api, "province", good.copy().put("sites", new JsonArray())), "sites");
            assertField(post(api, "province", good.copy().put("counters", new JsonArray(List.of(99)))), "counters");
            assertField(post(api, "province", good.copy().put("counters", "1")), "counters");
            assertField(post(api, "province", good.copy().put("password", "ngan")), "password");
            assertField(post(api, "province", good.copy().put("password", "cb-moi-2026x")), "password");
            assertField(post(api, "province", without(good, "password")), "password");
            assertField(
                    post(api, "province", good.copy().put("role", "KIOSK").put("counters", new JsonArray(List.of(1)))),
                    "counters");
            assertField(post(api, "province", good.copy().put("passwordHash", "$2a$10$x")), "passwordHash");
            assertField(post(api, "province", good.copy().put("displayName", "Lan\u0000\u001b[2J")), "displayName");
            assertField(
                    patch(api, "province", "officer-north", new JsonObject().put("displayName", "Lan\nadmin")),
                    "displayName");
            assertField(patch(api, "province", "officer-north", new JsonObject().put("disabled", "yes")), "disabled");
            assertThat(names(list(api, "province", ""))).doesNotContain("cb-moi");

            HttpResponse<Buffer> malformed = api.send(HttpMethod.POST, ACCOUNTS, "province", "{\"username\":");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_JSON");
        }
    }

    @Test
    void theLastEnabledProvinceAdministratorCanBeNeitherDisabledNorDemoted() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            HttpResponse<Buffer> disabled = patch(api, "province", "province", new JsonObject().put("disabled", true));
            assertThat(disabled.statusCode()).isEqualTo(409);
            assertThat(disabled.bodyAsJsonObject().getString("error")).isEqualTo("LAST_ADMIN");
            HttpResponse<Buffer> demoted =
                    patch(api, "province", "province", new JsonObject().put("sites", new JsonArray(List.of("north"))));
            assertThat(demoted.bodyAsJsonObject().getString("error")).isEqualTo("LAST_ADMIN");
            assertThat(login(api, "province", TestApi.PASSWORD).statusCode()).isEqualTo(200);

            assertThat(post(
                                    api,
                                    "province",
                                    new JsonObject()
                                            .put("username", "tinh-2")
                                            .put("role", "ADMIN")
                                            .put("sites", new JsonArray())
                                            .put("password", STRONG))
                            .statusCode())
                    .isEqualTo(201);
            assertThat(patch(api, "province", "province", new JsonObject().put("disabled", true))
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aDisabledAccountsTokenFailsWithinFiveSecondsAndItCannotSignIn() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            String token = loginToken(api, "officer-north", TestApi.PASSWORD);
            assertThat(use(api, token)).isEqualTo(200);

            HttpResponse<Buffer> disabled =
                    patch(api, "province", "officer-north", new JsonObject().put("disabled", true));
            assertThat(disabled.statusCode()).as(disabled.bodyAsString()).isEqualTo(200);
            assertThat(disabled.bodyAsJsonObject().getBoolean("disabled")).isTrue();

            TestApi.eventually(Duration.ofSeconds(5), () -> use(api, token) == 401);
            HttpResponse<Buffer> refused = login(api, "officer-north", TestApi.PASSWORD);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.bodyAsJsonObject().getString("message")).isEqualTo("Sai tên đăng nhập hoặc mật khẩu.");

            // enabled again: it signs in, but the old token stays revoked
            assertThat(patch(api, "province", "officer-north", new JsonObject().put("disabled", false))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(use(api, token)).isEqualTo(401);
            assertThat(login(api, "officer-north", TestApi.PASSWORD).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void aPasswordResetByAnAdministratorRevokesEveryTokenOfTheAccount() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            String token = loginToken(api, "officer-north", TestApi.PASSWORD);
            assertThat(patch(api, "admin-north", "officer-north", new JsonObject().put("password", STRONG))
                            .statusCode())
                    .isEqualTo(200);
            TestApi.eventually(Duration.ofSeconds(5), () -> use(api, token) == 401);
            assertThat(login(api, "officer-north", TestApi.PASSWORD).statusCode())
                    .isEqualTo(401);
            assertThat(login(api, "officer-north", STRONG).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aPersonChangesTheirOwnPasswordAndTheirOtherSessionsEnd() {
        try (TestApi api = TestApi.startWith(dataDir, "/http/two-sites.yaml")) {
            String other = loginToken(api, "officer-north", TestApi.PASSWORD);
            String used = loginToken(api, "officer-north", TestApi.PASSWORD);

            HttpResponse<Buffer> wrong = changePassword(api, used, "sai-mat-khau", STRONG);
            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(wrong.bodyAsJsonObject().getString("field")).isEqualTo("currentPassword");
            HttpResponse<Buffer> weak = changePassword(api, used, TestApi.PASSWORD, "12345");
            assertThat(weak.bodyAsJsonObject().getString("field")).isEqualTo("newPassword");

            assertThat(changePassword(api, used, TestApi.PASSWORD, STRONG).statusCode())
                    .isEqualTo(204);
            assertThat(use(api, used)).isEqualTo(200);
            assertThat(use(api, other)).isEqualTo(401);
            assertThat(login(api, "officer-north", TestApi.PASSWORD).statusCode())
                    .isEqualTo(401);
            assertThat(login(api, "officer-north", STRONG).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void accountsChangedThroughTheApiSurviveARestartAndAreExported() throws Exception {
        try (TestApi api = TestApi.launch(dataDir, org.xephang.core.backend.DossierConfig.none())) {
            assertThat(post(
                                    api,
                                    "admin",
                                    new JsonObject()
                                            .put("username", "cb-moi")
                                            .put("role", "OFFICER")
                                            .put("counters", new JsonArray(List.of(2)))
                                            .put("password", STRONG))
                            .statusCode())
                    .isEqualTo(201);
            assertThat(patch(api, "admin", "officer1", new JsonObject().put("disabled", true))
                            .statusCode())
                    .isEqualTo(200);
        }
        try (TestApi api = TestApi.launch(dataDir, org.xephang.core.backend.DossierConfig.none())) {
            assertThat(login(api, "cb-moi", STRONG).statusCode()).isEqualTo(200);
            assertThat(login(api, "officer1", TestApi.PASSWORD).statusCode()).isEqualTo(401);
            JsonObject officer = find(list(api, "admin", ""), "officer1");
            assertThat(officer.getBoolean("disabled")).isTrue();
            assertThat(officer.getString("lastSignInAt")).isNull();
            assertThat(find(list(api, "admin", ""), "cb-moi").getString("lastSignInAt"))
                    .isNotNull();
        }
        try (org.xephang.core.persistence.Store store = org.xephang.core.persistence.SqliteStore.open(dataDir)) {
            String yaml = org.xephang.core.config.StoredConfiguration.exportYaml(store);
            assertThat(yaml)
                    .contains("username: cb-moi")
                    .contains("disabled: true")
                    .doesNotContain(STRONG);
        }
    }

    static void assertField(HttpResponse<Buffer> answer, String field) {
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(400);
        JsonObject body = answer.bodyAsJsonObject();
        assertThat(body.getString("error")).isEqualTo("VALIDATION");
        assertThat(body.getString("field")).isEqualTo(field);
        assertThat(body.getString("message")).isNotBlank();
    }

    private static JsonObject without(JsonObject json, String key) {
        JsonObject copy = json.copy();
        copy.remove(key);
        return copy;
    }

    static HttpResponse<Buffer> post(TestApi api, String as, JsonObject body) {
        return api.send(HttpMethod.POST, ACCOUNTS, as, body.encode());
    }

    static HttpResponse<Buffer> patch(TestApi api, String as, String username, JsonObject body) {
        return api.send(HttpMethod.PATCH, ACCOUNTS + "/" + username, as, body.encode());
    }

    static JsonArray list(TestApi api, String as, String query) {
        HttpResponse<Buffer> answer = api.send(HttpMethod.GET, ACCOUNTS + query, as, null);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject().getJsonArray("accounts");
    }

    static List<String> names(JsonArray accounts) {
        return accounts.stream()
                .map(a -> ((JsonObject) a).getString("username"))
                .toList();
    }

    static JsonObject find(JsonArray accounts, String username) {
        return accounts.stream()
                .map(JsonObject.class::cast)
                .filter(a -> a.getString("username").equals(username))
                .findFirst()
                .orElseThrow();
    }

    static HttpResponse<Buffer> login(TestApi api, String username, String password) {
        return api.send(
                HttpMethod.POST,
                "/api/v1/auth/login",
                null,
                new JsonObject()
                        .put("username", username)
                        .put("password", password)
                        .encode());
    }

    static String loginToken(TestApi api, String username, String password) {
        HttpResponse<Buffer> answer = login(api, username, password);
        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        return answer.bodyAsJsonObject().getString("token");
    }

    /** 200 while an officer's token of north counts (the waiting list of its site), 401 once it does not. */
    static int use(TestApi api, String token) {
        return TestApi.await(api.http
                        .get("/api/v1/sites/north/waiting")
                        .putHeader("Authorization", "Bearer " + token)
                        .send())
                .statusCode();
    }

    private static HttpResponse<Buffer> changePassword(TestApi api, String token, String current, String next) {
        return TestApi.await(api.http
                .post("/api/v1/auth/password")
                .putHeader("Authorization", "Bearer " + token)
                .sendJsonObject(new JsonObject().put("currentPassword", current).put("newPassword", next)));
    }
}
