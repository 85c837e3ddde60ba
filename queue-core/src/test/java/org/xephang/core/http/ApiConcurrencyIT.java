package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.QueueSnapshot;

/** Many clients at once through the real HTTP server and SQLite: numbering and call-next stay exact. */
class ApiConcurrencyIT {

    private static final int CLIENTS = 64;
    private static final int TICKETS_PER_CLIENT = 6;
    private static final int COUNTERS = 16;

    @Test
    void sixtyFourClientsIssuingInParallelGetUniqueGapFreeNumbersPerService(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir)) {
            String token = api.token("kiosk1");
            List<Future<HttpResponse<Buffer>>> issues = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                for (int i = 0; i < TICKETS_PER_CLIENT; i++) {
                    String service = (client + i) % 2 == 0 ? "A" : "B";
                    issues.add(api.http
                            .post("/api/v1/sites/demo/tickets")
                            .putHeader("Authorization", "Bearer " + token)
                            .putHeader("Idempotency-Key", "client" + client + "-" + i)
                            .sendJsonObject(new JsonObject().put("service", service)));
                }
            }
            List<JsonObject> tickets = issues.stream()
                    .map(TestApi::await)
                    .peek(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201))
                    .map(HttpResponse::bodyAsJsonObject)
                    .toList();

            Map<String, List<Integer>> numbersByService = new TreeMap<>();
            for (JsonObject ticket : tickets) {
                numbersByService
                        .computeIfAbsent(ticket.getString("service"), s -> new ArrayList<>())
                        .add(Integer.parseInt(ticket.getString("number").substring(1)));
            }
            int perService = CLIENTS * TICKETS_PER_CLIENT / 2;
            assertThat(numbersByService).containsOnlyKeys("A", "B");
            numbersByService.forEach((service, numbers) -> assertThat(
                            numbers.stream().sorted().toList())
                    .as("numbers of service %s", service)
                    .isEqualTo(IntStream.rangeClosed(1, perService).boxed().toList()));
            assertThat(tickets.stream().map(t -> t.getString("id")).distinct()).hasSize(tickets.size());
        }
    }

    @Test
    void sixteenCountersCallingNextInParallelEachGetOneDistinctTicketAndEveryTicketIsCalledOnce(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir)) {
            int ticketCount = 40;
            Set<String> issued = new HashSet<>();
            for (int i = 0; i < ticketCount; i++) {
                issued.add(api.issue("A").getString("id"));
            }
            IntStream.rangeClosed(1, COUNTERS).forEach(api::signIn);
            Map<String, Integer> calledBy = new TreeMap<>();
            int rounds = 0;
            while (calledBy.size() < ticketCount) {
                rounds++;
                List<Future<HttpResponse<Buffer>>> calls = IntStream.rangeClosed(1, COUNTERS)
                        .mapToObj(counter -> api.http
                                .post("/api/v1/sites/demo/counters/" + counter + "/call-next")
                                .putHeader("Authorization", "Bearer " + api.token("officer" + counter))
                                .send())
                        .toList();
                Map<Integer, String> heldNow = new TreeMap<>();
                for (int counter = 1; counter <= COUNTERS; counter++) {
                    HttpResponse<Buffer> response = TestApi.await(calls.get(counter - 1));
                    if (response.statusCode() == 204) {
                        continue;
                    }
                    assertThat(response.statusCode())
                            .as(response.bodyAsString())
                            .isEqualTo(200);
                    JsonObject ticket = response.bodyAsJsonObject();
                    assertThat(ticket.getInteger("counter")).isEqualTo(counter);
                    Integer previous = calledBy.put(ticket.getString("id"), counter);
                    assertThat(previous)
                            .as("ticket %s called twice", ticket.getString("number"))
                            .isNull();
                    heldNow.put(counter, ticket.getString("id"));
                }
                assertHeldTicketsMatch(api.engine.snapshot(TestApi.SITE), heldNow);
                // Each counter finishes its ticket before the next round.
                heldNow.forEach((counter, id) -> assertThat(api.send(
                                        io.vertx.core.http.HttpMethod.POST,
                                        "/api/v1/tickets/" + id + "/complete",
                                        "officer" + counter,
                                        null)
                                .statusCode())
                        .isEqualTo(200));
                assertThat(rounds).as("rounds").isLessThanOrEqualTo(ticketCount);
            }
            assertThat(calledBy.keySet()).isEqualTo(issued);
            HttpResponse<Buffer> empty = api.send(
                    io.vertx.core.http.HttpMethod.POST, "/api/v1/sites/demo/counters/1/call-next", "officer1", null);
            assertThat(empty.statusCode()).isEqualTo(204);
        }
    }

    /** Each counter holds at most one ticket, and it is the one its call-next returned. */
    private static void assertHeldTicketsMatch(QueueSnapshot snapshot, Map<Integer, String> heldNow) {
        Map<Integer, String> held = snapshot.counters().stream()
                .filter(c -> c.ticket() != null)
                .collect(Collectors.toMap(
                        QueueSnapshot.CounterView::number, c -> c.ticket().id()));
        assertThat(held).isEqualTo(heldNow);
    }
}
