package org.xephang.dossiersim;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/**
 * The province's online booking portal, in the two shapes the server imports (docs/adr/0030-portal-import.md):
 *
 * <ul>
 *   <li>generic JSON: {@code GET /portal/generic/bookings?site=&date=YYYY-MM-DD} with the key in {@code X-Api-Key},
 *       answering {@code {"bookings": [{"id", "service", "start" (ISO-8601 with offset), "name", "phone"}]}};
 *   <li>DVCQG style: {@code POST /portal/dvcqg/service} {@code {"service": "LayDanhSachLichHen", "madonvi", "ngayhen":
 *       "dd/MM/yyyy"}} answering {@code {"error_code": "0", "result": [{"MaLichHen", "MaLinhVuc", "NgayHen", "GioHen",
 *       "HoTen", "SoDienThoai"}]}} in Vietnam's time, {@code error_code} "-1" with a {@code message} for a bad request.
 * </ul>
 *
 * Bookings are added by the test or the demo ({@link DossierSimulator#addPortalBooking}); failures are scripted with
 * scope {@link Scope#PORTAL}. Thread-safe.
 */
final class PortalApi {

    static final String GENERIC_PATH = "/portal/generic/bookings";
    static final String DVCQG_PATH = "/portal/dvcqg/service";
    static final String API_KEY = "sim-portal-key";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    /** One booking on the portal: {@code site} is our site code (generic) or the unit code (DVCQG). */
    record PortalBooking(String id, String site, String service, Instant start, String name, String phone) {}

    private final List<PortalBooking> bookings = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    void mount(Router router, FailureScript failures) {
        failures.guard(router, "/portal/*", Scope.PORTAL);
        router.get(GENERIC_PATH).handler(this::generic);
        router.post(DVCQG_PATH).handler(this::dvcqg);
    }

    synchronized void add(PortalBooking booking) {
        bookings.add(booking);
    }

    int requests() {
        return requests.get();
    }

    private synchronized List<PortalBooking> on(String site, LocalDate day) {
        return bookings.stream()
                .filter(b -> b.site().equals(site)
                        && b.start().atZone(VIETNAM).toLocalDate().equals(day))
                .toList();
    }

    private void generic(RoutingContext ctx) {
        requests.incrementAndGet();
        if (!API_KEY.equals(ctx.request().getHeader("X-Api-Key"))) {
            JsonAnswers.send(ctx, 401, new JsonObject().put("error", "UNAUTHORIZED"));
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(ctx.queryParams().get("date")));
        } catch (DateTimeParseException bad) {
            JsonAnswers.send(ctx, 400, new JsonObject().put("error", "date must be YYYY-MM-DD"));
            return;
        }
        JsonArray list = new JsonArray();
        for (PortalBooking b : on(String.valueOf(ctx.queryParams().get("site")), day)) {
            list.add(new JsonObject()
                    .put("id", b.id())
                    .put("service", b.service())
                    .put("start", b.start().atZone(VIETNAM).toOffsetDateTime().toString())
                    .put("name", b.name())
                    .put("phone", b.phone()));
        }
        JsonAnswers.send(ctx, 200, new JsonObject().put("bookings", list));
    }

    private void dvcqg(RoutingContext ctx) {
        requests.incrementAndGet();
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException notJson) {
            body = null;
        }
        if (body == null || !"LayDanhSachLichHen".equals(body.getString("service"))) {
            JsonAnswers.send(ctx, 200, new JsonObject().put("error_code", "-1").put("message", "Sai tham số service"));
            return;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(String.valueOf(body.getString("ngayhen")), DAY);
        } catch (DateTimeParseException bad) {
            JsonAnswers.send(
                    ctx, 200, new JsonObject().put("error_code", "-1").put("message", "Sai định dạng ngayhen"));
            return;
        }
        JsonArray result = new JsonArray();
        for (PortalBooking b : on(String.valueOf(body.getString("madonvi")), day)) {
            result.add(new JsonObject()
                    .put("MaLichHen", b.id())
                    .put("MaLinhVuc", b.service())
                    .put("NgayHen", DAY.format(b.start().atZone(VIETNAM)))
                    .put("GioHen", TIME.format(b.start().atZone(VIETNAM)))
                    .put("HoTen", b.name())
                    .put("SoDienThoai", b.phone()));
        }
        JsonAnswers.send(
                ctx,
                200,
                new JsonObject()
                        .put("error_code", "0")
                        .put("message", "Thành công")
                        .put("result", result));
    }
}
