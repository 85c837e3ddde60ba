package org.xephang.bench.crash;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.xephang.api.QueueClient;
import org.xephang.api.Ticket;
import org.xephang.bench.harness.Await;
import org.xephang.bench.harness.BenchCentre;
import org.xephang.bench.harness.ServerProcess;
import org.xephang.device.DeviceFactory;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.kiosk.KioskApp;
import org.xephang.kiosk.KioskOptions;

/**
 * The crash harness's offline-kiosk phase (docs/adr/0029-offline-issuing.md): a real kiosk agent with its journal,
 * leased numbers from a server process that is then SIGKILLed; the kiosk issues while the server is gone, the server
 * restarts on the same port and data, is SIGKILLed again at a random moment while the kiosk uploads, and restarts
 * once more. Then every ticket the kiosk printed must be on the server with the same number ({@code lost}), and no
 * number of the site may belong to two tickets ({@code duplicates}).
 */
final class OfflineKioskPhase {

    private static final String KIOSK = "kiosk1";

    record Result(List<String> lost, List<String> duplicates, int issued) {

        boolean clean() {
            return lost.isEmpty() && duplicates.isEmpty();
        }

        String line() {
            return "offline kiosk: issued=" + issued + " lost=" + lost.size() + " duplicates=" + duplicates.size();
        }

        JsonObject toJson() {
            return new JsonObject()
                    .put("issued", issued)
                    .put("lost", lost.size())
                    .put("duplicates", duplicates.size())
                    .put("lostExamples", new JsonArray(lost.subList(0, Math.min(20, lost.size()))))
                    .put("duplicateExamples", new JsonArray(duplicates.subList(0, Math.min(20, duplicates.size()))));
        }
    }

    private OfflineKioskPhase() {}

