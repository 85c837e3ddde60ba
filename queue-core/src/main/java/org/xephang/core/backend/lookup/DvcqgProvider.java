package org.xephang.core.backend.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import org.xephang.core.backend.lookup.DossierLookupException.Reason;
import org.xephang.core.privacy.OwnerNameMask;

/**
 * DVCQG-style gateway (docs/domain-vn.md §2): {@code POST <loginUrl> {username,password}} with the {@code dstcode} header →
 * {@code {session}}; then {@code POST <serviceUrl> {session, madonvi, service:"TraCuuHoSo", mahoso}} → {@code
 * {error_code, message, result}} where {@code error_code} 0 means OK and {@code result} is the dossier (or a list of
 * one). The session is kept and reused; a non-zero {@code error_code} on a kept session logs in again once.
 *
 * <p>Fields read: MaHoSo, TenTTHC, ChuHoSo, NgayTiepNhan, NgayHenTra, NgayHenTraMoi (apology slip), TrangThaiHoSo,
 * TenTrangThaiHoSo, NgayKetThucXuLy, NgayTra, BuocXuLyHienTai, NoiTraKetQua, QuaTrinhXuLy[{ThoiDiemXuLy,
 * NoiDungXuLy, PhongBanXuLy}]; dates {@code yyyyMMddHHmmss} in Asia/Ho_Chi_Minh.
 */
final class DvcqgProvider implements DossierStatusProvider {

    private final WebClient client;
    private final LookupConfig.Dvcqg settings;
    private final long timeoutMillis;

    private volatile Future<String> session;

    DvcqgProvider(WebClient client, LookupConfig.Dvcqg settings, long timeoutMillis) {
        this.client = client;
        this.settings = settings;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String style() {
        return "dvcqg";
    }

    @Override
    public Future<DossierStatus> lookup(String code) {
        return ask(code, true).recover(failure -> VendorAnswers.explain(failure, "dvcqg lookup"));
    }

    private Future<DossierStatus> ask(String code, boolean mayLoginAgain) {
        Future<String> current = session();
        boolean wasKept = current.isComplete();
        return current.compose(sessionId -> client.postAbs(settings.serviceUrl())
                .timeout(timeoutMillis)
                .putHeader("dstcode", settings.dstcode())
                .sendJsonObject(new JsonObject()
                        .put("session", sessionId)
                        .put("madonvi", settings.madonvi())
                        .put("service", "TraCuuHoSo")
                        .put("mahoso", code))
                .compose(response -> {
                    JsonObject body = VendorAnswers.jsonBody(response, "dvcqg TraCuuHoSo");
                    int errorCode = errorCode(body);
                    if (errorCode != 0 && wasKept && mayLoginAgain) {
                        forgetSession();
                        return ask(code, false);
                    }
                    if (errorCode != 0) {
                        throw new DossierLookupException(
                                Reason.UNAVAILABLE, "dvcqg TraCuuHoSo: error_code " + errorCode);
                    }
                    return Future.succeededFuture(read(body));
                }));
    }

    private synchronized Future<String> session() {
        Future<String> current = session;
        if (current != null && !current.failed()) {
            return current;
        }
        Future<String> fresh = client.postAbs(settings.loginUrl())
                .timeout(timeoutMillis)
                .putHeader("dstcode", settings.dstcode())
                .sendJsonObject(
                        new JsonObject().put("username", settings.username()).put("password", settings.password()))
                .map(response -> {
                    JsonObject body = VendorAnswers.jsonBody(response, "dvcqg login");
                    if (body.containsKey("error_code") && errorCode(body) != 0) {
                        throw new DossierLookupException(
                                Reason.REFUSED_CREDENTIALS, "dvcqg login: error_code " + errorCode(body));
                    }
                    String id = VendorAnswers.text(body, "session");
                    if (id == null) {
                        throw DossierLookupException.malformed("dvcqg login: session missing");
                    }
                    return id;
                });
        session = fresh;
        return fresh;
    }

    private synchronized void forgetSession() {
        session = null;
    }

    private static int errorCode(JsonObject body) {
        Object value = body.getValue("error_code");
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text && text.strip().matches("-?\\d+")) {
            return Integer.parseInt(text.strip());
        }
        throw DossierLookupException.malformed("error_code: missing or not a number");
    }

    static DossierStatus read(JsonObject body) {
        Object result = body.getValue("result");
        JsonObject dossier;
        if (result instanceof JsonArray list) {
            if (list.isEmpty()) {
                throw new DossierLookupException(Reason.NOT_FOUND, "dvcqg TraCuuHoSo: empty result");
            }
            if (!(list.getValue(0) instanceof JsonObject first)) {
                throw DossierLookupException.malformed("result[0]: expected an object");
            }
            dossier = first;
        } else if (result instanceof JsonObject object) {
            dossier = object;
        } else if (result == null) {
            throw new DossierLookupException(Reason.NOT_FOUND, "dvcqg TraCuuHoSo: no result");
        } else {
            throw DossierLookupException.malformed("result: expected an object or a list");
        }
        String code = VendorAnswers.text(dossier, "MaHoSo");
        if (code == null) {
            throw DossierLookupException.malformed("MaHoSo: missing");
        }
        String vendorId = VendorAnswers.text(dossier, "TrangThaiHoSo");
        String vendorName = VendorAnswers.text(dossier, "TenTrangThaiHoSo");
        DossierStatusCode status = null;
        if (vendorId != null && vendorId.matches("\\d{1,2}")) {
            status = DossierStatusCode.ofCode(Integer.parseInt(vendorId))
                    .orElseThrow(() -> DossierLookupException.malformed("TrangThaiHoSo: " + vendorId + " is not 1–10"));
        } else if (vendorId != null || vendorName != null) {
            status = VendorAnswers.status(vendorId, vendorName != null ? vendorName : vendorId, java.util.Map.of());
        } else {
            throw DossierLookupException.malformed("TrangThaiHoSo: missing");
        }
        List<DossierStatus.Step> history = new ArrayList<>();
        JsonArray steps = VendorAnswers.array(dossier, "QuaTrinhXuLy");
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.getValue(i) instanceof JsonObject step)) {
                throw DossierLookupException.malformed("QuaTrinhXuLy[" + i + "]: expected an object");
            }
            history.add(new DossierStatus.Step(
                    DossierDates.parse(
                            "QuaTrinhXuLy[" + i + "].ThoiDiemXuLy", VendorAnswers.text(step, "ThoiDiemXuLy")),
                    VendorAnswers.text(step, "NoiDungXuLy"),
                    VendorAnswers.text(step, "PhongBanXuLy")));
        }
        return new DossierStatus(
                code,
                VendorAnswers.text(dossier, "TenTTHC"),
                OwnerNameMask.mask(VendorAnswers.text(dossier, "ChuHoSo")),
                status,
                vendorId,
                vendorName,
                DossierDates.parse("NgayTiepNhan", VendorAnswers.text(dossier, "NgayTiepNhan")),
                DossierDates.parseDeadline("NgayHenTra", VendorAnswers.text(dossier, "NgayHenTra")),
                DossierDates.parseDeadline("NgayHenTraMoi", VendorAnswers.text(dossier, "NgayHenTraMoi")),
                DossierDates.parse("NgayKetThucXuLy", VendorAnswers.text(dossier, "NgayKetThucXuLy")),
                DossierDates.parse("NgayTra", VendorAnswers.text(dossier, "NgayTra")),
                VendorAnswers.text(dossier, "BuocXuLyHienTai"),
                VendorAnswers.text(dossier, "NoiTraKetQua"),
                history,
                "dvcqg");
    }
}
