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
import java.util.regex.Pattern;
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
            assertThat(text.toString()).containsPattern("ticket QR: +" + Pattern.quote(phones + "/t/"));

            // The demo is ready only once its kiosk's link to the server is up: the first tap gives a ticket (it once
            // did not, when the demo said it was ready before the kiosk had reached the server).
            HttpResponse<String> issued = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(local + "/kiosk/api/tickets"))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(10))
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"service\":\"C\",\"requestId\":\"lan-it-1\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String answer = issued.statusCode() + " " + issued.body();
            assertThat(issued.statusCode()).as("the kiosk's answer: " + answer).isEqualTo(201);
            JsonObject ticket = new JsonObject(issued.body()).getJsonObject("ticket");
            assertThat(ticket).as("the kiosk's answer: " + answer).isNotNull();
            assertThat(ticket.getString("statusUrl")).startsWith(phones + "/t/");
        } finally {
            centre.close();
        }
    }
}
