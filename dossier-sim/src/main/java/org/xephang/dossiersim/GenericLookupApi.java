package org.xephang.dossiersim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.xephang.dossiersim.SimulatedFailure.Scope;

/** The generic JSON lookup: {@code GET /generic/dossiers/{code}} answers the dossier in the generic style, or 404. */
final class GenericLookupApi {

    static final String PATH = "/generic/dossiers/";

    private final Map<String, SampleDossier> byCode;
    private final AtomicInteger lookupRequests;

    GenericLookupApi(Map<String, SampleDossier> byCode, AtomicInteger lookupRequests) {
        this.byCode = byCode;
        this.lookupRequests = lookupRequests;
    }

    void mount(Router router, FailureScript failures) {
        failures.guard(router, "/generic/*", Scope.LOOKUP);
        router.get(PATH + ":code").handler(this::lookup);
    }

    private void lookup(RoutingContext ctx) {
        lookupRequests.incrementAndGet();
        SampleDossier dossier = byCode.get(ctx.pathParam("code"));
        if (dossier == null) {
            JsonAnswers.send(ctx, 404, new JsonObject().put("error", "NOT_FOUND"));
            return;
        }
        JsonArray history = new JsonArray();
        dossier.history()
                .forEach(step -> history.add(new JsonObject()
                        .put("at", JsonAnswers.iso(step.at()))
                        .put("description", step.description())
                        .put("unit", step.unit())));
        JsonAnswers.send(
                ctx,
                200,
                new JsonObject()
                        .put("code", dossier.code())
                        .put("procedure", dossier.procedure())
                        .put("owner", dossier.ownerName())
                        .put("status", dossier.status())
                        .put("receivedAt", JsonAnswers.iso(dossier.receivedAt()))
                        .put("appointmentAt", JsonAnswers.iso(dossier.appointmentAt()))
                        .put("rescheduledAppointmentAt", JsonAnswers.iso(dossier.rescheduledAppointmentAt()))
                        .put("finishedAt", JsonAnswers.iso(dossier.finishedAt()))
                        .put("returnedAt", JsonAnswers.iso(dossier.returnedAt()))
                        .put("currentStep", dossier.currentStep())
                        .put("returnPlace", dossier.returnPlace())
                        .put("history", history));
    }
}
