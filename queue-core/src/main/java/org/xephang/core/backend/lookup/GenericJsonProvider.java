package org.xephang.core.backend.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xephang.core.privacy.OwnerNameMask;

/**
 * Our documented generic JSON lookup ({@code docs/webhook.md}, "Lookup"): {@code GET <url with {code}>} answers 200
 * with {@code {code, procedure, owner, status, statusName?, receivedAt, appointmentAt, rescheduledAppointmentAt,
 * finishedAt, returnedAt, currentStep, returnPlace, history:[{at, description, unit}]}} or 404. {@code status} may be
 * the national number 1–10, an OpenCPS string ({@code processing}) or a Vietnamese name.
 */
final class GenericJsonProvider implements DossierStatusProvider {

    private final WebClient client;
    private final LookupConfig.Generic settings;
    private final long timeoutMillis;

    GenericJsonProvider(WebClient client, LookupConfig.Generic settings, long timeoutMillis) {
        this.client = client;
        this.settings = settings;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String style() {
        return "generic";
    }

    @Override
    public Future<DossierStatus> lookup(String code) {
        String url = settings.url().replace("{code}", URLEncoder.encode(code, StandardCharsets.UTF_8));
        HttpRequest<io.vertx.core.buffer.Buffer> request =
                client.getAbs(url).timeout(timeoutMillis).putHeader("Accept", "application/json");
        if (settings.bearerToken() != null) {
            request.bearerTokenAuthentication(settings.bearerToken());
        }
        return request.send()
                .map(response -> read(VendorAnswers.jsonBody(response, "generic lookup")))
                .recover(failure -> VendorAnswers.explain(failure, "generic lookup"));
    }

    static DossierStatus read(JsonObject json) {
        String code = VendorAnswers.text(json, "code");
        if (code == null) {
            throw DossierLookupException.malformed("code: missing");
        }
        Object rawStatus = json.getValue("status");
        String statusName = VendorAnswers.text(json, "statusName");
        DossierStatusCode status;
        String vendorId;
        if (rawStatus instanceof Number number) {
            vendorId = number.toString();
            status = DossierStatusCode.ofCode(number.intValue())
                    .orElseThrow(() -> DossierLookupException.malformed("status: " + number + " is not 1–10"));
        } else if (rawStatus instanceof String text) {
            vendorId = text;
            status = VendorAnswers.status(text, statusName != null ? statusName : text, Map.of());
        } else {
            throw DossierLookupException.malformed("status: missing");
        }
        List<DossierStatus.Step> history = new ArrayList<>();
        JsonArray steps = VendorAnswers.array(json, "history");
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.getValue(i) instanceof JsonObject step)) {
                throw DossierLookupException.malformed("history[" + i + "]: expected an object");
            }
            history.add(new DossierStatus.Step(
                    DossierDates.parseValue("history[" + i + "].at", step.getValue("at"), false),
                    VendorAnswers.text(step, "description"),
                    VendorAnswers.text(step, "unit")));
        }
        return new DossierStatus(
                code,
                VendorAnswers.text(json, "procedure"),
                OwnerNameMask.mask(VendorAnswers.text(json, "owner")),
                status,
                vendorId,
                statusName,
                DossierDates.parseValue("receivedAt", json.getValue("receivedAt"), false),
                DossierDates.parseValue("appointmentAt", json.getValue("appointmentAt"), true),
                DossierDates.parseValue("rescheduledAppointmentAt", json.getValue("rescheduledAppointmentAt"), true),
                DossierDates.parseValue("finishedAt", json.getValue("finishedAt"), false),
                DossierDates.parseValue("returnedAt", json.getValue("returnedAt"), false),
                VendorAnswers.text(json, "currentStep"),
                VendorAnswers.text(json, "returnPlace"),
                history,
                "generic");
    }
}
