package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.QueueClient;
import org.xephang.api.SiteStatistics;
import org.xephang.api.SiteStatistics.Figures;

/** {@code GET /api/v1/sites/{site}/stats} on a real server and SQLite: what managers read after a morning's work. */
class StatisticsIT {

    @TempDir
    Path dataDir;

    TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start(dataDir);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private JsonObject post(String path, String user, JsonObject body) {
        HttpResponse<Buffer> response = api.send(HttpMethod.POST, path, user, body == null ? null : body.encode());
        assertThat(response.statusCode())
                .as(path + " " + response.bodyAsString())
                .isBetween(200, 204);
        return response.statusCode() == 204 ? null : response.bodyAsJsonObject();
    }

    @Test
    void aServedRatedTicketAndANoShowAppearInTheTotalsAndTheirGroups() {
        api.signIn(1);
        String served = api.issue("A").getString("id");
        api.issue("B");
        post("/api/v1/sites/demo/counters/1/call-next", "officer1", null);
        post("/api/v1/tickets/" + served + "/start", "officer1", null);
        post("/api/v1/tickets/" + served + "/complete", "officer1", null);
        post(
                "/api/v1/tickets/" + served + "/rating",
                "officer1",
                new JsonObject().put("level", 1).put("scale", 5));
        JsonObject absent = post("/api/v1/sites/demo/counters/1/call-next", "officer1", null);
        post("/api/v1/tickets/" + absent.getString("id") + "/no-show", "officer1", null);

        HttpResponse<Buffer> answer = api.send(HttpMethod.GET, "/api/v1/sites/demo/stats", "supervisor", null);

        assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
        SiteStatistics stats = SiteStatistics.fromJson(answer.bodyAsJsonObject());
        assertThat(stats.from()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")));
        Figures totals = stats.totals();
        assertThat(totals.issued()).isEqualTo(2);
        assertThat(totals.served()).isEqualTo(1);
        assertThat(totals.noShow()).isEqualTo(1);
        assertThat(totals.noShowRate()).isEqualTo(0.5);
        assertThat(totals.waitSeconds().count()).isEqualTo(2);
        assertThat(totals.serviceSeconds().count()).isEqualTo(1);
        assertThat(totals.ratings().veryHappy()).isEqualTo(1);
        assertThat(stats.byService()).extracting(g -> g.key()).containsExactly("A", "B");
        assertThat(stats.byCounter()).singleElement().satisfies(g -> {
            assertThat(g.key()).isEqualTo("1");
            assertThat(g.figures().served()).isEqualTo(1);
        });
        assertThat(stats.byOfficer()).extracting(g -> g.key()).containsExactly("officer1");
    }

    @Test
    void daysOutOfOrderOrNotDatesAreRefusedClearly() {
        HttpResponse<Buffer> backwards =
                api.send(HttpMethod.GET, "/api/v1/sites/demo/stats?from=2026-12-06&to=2026-12-01", "supervisor", null);
        HttpResponse<Buffer> garbled =
                api.send(HttpMethod.GET, "/api/v1/sites/demo/stats?from=06/12/2026", "supervisor", null);
        HttpResponse<Buffer> tooLong =
                api.send(HttpMethod.GET, "/api/v1/sites/demo/stats?from=2024-01-01&to=2026-01-01", "admin", null);

        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.bodyAsJsonObject().getString("error")).isEqualTo("INVALID_REQUEST");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.bodyAsJsonObject().getString("message")).contains("from", "YYYY-MM-DD");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.bodyAsJsonObject().getString("message")).contains("366");
    }

    @Test
    void theTypedClientReadsTheSameReport() {
        api.issue("B");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        try (QueueClient supervisor = api.client()) {
            TestApi.await(supervisor.login("supervisor", TestApi.PASSWORD));

            SiteStatistics stats = TestApi.await(supervisor.statistics("demo", today.minusDays(6), today));

            assertThat(stats.from()).isEqualTo(today.minusDays(6));
            assertThat(stats.totals().issued()).isEqualTo(1);
            assertThat(stats.byDay()).extracting(g -> g.key()).containsExactly(today.toString());
        }
    }

    @Test
    void officersDoNotReadTheStatistics() {
        HttpResponse<Buffer> refused = api.send(HttpMethod.GET, "/api/v1/sites/demo/stats", "officer1", null);

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void theManagersPageIsServed() {
        HttpResponse<Buffer> page = api.send(HttpMethod.GET, "/stats/", null, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("Thống kê", "stats.js", "/assets/uplot/uPlot.iife.min.js");
        HttpResponse<Buffer> script = api.send(HttpMethod.GET, "/stats/stats.js", null, null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.bodyAsString()).contains("/api/v1/sites/");
        HttpResponse<Buffer> charts = api.send(HttpMethod.GET, "/assets/uplot/uPlot.iife.min.js", null, null);
        assertThat(charts.statusCode()).isEqualTo(200);
        assertThat(charts.getHeader("Content-Type")).contains("javascript");
    }
}
