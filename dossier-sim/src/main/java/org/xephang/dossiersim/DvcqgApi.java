package org.xephang.dossiersim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/**
 * A DVCQG-style gateway: {@code POST /dvcqg/login} with the {@code dstcode} header opens a session, then {@code POST
 * /dvcqg/service {"service":"TraCuuHoSo","session":…,"mahoso":…}} answers {@code error_code} and the dossier in the
 * national field names.
 */
final class DvcqgApi {

    static final String LOGIN_PATH = "/dvcqg/login";
    static final String SERVICE_PATH = "/dvcqg/service";

    private final DossierSimulator.Options options;
    private final Map<String, SampleDossier> byCode;
    private final AtomicInteger lookupRequests;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger loginRequests = new AtomicInteger();

    DvcqgApi(DossierSimulator.Options options, Map<String, SampleDossier> byCode, AtomicInteger lookupRequests) {
        this.options = options;
        this.byCode = byCode;
        this.lookupRequests = lookupRequests;
    }

    void mount(Router router, FailureScript failures) {
        failures.guard(router, "/dvcqg/*", Scope.LOOKUP);
        router.post(LOGIN_PATH).handler(this::login);
        router.post(SERVICE_PATH).handler(this::service);
    }

    int loginRequests() {
        return loginRequests.get();
    }

    /** Forgets every session, as a gateway restart would. */
    void expireSessions() {
        sessions.clear();
    }

    private void login(RoutingContext ctx) {
        loginRequests.incrementAndGet();
        JsonObject body = JsonAnswers.body(ctx);
        if (!options.dvcqgDstcode().equals(ctx.request().getHeader("dstcode"))
                || body == null
                || !options.dvcqgUsername().equals(body.getString("username"))
                || !options.dvcqgPassword().equals(body.getString("password"))) {
            JsonAnswers.send(ctx, 200, new JsonObject().put("error_code", 1).put("message", "Sai thông tin đăng nhập"));
            return;
        }
        String session = UUID.randomUUID().toString();
        sessions.add(session);
        JsonAnswers.send(ctx, 200, new JsonObject().put("error_code", 0).put("session", session));
    }

    private void service(RoutingContext ctx) {
        lookupRequests.incrementAndGet();
        JsonObject body = JsonAnswers.body(ctx);
        if (body == null || !sessions.contains(body.getString("session", ""))) {
            JsonAnswers.send(ctx, 200, new JsonObject().put("error_code", -1).put("message", "Phiên làm việc hết hạn"));
            return;
        }
        if (!"TraCuuHoSo".equals(body.getString("service"))) {
            JsonAnswers.send(ctx, 200, new JsonObject().put("error_code", 2).put("message", "Dịch vụ không hỗ trợ"));
            return;
        }
        SampleDossier dossier = byCode.get(body.getString("mahoso", ""));
        JsonArray result = new JsonArray();
        if (dossier != null) {
            result.add(record(dossier));
        }
        JsonAnswers.send(
                ctx,
                200,
                new JsonObject()
                        .put("error_code", 0)
                        .put("message", "Thành công")
                        .put("result", result));
    }

    private static JsonObject record(SampleDossier dossier) {
        JsonArray steps = new JsonArray();
        dossier.history()
                .forEach(step -> steps.add(new JsonObject()
                        .put("ThoiDiemXuLy", JsonAnswers.dvcqg(step.at()))
                        .put("NoiDungXuLy", step.description())
                        .put("PhongBanXuLy", step.unit())));
        return new JsonObject()
                .put("MaHoSo", dossier.code())
                .put("TenTTHC", dossier.procedure())
                .put("ChuHoSo", dossier.ownerName())
                .put("SoCMND", dossier.idNumber())
                .put("SoDienThoai", dossier.phone())
                .put("NgayTiepNhan", JsonAnswers.dvcqg(dossier.receivedAt()))
                .put("NgayHenTra", JsonAnswers.dvcqg(dossier.appointmentAt()))
                .put("NgayHenTraMoi", JsonAnswers.dvcqg(dossier.rescheduledAppointmentAt()))
                .put("TrangThaiHoSo", Integer.toString(dossier.status()))
                .put("NgayKetThucXuLy", JsonAnswers.dvcqg(dossier.finishedAt()))
                .put("NgayTra", JsonAnswers.dvcqg(dossier.returnedAt()))
                .put("BuocXuLyHienTai", dossier.currentStep())
                .put("NoiTraKetQua", dossier.returnPlace())
                .put("QuaTrinhXuLy", steps);
    }
}
