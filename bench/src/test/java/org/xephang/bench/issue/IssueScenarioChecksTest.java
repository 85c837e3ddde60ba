package org.xephang.bench.issue;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class IssueScenarioChecksTest {

    static final JsonObject NO_DUPLICATES = IssueChecks.duplicates(List.of(
            new JsonObject().put("id", "a").put("site", "s1").put("number", "A001"),
            new JsonObject().put("id", "b").put("site", "s1").put("number", "A002")));

    static JsonArray runs(JsonObject... errors) {
        JsonArray runs = new JsonArray();
        for (JsonObject e : errors) {
            runs.add(new JsonObject().put("kiosks", runs.size() + 1).put("errors", e));
        }
        return runs;
    }

    @Test
    void failedRequestsAreSummedOverEveryRunByErrorCode() {
        JsonObject failed = IssueChecks.failedRequests(runs(
                new JsonObject().put("UNAVAILABLE", 2L),
                new JsonObject().put("UNAVAILABLE", 1L).put("TimeoutException", 4L)));

        assertThat(failed.getLong("count")).isEqualTo(7);
        assertThat(failed.getJsonObject("byError"))
                .isEqualTo(new JsonObject().put("UNAVAILABLE", 3L).put("TimeoutException", 4L));
    }

    @Test
    void aRunWithoutDuplicatesOrFailedRequestsPassesItsChecks() {
        JsonObject failed = IssueChecks.failedRequests(runs(new JsonObject(), new JsonObject()));

        assertThat(IssueChecks.checkFailures(NO_DUPLICATES, failed)).isEmpty();
    }

    @Test
    void anyFailedRequestFailsTheChecksAndSaysHowMany() {
        JsonObject failed = IssueChecks.failedRequests(runs(new JsonObject(), new JsonObject().put("INTERNAL", 1L)));

        assertThat(IssueChecks.checkFailures(NO_DUPLICATES, failed))
                .singleElement()
                .asString()
                .startsWith("1 issue request(s) were not answered 2xx")
                .contains("INTERNAL");
    }

    @Test
    void aDuplicateNumberFailsTheChecks() {
        JsonObject duplicates = IssueChecks.duplicates(List.of(
                new JsonObject().put("id", "a").put("site", "s1").put("number", "A001"),
                new JsonObject().put("id", "b").put("site", "s1").put("number", "A001")));

        assertThat(IssueChecks.checkFailures(duplicates, IssueChecks.failedRequests(runs())))
                .singleElement()
                .asString()
                .startsWith("duplicate tickets");
    }
}
