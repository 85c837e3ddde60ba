package org.xephang.bench.issue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What {@code bench issue} checks after its runs: no number acknowledged twice, every request answered 2xx. */
final class IssueChecks {

    private IssueChecks() {}

    /** What failed the checks (empty when the run is clean): duplicates acknowledged, requests not answered 2xx. */
    static List<String> checkFailures(JsonObject duplicates, JsonObject failed) {
        List<String> problems = new ArrayList<>();
        if (duplicates.getInteger("duplicateIds") != 0 || duplicates.getInteger("duplicateNumbers") != 0) {
            problems.add("duplicate tickets were acknowledged " + duplicates.encode());
        }
        long failures = failed.getLong("count");
        if (failures > 0) {
            problems.add(failures + " issue request(s) were not answered 2xx "
                    + failed.getJsonObject("byError").encode() + "; every request must succeed");
        }
        return problems;
    }

    /** The requests of every run (warm-up included) that were not answered 2xx: how many, and by error code. */
    static JsonObject failedRequests(JsonArray runs) {
        JsonObject byError = new JsonObject();
        long count = 0;
        for (int i = 0; i < runs.size(); i++) {
            JsonObject errors = runs.getJsonObject(i).getJsonObject("errors");
            for (String code : errors.fieldNames()) {
                long n = errors.getLong(code);
                byError.put(code, byError.getLong(code, 0L) + n);
                count += n;
            }
        }
        return new JsonObject().put("count", count).put("byError", byError);
    }

    static JsonObject duplicates(Iterable<JsonObject> tickets) {
        Set<String> ids = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        int count = 0;
        int duplicateIds = 0;
        int duplicateNumbers = 0;
        JsonArray examples = new JsonArray();
        for (JsonObject ticket : tickets) {
            count++;
            if (!ids.add(ticket.getString("id"))) {
                duplicateIds++;
                if (examples.size() < 10) {
                    examples.add("id " + ticket.getString("id"));
                }
            }
            String number = ticket.getString("site") + "/" + ticket.getString("number");
            if (!numbers.add(number)) {
                duplicateNumbers++;
                if (examples.size() < 10) {
                    examples.add("number " + number);
                }
            }
        }
        return new JsonObject()
                .put("acknowledged", count)
                .put("duplicateIds", duplicateIds)
                .put("duplicateNumbers", duplicateNumbers)
                .put("examples", examples);
    }
}
