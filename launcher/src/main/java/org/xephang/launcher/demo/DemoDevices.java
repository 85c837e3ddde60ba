package org.xephang.launcher.demo;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.Favicon;
import org.xephang.device.DeviceState;
import org.xephang.device.keypad.RatingCollector;
import org.xephang.device.keypad.sim.SimulatedRatingKeypad;
import org.xephang.device.led.sim.LedBusSimulator;
import org.xephang.device.printer.sim.SimulatedTicketPrinter;
import org.xephang.device.scanner.sim.SimulatedBarcodeScanner;
import org.xephang.dossiersim.SampleDossier;

/**
 * The demo's devices page ({@code /devices/}): the tickets the simulated printer printed, what every LED display shows,
 * the rating keypads' buttons, the kiosk's scanner, and the sample dossiers' receipts as QR codes to "scan". Its JSON
 * endpoints drive the in-process simulators; file and simulator work runs on workers, never on the event loop.
 */
final class DemoDevices {

    /** The wall summary board on the demo's LED bus. */
    static final int SUMMARY_ADDRESS = 10;

    static final int SUMMARY_LINES = 6;

    static final String SUMMARY_BOARD_URI = "sim:ledsummary?address=" + SUMMARY_ADDRESS + "&lines=" + SUMMARY_LINES;

    private static final Logger LOG = LoggerFactory.getLogger(DemoDevices.class);
    private static final String LED_BUS = "default";
    private static final int RECENT_JOBS = 12;
    private static final String JOB_IMAGE = "job-[A-Za-z0-9._-]+\\.png";

    private final Vertx vertx;
    private final SimulatedTicketPrinter printer;
    private final String kioskId;
    private final List<Integer> counters;
    private final List<SampleDossier> dossiers;

    DemoDevices(
            Vertx vertx,
            SimulatedTicketPrinter printer,
            String kioskId,
            List<Integer> counters,
            List<SampleDossier> dossiers) {
        this.vertx = vertx;
        this.printer = printer;
        this.kioskId = kioskId;
        this.counters = List.copyOf(counters);
        this.dossiers = List.copyOf(dossiers);
    }

    static String ledUri(int counter) {
        return "sim:led?bus=" + LED_BUS + "&address=" + counter;
    }

    static String keypadUri(int counter) {
        return "sim:keypad?name=" + keypadName(counter);
    }