    static Result run(
            Path workDir, List<String> jvmOptions, int tickets, SplittableRandom random, Consumer<String> print)
            throws Exception {
        BenchCentre centre = new BenchCentre(1, 2, 2, 9999, 10);
        String site = centre.siteCode(0);
        String hash = BCrypt.withDefaults().hashToString(4, BenchCentre.PASSWORD.toCharArray());
        String yaml = centre.yaml()
                        .replace(
                                "    timeZone: Asia/Ho_Chi_Minh\n",
                                "    timeZone: Asia/Ho_Chi_Minh\n    offline: { blockSize: " + (tickets + 5)
                                        + ", refillBelow: 5 }\n")
                + "  - { username: " + KIOSK + ", role: kiosk, passwordHash: \"" + hash + "\", sites: [" + site
                + "] }\n";
        Path config = workDir.resolve("offline-centre.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        ServerProcess.Launch launch = new ServerProcess.Launch(
                config, workDir.resolve("offline-data"), workDir.resolve("offline-server.log"), jvmOptions);
        Vertx vertx = Vertx.vertx();
        ServerProcess server = ServerProcess.start(launch, Duration.ofSeconds(90));
        launch = launch.onPort(server.port());
        TicketPrinter printer = DeviceFactory.standard()
                .create("sim:printer?dir=" + workDir.resolve("offline-printed").toAbsolutePath(), TicketPrinter.class);
        printer.start();
        KioskApp kiosk = KioskApp.create(
                vertx,
                KioskOptions.of(server.baseUri().toString(), site, KIOSK, BenchCentre.PASSWORD, "sim:printer")
                        .withRetries(2, Duration.ofMillis(100))
                        .withOfflineJournal(workDir.resolve("offline-kiosk").resolve("journal.jsonl")),
                printer,
                false);
        WebClient http = WebClient.create(vertx);
        try {
            Router root = Router.router(vertx);
            root.route("/kiosk/*").subRouter(kiosk.router());
            HttpServer pages =
                    await(vertx.createHttpServer().requestHandler(root).listen(0, "127.0.0.1"));
            String kioskUrl = "http://127.0.0.1:" + pages.actualPort() + "/kiosk";
            List<String> services = List.of(centre.serviceCode(0), centre.serviceCode(1));
            for (String service : services) {
                waitFor(
                        "the kiosk holds numbers of " + service,
                        () -> offline(http, kioskUrl).getJsonObject("remaining").getInteger(service, 0) >= tickets);
            }

            server.kill();
            waitFor(
                    "the kiosk sees the server gone",
                    () -> !state(http, kioskUrl).getBoolean("connected"));
            List<Ticket> printed = new ArrayList<>();
            for (int i = 0; i < tickets; i++) {
                JsonObject answer = await(http.postAbs(kioskUrl + "/api/tickets")
                                .sendJsonObject(new JsonObject()
                                        .put("service", services.get(i % services.size()))
                                        .put("requestId", "offline-" + i)))
                        .bodyAsJsonObject();
                if (answer.getJsonObject("ticket") == null) {
                    throw new IllegalStateException("the kiosk did not issue offline: " + answer.encode());
                }
                printed.add(Ticket.fromJson(answer.getJsonObject("ticket")));
            }
            print.accept("offline kiosk: " + printed.size() + " tickets issued while the server was killed");

            server = ServerProcess.start(launch, Duration.ofSeconds(90));
            long uptime = (long) (random.nextDouble(0.05, 1.0) * 1e9);
            TimeUnit.NANOSECONDS.sleep(uptime);
            server.kill();
            print.accept("offline kiosk: server killed again " + uptime / 1_000_000 + " ms into the upload");
            server = ServerProcess.start(launch, Duration.ofSeconds(90));
            waitFor(
                    "every offline ticket uploaded",
                    () -> offline(http, kioskUrl).getInteger("pendingUploads") == 0);

            return audit(vertx, server, site, printed);
        } finally {
            kiosk.close();
            server.close();
            printer.close();
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private static Result audit(Vertx vertx, ServerProcess server, String site, List<Ticket> printed) throws Exception {
        List<String> lost = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        QueueClient client = QueueClient.create(vertx, server.baseUri().toString());
        try {
            await(client.login(BenchCentre.SUPERVISOR, BenchCentre.PASSWORD));
            Map<String, String> idByNumber = new HashMap<>();
            for (Ticket ticket : printed) {
                Ticket stored;
                try {
                    stored = await(client.ticket(ticket.id()));
                } catch (Exception missing) {
                    lost.add(ticket.number() + " (" + ticket.id() + ") printed offline is missing: " + missing);
                    continue;
                }
                if (!ticket.number().equals(stored.number())) {
                    duplicates.add(ticket.id() + " printed as " + ticket.number() + " is " + stored.number());
                }
            }
            for (String service : List.of("A", "B")) {
                for (var waiting : await(client.waiting(site, service))) {
                    String other = idByNumber.putIfAbsent(waiting.number(), waiting.number());
                    if (other != null) {
                        duplicates.add(site + "/" + waiting.number() + " waits twice");
                    }
                }
            }
            long distinct = printed.stream().map(Ticket::number).distinct().count();
            if (distinct != printed.size()) {
                duplicates.add((printed.size() - distinct) + " number(s) printed twice by the kiosk");
            }
        } finally {
            client.close();
        }
        return new Result(lost, duplicates, printed.size());
    }

    private static JsonObject state(WebClient http, String kioskUrl) throws Exception {
        return await(http.getAbs(kioskUrl + "/api/state").send()).bodyAsJsonObject();
    }

    private static JsonObject offline(WebClient http, String kioskUrl) throws Exception {
        return state(http, kioskUrl).getJsonObject("offline");
    }

    @FunctionalInterface
    private interface Condition {
        boolean met() throws Exception;
    }

    private static void waitFor(String what, Condition condition) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.met()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("offline kiosk: timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return Await.result(future, Duration.ofSeconds(30));
    }
}
