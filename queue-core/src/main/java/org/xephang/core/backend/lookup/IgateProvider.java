package org.xephang.core.backend.lookup;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xephang.core.backend.lookup.DossierLookupException.Reason;
import org.xephang.core.privacy.OwnerNameMask;

/**
 * VNPT iGate style (docs/domain-vn.md §2): an OAuth2 client-credentials token from a Keycloak realm, cached until shortly
 * before it expires and shared by concurrent lookups, then {@code GET <searchUrl>?code=X&spec=slice&page=0&size=20}.
 * A 401 on the search drops the token and retries once with a fresh one.
 *
 * <p>Fields read from each {@code content[]} item: {@code code}, {@code nationCode}, {@code applicant.data.fullname},
 * {@code procedure.translate[0].name}, {@code dossierStatus{id,name}} (name as text or as {@code [{name}]}; mapped by
 * the configured id table first, then by name, since ids differ between deployments), {@code appliedDate}, {@code
 * acceptedDate}, {@code appointmentDate}, {@code extendedAppointmentDate}, {@code completedDate}, {@code
 * returnedDate}, {@code currentTask[0]{name, agency.name}}, {@code receivingPlace}, {@code task[]{name, agency.name,
 * completedDate}}.
 */
final class IgateProvider implements DossierStatusProvider {

    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final WebClient client;
    private final LookupConfig.Igate settings;
    private final long timeoutMillis;
    private final Clock clock;

    /** Touched only through {@link #token()}; a Future so concurrent lookups share one token request. */
    private volatile Future<String> token;

    private volatile Instant tokenExpiresAt = Instant.MIN;

    IgateProvider(WebClient client, LookupConfig.Igate settings, long timeoutMillis, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
    }

    @Override
    public String style() {
        return "igate";
    }

    @Override
    public Future<DossierStatus> lookup(String code) {
        return search(code, true).recover(failure -> VendorAnswers.explain(failure, "igate lookup"));
    }

    private Future<DossierStatus> search(String code, boolean mayRefreshToken) {
        return token().compose(accessToken -> client.getAbs(settings.searchUrl())
                .timeout(timeoutMillis)
                .addQueryParam("code", code)
                .addQueryParam("spec", "slice")
                .addQueryParam("page", "0")
                .addQueryParam("size", "20")
                .bearerTokenAuthentication(accessToken)
                .send()
                .compose(response -> {
                    if (response.statusCode() == 401 && mayRefreshToken) {
                        forgetToken();
                        return search(code, false);
                    }
                    return Future.succeededFuture(
                            read(code, VendorAnswers.jsonBody(response, "igate search"), settings));
                }));
    }

    private synchronized Future<String> token() {
        Future<String> current = token;
        boolean usable = current != null
                && (!current.isComplete()
                        || (current.succeeded() && clock.instant().isBefore(tokenExpiresAt)));
        if (usable) {
            return current;
        }
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials")
                .add("client_id", settings.clientId())
                .add("client_secret", settings.clientSecret());
        Instant askedAt = clock.instant();
        Future<String> fresh = client.postAbs(settings.tokenUrl())
                .timeout(timeoutMillis)
                .sendForm(form)
                .map(response -> {
                    JsonObject body = VendorAnswers.jsonBody(response, "igate token");
                    String accessToken = VendorAnswers.text(body, "access_token");
                    if (accessToken == null) {
                        throw DossierLookupException.malformed("igate token: access_token missing");
                    }
                    Long expiresIn = body.getValue("expires_in") instanceof Number n ? n.longValue() : 60L;
                    Duration lifetime = Duration.ofSeconds(expiresIn).minus(EXPIRY_MARGIN);
                    tokenExpiresAt = askedAt.plus(lifetime.isNegative() ? Duration.ZERO : lifetime);
                    return accessToken;
                });
        token = fresh;
        return fresh;
    }

    private synchronized void forgetToken() {
        token = null;
    }