    private static String keypadName(int counter) {
        return "counter" + counter;
    }

    Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(4096));
        router.get("/api/state").handler(this::state);
        router.post("/api/printer").handler(this::setPrinter);
        router.post("/api/keypad/:counter/:button").handler(this::press);
        router.post("/api/scan").handler(this::scan);
        router.get("/api/qr").handler(DemoDevices::qr);
        router.get("/printed/:file").handler(this::printedImage);
        router.get(Favicon.PATH)
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", Favicon.CONTENT_TYPE)
                        .putHeader("Cache-Control", Favicon.CACHE_CONTROL)
                        .end(Buffer.buffer(Favicon.svg())));
        router.get("/*")
                .handler(StaticHandler.create("org/xephang/launcher/devices")
                        .setCachingEnabled(false)
                        .setDefaultContentEncoding("UTF-8"));
        return router;
    }

    private void state(RoutingContext ctx) {
        vertx.executeBlocking(this::readState)
                .onSuccess(state -> json(ctx, 200, state))
                .onFailure(ctx::fail);
    }

    private JsonObject readState() throws IOException {
        JsonObject led = new JsonObject();
        LedBusSimulator.named(LED_BUS).shown().forEach((address, text) -> led.put(String.valueOf(address), text));
        return new JsonObject()
                .put(
                        "printer",
                        new JsonObject()
                                .put("state", printer.status().state().name())
                                .put("description", printer.status().state().vietnamese())
                                .put("jobs", new JsonArray(recentJobs())))
                .put("led", led)
                .put("summaryAddress", SUMMARY_ADDRESS)
                .put("summaryLines", SUMMARY_LINES)
                .put(
                        "counters",
                        new JsonArray(counters.stream()
                                .map(n -> new JsonObject()
                                        .put("counter", n)
                                        .put("keypad", keypadName(n))
                                        .put(
                                                "awaitingRating",
                                                SimulatedRatingKeypad.named(keypadName(n))
                                                                .waitingTicket()
                                                        != null)
                                        .put(
                                                "buttons",
                                                new JsonArray(List.copyOf(SimulatedRatingKeypad.named(keypadName(n))
                                                        .mapping()
                                                        .buttons()
                                                        .keySet()))))
                                .toList()))
                .put("scanner", kioskId)
                .put(
                        "dossiers",
                        new JsonArray(dossiers.stream()
                                .map(d -> new JsonObject()
                                        .put("code", d.code())
                                        .put("status", d.status())
                                        .put("label", d.label()))
                                .toList()));
    }

    private List<String> recentJobs() throws IOException {
        Path dir = printer.directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches(JOB_IMAGE))
                    .sorted(Comparator.reverseOrder())
                    .limit(RECENT_JOBS)
                    .toList();
        }
    }

    private void setPrinter(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        DeviceState state;
        try {
            state = DeviceState.valueOf(body.getString("state", ""));
        } catch (IllegalArgumentException unknown) {
            error(
                    ctx,
                    400,
                    "INVALID_REQUEST",
                    "Trạng thái máy in không hợp lệ: " + body.getString("state"),
                    "Invalid printer state: " + body.getString("state"));
            return;
        }
        printer.simulate(state);
        LOG.info("demo: simulated printer set to {}", state);
        json(ctx, 200, new JsonObject().put("state", state.name()));
    }

    private void press(RoutingContext ctx) {
        int counter;
        try {
            counter = Integer.parseInt(ctx.pathParam("counter"));
        } catch (NumberFormatException notANumber) {
            error(ctx, 400, "INVALID_REQUEST", "Số quầy không hợp lệ", "Invalid counter number");
            return;
        }
        if (!counters.contains(counter)) {
            error(ctx, 404, "UNKNOWN_COUNTER", "Không có quầy số " + counter, "No counter number " + counter);
            return;
        }
        String button = ctx.pathParam("button");
        vertx.executeBlocking(
                        () -> SimulatedRatingKeypad.named(keypadName(counter)).press(button))
                .onSuccess(outcome -> json(ctx, 200, pressOutcome(counter, button, outcome)))
                .onFailure(ctx::fail);
    }

    private void scan(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body == null) {
            return;
        }
        String text = body.getString("text", "");
        if (text.isBlank()) {
            error(
                    ctx,
                    400,
                    "INVALID_REQUEST",
                    "Hãy nhập nội dung mã cần quét",
                    "Enter the content of the code to scan");
            return;
        }
        vertx.executeBlocking(() -> SimulatedBarcodeScanner.named(kioskId).inject(text))
                .onSuccess(scan -> json(ctx, 200, new JsonObject().put("scanned", true)))
                .onFailure(ctx::fail);
    }

    private void printedImage(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (!file.matches(JOB_IMAGE)) {
            error(ctx, 404, "NOT_FOUND", "Không có vé này", "No such ticket");
            return;
        }
        Path image = printer.directory().resolve(file);
        ctx.response()
                .putHeader("Content-Type", "image/png")
                .sendFile(image.toString())
                .onFailure(e -> {
                    if (!ctx.response().headWritten()) {
                        error(ctx, 404, "NOT_FOUND", "Không có vé này", "No such ticket");
                    }
                });
    }

    /** {@code GET api/qr?text=…}: the text as a QR code in SVG (the receipts of the sample dossiers). */
    private static void qr(RoutingContext ctx) {
        String text = ctx.queryParams().get("text");
        if (text == null || text.isEmpty() || text.length() > 500) {
            error(
                    ctx,
                    400,
                    "INVALID_REQUEST",
                    "Cần nội dung mã QR (1–500 ký tự)",
                    "The QR code's content is needed (1–500 characters)");
            return;
        }
        try {
            BitMatrix matrix =
                    new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(EncodeHintType.MARGIN, 2));
            StringBuilder path = new StringBuilder();
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " "
                    + matrix.getHeight() + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\""
                    + " fill=\"#fff\"/><path d=\"" + path + "\" fill=\"#000\"/></svg>";
            ctx.response().putHeader("Content-Type", "image/svg+xml").end(svg);
        } catch (WriterException tooLong) {
            error(
                    ctx,
                    400,
                    "INVALID_REQUEST",
                    "Không tạo được mã QR: " + tooLong.getMessage(),
                    "Could not make the QR code: " + tooLong.getMessage());
        }
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                error(ctx, 400, "INVALID_JSON", "Cần một đối tượng JSON", "A JSON object is needed");
            }
            return body;
        } catch (RuntimeException malformed) {
            error(ctx, 400, "INVALID_JSON", "JSON không hợp lệ", "Invalid JSON");
            return null;
        }
    }

    /** What a keypad press did, in plain words for the page: rated (a success) or ignored, and why. */
    static JsonObject pressOutcome(int counter, String button, RatingCollector.Outcome outcome) {
        if (outcome instanceof RatingCollector.Rated rated) {
            String label = rated.rating().scale().label(rated.rating().level());
            return new JsonObject()
                    .put("rated", true)
                    .put("message", "Quầy " + counter + ": đã ghi nhận đánh giá «" + label + "» (nút " + button + ").")
                    .put("messageEn", "Counter " + counter + ": rating recorded (button " + button + ").");
        }
        String reason = outcome instanceof RatingCollector.Ignored ignored ? ignored.reason() : "";
        String why;
        String whyEn;
        if (reason.startsWith("within")) {
            why = "bấm quá nhanh sau lần trước, lần này không được tính";
            whyEn = "pressed too soon after the previous press";
        } else if (reason.contains("not mapped")) {
            why = "nút này không dùng để đánh giá";
            whyEn = "this button is not a rating button";
        } else if (reason.contains("rating window")) {
            why = "đã hết thời gian đánh giá cho lượt vừa xong";
            whyEn = "the time to rate the last visit has passed";
        } else {
            why = "chưa có lượt nào chờ đánh giá (quầy bấm Hoàn thành trước)";
            whyEn = "no visit is waiting for a rating (the counter presses Done first)";
        }
        LOG.debug("demo: keypad of counter {} ignored button {}: {}", counter, button, reason);
        return new JsonObject()
                .put("rated", false)
                .put("message", "Quầy " + counter + ": đã bấm " + button + " — " + why + ".")
                .put("messageEn", "Counter " + counter + ": pressed " + button + " — " + whyEn + ".");
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(body.encode());
    }

    private static void error(RoutingContext ctx, int status, String code, String message, String messageEn) {
        json(
                ctx,
                status,
                new JsonObject().put("error", code).put("message", message).put("messageEn", messageEn));
    }
}
