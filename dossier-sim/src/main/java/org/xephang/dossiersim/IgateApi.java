package org.xephang.dossiersim;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/**
 * A VNPT iGate deployment: an OAuth2 client-credentials token from a Keycloak realm ({@code POST
 * /igate/auth/realms/digo/protocol/openid-connect/token}), then {@code GET /igate/pa/dossier/search?code=} with the
 * bearer token, answering a Spring page of dossiers with this deployment's own status ids.
 */
final class IgateApi {

    static final String TOKEN_PATH = "/igate/auth/realms/digo/protocol/openid-connect/token";
    static final String SEARCH_PATH = "/igate/pa/dossier/search";

    /** This simulated iGate deployment's own status ids and names (ids differ between real deployments). */
    private static final Map<Integer, Map.Entry<Integer, String>> IGATE_STATUS = Map.of(
            1, Map.entry(0, "Chờ tiếp nhận"),
            2, Map.entry(1, "Đã tiếp nhận"),
            3, Map.entry(11, "Từ chối tiếp nhận"),
            4, Map.entry(2, "Đang xử lý"),
            5, Map.entry(3, "Chờ bổ sung hồ sơ"),
            6, Map.entry(4, "Chờ thực hiện nghĩa vụ tài chính"),
            7, Map.entry(12, "Công dân rút hồ sơ"),
            8, Map.entry(13, "Dừng xử lý"),
            9, Map.entry(5, "Có kết quả"),
            10, Map.entry(6, "Đã trả kết quả"));

    private final DossierSimulator.Options options;
    private final Map<String, SampleDossier> byCode;
    private final AtomicInteger lookupRequests;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();

    IgateApi(DossierSimulator.Options options, Map<String, SampleDossier> byCode, AtomicInteger lookupRequests) {
        this.options = options;
        this.byCode = byCode;
        this.lookupRequests = lookupRequests;
    }

    void mount(Router router, FailureScript failures) {
        failures.guard(router, "/igate/*", Scope.LOOKUP);
        router.post(TOKEN_PATH).handler(this::token);
        router.get(SEARCH_PATH).handler(this::search);
    }

    int tokenRequests() {
        return tokenRequests.get();
    }

    private void token(RoutingContext ctx) {
        tokenRequests.incrementAndGet();
        MultiMap form = ctx.request().formAttributes();
        if (!"client_credentials".equals(form.get("grant_type"))
                || !options.igateClientId().equals(form.get("client_id"))
                || !options.igateClientSecret().equals(form.get("client_secret"))) {
            JsonAnswers.send(ctx, 401, new JsonObject().put("error", "unauthorized_client"));
            return;
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, options.clock().instant().plus(options.tokenLifetime()));
        JsonAnswers.send(
                ctx,
                200,
                new JsonObject()
                        .put("access_token", token)
                        .put("expires_in", options.tokenLifetime().toSeconds())
                        .put("token_type", "Bearer"));
    }

    private void search(RoutingContext ctx) {
        lookupRequests.incrementAndGet();
        String authorization = ctx.request().getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
        Instant expiry = tokens.get(token);
        if (expiry == null || !options.clock().instant().isBefore(expiry)) {
            JsonAnswers.send(ctx, 401, new JsonObject().put("error", "invalid_token"));
            return;
        }
        SampleDossier dossier = byCode.get(ctx.request().getParam("code", ""));
        JsonArray content = new JsonArray();
        if (dossier != null) {
            content.add(item(dossier));
        }
        JsonAnswers.send(
                ctx,
                200,
                new JsonObject()
                        .put("content", content)
                        .put("numberOfElements", content.size())
                        .put("last", true));
    }

    private static JsonObject item(SampleDossier dossier) {
        Map.Entry<Integer, String> status = IGATE_STATUS.get(dossier.status());
        JsonArray tasks = new JsonArray();
        dossier.history()
                .forEach(step -> tasks.add(new JsonObject()
                        .put("name", step.description())
                        .put("agency", new JsonObject().put("name", step.unit()))
                        .put("completedDate", JsonAnswers.igate(step.at()))));
        JsonObject item = new JsonObject()
                .put(
                        "id",
                        UUID.nameUUIDFromBytes(dossier.code().getBytes(StandardCharsets.UTF_8))
                                .toString())
                .put("code", dossier.code())
                .put("nationCode", "000.00.27." + dossier.code())
                .put(
                        "applicant",
                        new JsonObject()
                                .put(
                                        "data",
                                        new JsonObject()
                                                .put("fullname", dossier.ownerName())
                                                .put("identityNumber", dossier.idNumber())
                                                .put("phoneNumber", dossier.phone())))
                .put(
                        "procedure",
                        new JsonObject()
                                .put(
                                        "translate",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("languageId", 228)
                                                        .put("name", dossier.procedure()))))
                .put(
                        "dossierStatus",
                        new JsonObject()
                                .put("id", status.getKey())
                                .put(
                                        "name",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put("languageId", 228)
                                                        .put("name", status.getValue()))))
                .put("appliedDate", JsonAnswers.igate(dossier.receivedAt()))
                .put("acceptedDate", JsonAnswers.igate(dossier.receivedAt()))
                .put("appointmentDate", JsonAnswers.igate(dossier.appointmentAt()))
                .put("extendedAppointmentDate", JsonAnswers.igate(dossier.rescheduledAppointmentAt()))
                .put("completedDate", JsonAnswers.igate(dossier.finishedAt()))
                .put("returnedDate", JsonAnswers.igate(dossier.returnedAt()))
                .put("task", tasks);
        item.put(
                "currentTask",
                dossier.currentStep() == null
                        ? new JsonArray()
                        : new JsonArray().add(new JsonObject().put("name", dossier.currentStep())));
        if (dossier.returnPlace() != null) {
            item.put("receivingPlace", new JsonObject().put("name", dossier.returnPlace()));
        }
        return item;
    }
}
