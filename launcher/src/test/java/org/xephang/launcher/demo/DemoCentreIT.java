package org.xephang.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCentreIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "centre.yaml");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path data;

    static DemoCentre centre;
    static String described;

    @BeforeAll
    static void startTheDemo() throws Exception {
        centre = DemoCentre.start(EXAMPLE, data, "127.0.0.1", 0);
        StringWriter text = new StringWriter();
        centre.describe(new PrintWriter(text, true));
        described = text.toString();
    }

    @AfterAll
    static void stopTheDemo() {
        if (centre != null) {
            centre.close();
        }
    }

    @Test
    void everyPageTheDemoPrintsIsServed() throws Exception {
        Matcher urls = Pattern.compile(
                        "http://127\\.0\\.0\\.1:\\d+/"
                                + "(kiosk|board|counter|devices|stats|supervisor|admin|dat-lich|dat-lich/can-bo|api/docs)/(?=[\\s?])")
                .matcher(described);
        List<String> pages = urls.results().map(m -> m.group()).toList();

        assertThat(pages).hasSize(10);
        for (String page : pages) {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).containsIgnoringCase("<html");
        }
    }

    @Test
    void everyAddressTheDemoPrintsAnswers() throws Exception {
        List<String> addresses = Pattern.compile("http://127\\.0\\.0\\.1:\\d+[^\\s…]*")
                .matcher(described)
                .results()
                .map(m -> m.group())
                .filter(address -> !address.endsWith("/t/")) // the QR codes' pattern, /t/{ticket}
                .toList();

        assertThat(addresses).hasSizeGreaterThan(12);
        for (String address : addresses) {
            HttpResponse<String> response = get(address);
            assertThat(response.statusCode()).as(address).isEqualTo(200);
        }
    }

    @Test
    void anOfficerSignsInOnTheCounterPageAtACounterTheAdministratorAddedWithoutARestart() throws Exception {
        String base = baseUrl();
        String admin = signIn(base, "admin", "demo");
        JsonObject stored = new JsonObject(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/sites/demo"))
                        .header("Authorization", "Bearer " + admin)
                        .GET())
                .body());
        JsonObject document = stored.getJsonObject("document");
        document.getJsonArray("counters")
                .add(new JsonObject()
                        .put("number", 12)
                        .put("name", "Quầy 12 – Hộ tịch")
                        .put("services", new JsonArray().add("C")));
        HttpResponse<String> saved = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/sites/demo"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("version", stored.getLong("version"))
                        .put("document", document)
                        .encode())));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        HttpResponse<String> account = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/accounts"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("username", "cb-quay12")
                        .put("role", "OFFICER")
                        .put("sites", new JsonArray().add("demo"))
                        .put("counters", new JsonArray().add(12))
                        .put("password", "XepHang2026quay12")
                        .encode())));
        assertThat(account.statusCode()).as(account.body()).isEqualTo(201);

        HttpResponse<String> signedIn;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do { // the counter agent learns of counter 12 from the config.changed event
            signedIn = post(
                    base + "/counter/api/session",
                    null,
                    "{\"username\":\"cb-quay12\",\"password\":\"XepHang2026quay12\",\"counter\":12}");
        } while (signedIn.statusCode() != 200 && System.nanoTime() < deadline && sleep());

        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        JsonObject desk = new JsonObject(signedIn.body()).getJsonObject("desk");
        assertThat(desk.encode()).contains("Quầy 12 – Hộ tịch");
        String session = new JsonObject(signedIn.body()).getString("session");
        HttpResponse<String> signedOut = send(HttpRequest.newBuilder(URI.create(base + "/counter/api/session"))
                .header("X-Session", session)
                .DELETE());
        assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(200);
    }

    private static String signIn(String base, String username, String password) throws Exception {
        HttpResponse<String> answer = post(
                base + "/api/v1/auth/login",
                null,
                new JsonObject()
                        .put("username", username)
                        .put("password", password)
                        .encode());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body()).getString("token");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePrintoutNamesEveryPageTheIndexListsAsTheIndexNamesIt() throws Exception {
        String index = get(baseUrl() + "/").body();
        Matcher links = Pattern.compile("<a href=\"([^\"]+)\"><span class=\"vi\">([^<]+)</span>")
                .matcher(index);
        List<String[]> listed =
                links.results().map(m -> new String[] {m.group(1), m.group(2)}).toList();

        assertThat(listed).extracting(link -> link[0]).contains("/dat-lich/", "/dat-lich/can-bo/", "/devices/");
        for (String[] link : listed) {
            assertThat(described)
                    .as(link[0])
                    .containsPattern("  " + Pattern.quote(link[1]) + " / [^:]+: +" + Pattern.quote(baseUrl() + link[0])
                            + "(\\?|\\s)");
        }
        assertThat(described).contains("Lịch hẹn trong ngày / Today's bookings:");
    }

    @Test
    void aTicketTakenAtTheKioskIsPrintedAndShownOnTheDevicesPage() throws Exception {
        String base = baseUrl();
        HttpResponse<String> issued = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/kiosk/api/tickets"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"service\":\"C\",\"requestId\":\"demo-it-1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(issued.statusCode()).isBetween(200, 201);
        String number = new JsonObject(issued.body()).getJsonObject("ticket").getString("number");
        assertThat(number).startsWith("C");

        Path printed = data.resolve("printed");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pngs(printed) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(pngs(printed)).isEqualTo(1);

        JsonObject state = new JsonObject(get(base + "/devices/api/state").body());
        String job = state.getJsonObject("printer").getJsonArray("jobs").getString(0);
        HttpResponse<String> image = get(base + "/devices/printed/" + job);
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void anOfficerReprintsAKioskTicketOnTheCountersOwnPrinter() throws Exception {
        String base = baseUrl();
        String number = new JsonObject(
                        post(base + "/kiosk/api/tickets", null, "{\"service\":\"D\",\"requestId\":\"demo-it-2\"}")
                                .body())
                .getJsonObject("ticket")
                .getString("number");
        HttpResponse<String> signedIn = post(
                base + "/counter/api/session", null, "{\"username\":\"officer6\",\"password\":\"demo\",\"counter\":6}");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String session = new JsonObject(signedIn.body()).getString("session");

        HttpResponse<String> reprinted;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do { // the counter learns of the kiosk's ticket from its event stream
            reprinted = post(base + "/counter/api/actions/reprint", session, "{\"number\":\"" + number + "\"}");
        } while (reprinted.statusCode() != 200 && System.nanoTime() < deadline && sleep());

        assertThat(reprinted.statusCode()).as(reprinted.body()).isEqualTo(200);
        assertThat(pngs(data.resolve("printed").resolve("counters"))).isEqualTo(1);
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(100);
        return true;
    }

    private static HttpResponse<String> post(String url, String session, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (session != null) {
            request.header("X-Session", session);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDevicesPageRefusesAnUnknownPrinterStateWithAClearMessage() throws Exception {
        HttpResponse<String> refused = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/devices/api/printer"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"ON_FIRE\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("INVALID_REQUEST");
    }

    private static String baseUrl() {
        Matcher listening = Pattern.compile("listening on (\\S+)").matcher(described);
        assertThat(listening.find()).isTrue();
        return listening.group(1);
    }

    private static long pngs(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".png")).count();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
