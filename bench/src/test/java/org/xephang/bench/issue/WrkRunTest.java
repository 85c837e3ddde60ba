package org.xephang.bench.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WrkRunTest {

    static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:41231
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     5.12ms    2.01ms  40.11ms   80.00%
            wrk-result {"requests":50000,"seconds":10.0,"p50Micros":4800,"p90Micros":7100,"p99Micros":12000,\
            "maxMicros":40110,"socketErrors":0,"byStatus":{"201":49990,"503":10}}
            """;

    @Test
    void theScriptsResultLineIsReadAndEveryAnswerThatIsNot2xxCountsAsAFailure() throws IOException {
        JsonObject result = WrkRun.parse(OUTPUT);

        assertThat(result.getLong("requests")).isEqualTo(50_000);
        assertThat(WrkRun.failures(result)).isEqualTo(10);
        assertThat(WrkRun.succeeded(result))
                .as("tickets issued, held by the server")
                .isEqualTo(49_990);
        assertThat(WrkRun.line(result)).contains("5,000 issues/s").contains("p99 12.0 ms");
    }

    @Test
    void socketErrorsAreFailuresToo() throws IOException {
        JsonObject result =
                WrkRun.parse("wrk-result {\"requests\":3,\"seconds\":1,\"socketErrors\":2,\"byStatus\":{\"201\":3}}\n");

        assertThat(WrkRun.failures(result)).isEqualTo(2);
    }

    @Test
    void outputWithoutTheResultLineIsAnErrorThatShowsWhatWrkPrinted() {
        assertThatThrownBy(() -> WrkRun.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Connection refused");
    }
}
