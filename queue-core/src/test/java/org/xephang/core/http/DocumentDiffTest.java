package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The keys a site configuration save changed, for the audit log: paths only, list items by code or number. */
class DocumentDiffTest {

    @Test
    void changedKeysAreNamedByPathWithListItemsByTheirCodeOrNumber() {
        JsonObject before = new JsonObject("""
                {"code":"demo","name":"Trung tâm","services":[{"code":"A","dailyCap":2},{"code":"C"}],
                 "counters":[{"number":1,"name":"Quầy 1","services":["A"]}],"holidays":["2026-09-02"]}""");
        JsonObject after = new JsonObject("""
                {"code":"demo","name":"Trung tâm","services":[{"code":"A","dailyCap":3},{"code":"D"}],
                 "counters":[{"number":1,"name":"Quầy một","services":["A","D"]}],"holidays":[],"notice":"x"}""");

        assertThat(DocumentDiff.changedPaths(before.getMap(), after.getMap()))
                .containsExactly(
                        "services[A].dailyCap",
                        "services[C]",
                        "services[D]",
                        "counters[1].name",
                        "counters[1].services",
                        "holidays",
                        "notice");
        assertThat(DocumentDiff.changedPaths(before.getMap(), before.copy().getMap()))
                .isEmpty();
    }
}
