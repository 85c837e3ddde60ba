package org.xephang.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.LanAddress;

/** On every interface, the demo's QR codes point at this machine's LAN address, which it prints: phones can open it. */
class DemoLanAddressIT {

    @TempDir
    Path data;

    @Test
    void onEveryInterfaceTheTicketsQrCodesUseTheLanAddressAndTheDemoPrintsIt() throws Exception {
        Optional<String> lan = LanAddress.find();
        assumeTrue(lan.isPresent(), "this machine has no LAN address");
        DemoCentre centre = DemoCentre.start(Path.of("..", "examples", "centre.yaml"), data, "0.0.0.0", 0);
        try {
            StringWriter text = new StringWriter();
            centre.describe(new PrintWriter(text, true));
            String local = text.toString().lines().findFirst().orElseThrow().replace("listening on ", "");
            String phones = local.replace("127.0.0.1", lan.get());
            assertThat(text.toString()).contains("ticket QR:     " + phones + "/t/");

            // The kiosk agent may still be signing in when the demo has just started: the page would try again, as here
            // (the same request id: one ticket).
            JsonObject ticket = null;
            String answer = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (ticket == null && System.nanoTime() < deadline) {
                HttpResponse<String> issued = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(local + "/kiosk/api/tickets"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(10))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"service\":\"C\",\"requestId\":\"lan-it-1\"}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                answer = issued.statusCode() + " " + issued.body();
                ticket = issued.statusCode() < 300 ? new JsonObject(issued.body()).getJsonObject("ticket") : null;
                if (ticket == null) {
                    Thread.sleep(200);
                }
            }
            assertThat(ticket).as("the kiosk's answer: " + answer).isNotNull();
            assertThat(ticket.getString("statusUrl")).startsWith(phones + "/t/");
        } finally {
            centre.close();
        }
    }
}