    static DossierStatus read(String code, JsonObject body, LookupConfig.Igate settings) {
        JsonArray content = VendorAnswers.array(body, "content");
        if (!body.containsKey("content")) {
            throw DossierLookupException.malformed("igate search: content missing");
        }
        JsonObject match = null;
        for (int i = 0; i < content.size(); i++) {
            if (!(content.getValue(i) instanceof JsonObject item)) {
                throw DossierLookupException.malformed("content[" + i + "]: expected an object");
            }
            if (code.equalsIgnoreCase(VendorAnswers.text(item, "code"))
                    || code.equalsIgnoreCase(VendorAnswers.text(item, "nationCode"))) {
                match = item;
                break;
            }
        }
        if (match == null) {
            throw new DossierLookupException(Reason.NOT_FOUND, "igate search: no dossier with that code");
        }
        JsonObject dossierStatus = VendorAnswers.object(match, "dossierStatus");
        if (dossierStatus == null) {
            throw DossierLookupException.malformed("dossierStatus: missing");
        }
        String vendorId = VendorAnswers.text(dossierStatus, "id");
        String vendorName = translated(dossierStatus, "name");
        JsonObject applicantData = VendorAnswers.object(VendorAnswers.object(match, "applicant"), "data");
        JsonObject currentTask = first(VendorAnswers.array(match, "currentTask"), "currentTask");
        String currentStep = null;
        if (currentTask != null) {
            String step = translated(currentTask, "name");
            String unit = VendorAnswers.text(VendorAnswers.object(currentTask, "agency"), "name");
            currentStep = step == null ? unit : unit == null ? step : step + " (" + unit + ")";
        }
        List<DossierStatus.Step> history = new ArrayList<>();
        JsonArray tasks = VendorAnswers.array(match, "task");
        for (int i = 0; i < tasks.size(); i++) {
            if (!(tasks.getValue(i) instanceof JsonObject task)) {
                throw DossierLookupException.malformed("task[" + i + "]: expected an object");
            }
            Object at = task.getValue("completedDate") != null
                    ? task.getValue("completedDate")
                    : task.getValue("createdDate");
            history.add(new DossierStatus.Step(
                    DossierDates.parseValue("task[" + i + "].completedDate", at, false),
                    translated(task, "name"),
                    VendorAnswers.text(VendorAnswers.object(task, "agency"), "name")));
        }
        Object received =
                match.getValue("acceptedDate") != null ? match.getValue("acceptedDate") : match.getValue("appliedDate");
        return new DossierStatus(
                VendorAnswers.text(match, "code"),
                translated(VendorAnswers.object(match, "procedure"), "translate"),
                OwnerNameMask.mask(VendorAnswers.text(applicantData, "fullname")),
                VendorAnswers.status(vendorId, vendorName, settings.statusIds()),
                vendorId,
                vendorName,
                DossierDates.parseValue("acceptedDate", received, false),
                DossierDates.parseValue("appointmentDate", match.getValue("appointmentDate"), true),
                DossierDates.parseValue("extendedAppointmentDate", match.getValue("extendedAppointmentDate"), true),
                DossierDates.parseValue("completedDate", match.getValue("completedDate"), false),
                DossierDates.parseValue("returnedDate", match.getValue("returnedDate"), false),
                currentStep,
                receivingPlace(match),
                history,
                "igate");
    }

    private static String receivingPlace(JsonObject match) {
        Object place = match.getValue("receivingPlace");
        if (place instanceof JsonObject object) {
            return VendorAnswers.text(object, "name");
        }
        return VendorAnswers.text(match, "receivingPlace");
    }

    /** iGate writes names either as text or as a translation list {@code [{languageId, name}]}. */
    private static String translated(JsonObject json, String field) {
        if (json == null) {
            return null;
        }
        Object value = json.getValue(field);
        if (value instanceof JsonArray list) {
            JsonObject firstEntry = first(list, field);
            return firstEntry == null ? null : VendorAnswers.text(firstEntry, "name");
        }
        if (value instanceof JsonObject object) {
            return VendorAnswers.text(object, "name");
        }
        return VendorAnswers.text(json, field);
    }

    private static JsonObject first(JsonArray array, String field) {
        if (array.isEmpty()) {
            return null;
        }
        if (array.getValue(0) instanceof JsonObject object) {
            return object;
        }
        throw DossierLookupException.malformed(field + "[0]: expected an object");
    }
}
