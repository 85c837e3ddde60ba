package org.xephang.core.backend.portal;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.AppointmentService;
import org.xephang.core.appointment.ImportedBooking;
import org.xephang.core.backend.forward.OutboundRequest;
import org.xephang.core.backend.forward.RetryAfter;

/**
 * Imports a day's bookings from the province's online portal (issue 17, docs/adr/0030-portal-import.md): asks the
 * portal through its {@link PortalProfile}, then hands each booking to {@link AppointmentService#importBooking}, which
 * finds one imported before by the portal's id (nothing is booked twice however often a day is imported) or books
 * it. A timeout, a 5xx or a 429 is tried again up to {@code attempts} times, never sooner than the portal's {@code
 * Retry-After} (one longer than {@value PortalConfig#LONGEST_RETRY_AFTER_SECONDS} s ends the import with "busy, try
 * again in N s"); anything else ends it with a Vietnamese message, nothing imported. A booking the centre refuses (a
 * full slot, a closed day, an unknown field, a bad phone) is listed in the report with the reason; the others go in.
 * Logs name the site and the portal's ids only. Call from an event loop.
 */
public final class PortalImporter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalImporter.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);

    private final Vertx vertx;
    private final PortalConfig config;
    private final PortalProfile profile;
    private final Clock clock;
    private final WebClient client;

    public PortalImporter(Vertx vertx, PortalConfig config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
        this.profile = config.enabled() ? PortalProfile.of(config) : null;
        this.client = config.enabled()
                ? WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setConnectTimeout((int) config.timeout().toMillis())
                                .setUserAgent("xephang-portal-import")
                                .setFollowRedirects(false))
                : null;
    }

    /** What one import did; {@link #toJson()} is the API's answer. */
    public record Report(
            String site,
            LocalDate day,
            int fetched,
            int created,
            int existing,
            List<JsonObject> refused,
            int attempts) {
        public JsonObject toJson() {
            return new JsonObject()
                    .put("site", site)
                    .put("date", day.toString())
                    .put("fetched", fetched)
                    .put("created", created)
                    .put("existing", existing)
                    .put("refused", new JsonArray(refused))
                    .put("attempts", attempts);
        }
    }

    /** Imports {@code site}'s bookings of its local {@code day}. Fails with a {@link QueueError}. */
    public Future<Report> importDay(String site, ZoneId zone, LocalDate day, AppointmentService appointments) {
        if (profile == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.NOT_FOUND,
                    "Chưa kết nối cổng dịch vụ công để nhập lịch hẹn (dossier.portal).",
                    "The public service portal is not connected for importing appointments (dossier.portal)."));
        }
        OutboundRequest request = profile.request(site, day);
        return fetch(request, 1).compose(answer -> {
            List<ImportedBooking> bookings;
            try {
                bookings = profile.read(answer.body(), zone);
            } catch (PortalProfile.PortalAnswerException unreadable) {
                LOG.warn("site {}: the portal's answer for {} is unreadable: {}", site, day, unreadable.getMessage());
                return Future.failedFuture(new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Cổng dịch vụ công trả lời không đúng định dạng, chưa nhập được lịch hẹn ("
                                + unreadable.getMessage() + ").",
                        "The public service portal answered in an unexpected format; the appointments were not imported ("
                                + unreadable.getMessage() + ")."));
            }
            return importAll(site, day, bookings, appointments, answer.attempts());
        });
    }

    private record Answer(String body, int attempts) {}

    private Future<Answer> fetch(OutboundRequest request, int attempt) {
        HttpRequest<Buffer> http = client.requestAbs(request.method(), request.url())
                .timeout(config.timeout().toMillis())
                .putHeader("Accept", "application/json");
        request.headers().forEach(http::putHeader);
        Future<HttpResponse<Buffer>> sent = request.body().length() == 0
                ? http.send()
                : http.putHeader("Content-Type", request.contentType()).sendBuffer(request.body());
        return sent.transform(result -> {
            Duration wait;
            String why;
            if (result.failed()) {
                why = result.cause() instanceof TimeoutException
                        ? "no answer within " + config.timeout().toMillis() + " ms"
                        : result.cause().getClass().getSimpleName();
                wait = backoff(attempt);
            } else {
                HttpResponse<Buffer> response = result.result();
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Future.succeededFuture(new Answer(response.bodyAsString(), attempt));
                }
                if (status != 429 && status != 408 && status < 500) {
                    LOG.warn("portal import refused: HTTP {}", status);
                    return Future.failedFuture(new QueueError(
                            ErrorCode.UNAVAILABLE,
                            "Cổng dịch vụ công từ chối yêu cầu (HTTP " + status
                                    + "). Vui lòng báo quản trị kiểm tra cấu hình dossier.portal.",
                            "The public service portal refused the request (HTTP " + status
                                    + "). Please ask the administrator to check the dossier.portal configuration."));
                }
                why = "HTTP " + status;
                Duration retryAfter = RetryAfter.parse(response.getHeader("Retry-After"), clock.instant())
                        .orElse(null);
                if (retryAfter != null && retryAfter.toSeconds() > PortalConfig.LONGEST_RETRY_AFTER_SECONDS) {
                    return Future.failedFuture(busy(retryAfter));
                }
                wait = retryAfter != null && retryAfter.compareTo(backoff(attempt)) > 0 ? retryAfter : backoff(attempt);
            }
            if (attempt >= config.attempts()) {
                LOG.warn("portal import gave up after {} attempts: {}", attempt, why);
                return Future.failedFuture(new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Cổng dịch vụ công không trả lời sau " + attempt + " lần thử. Vui lòng thử lại sau ít phút.",
                        "The public service portal did not answer after " + attempt
                                + " attempts. Please try again in a few minutes."));
            }
            LOG.info("portal import: attempt {} failed ({}); again in {} ms", attempt, why, wait.toMillis());
            Promise<Answer> again = Promise.promise();
            vertx.setTimer(
                    Math.max(1, wait.toMillis()),
                    id -> fetch(request, attempt + 1).onComplete(again));
            return again.future();
        });
    }

    private static Duration backoff(int attempt) {
        return FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 5));
    }

    private static QueueError busy(Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        return new QueueError(
                ErrorCode.RATE_LIMITED,
                "Cổng dịch vụ công đang bận. Vui lòng nhập lại sau " + seconds + " giây.",
                "The public service portal is busy. Please import again in " + seconds + " seconds.",
                new JsonObject().put("retryAfterSeconds", seconds));
    }

    /** One booking after another (each a command on the engine's writer), the refusals collected. */
    private Future<Report> importAll(
            String site, LocalDate day, List<ImportedBooking> bookings, AppointmentService appointments, int attempts) {
        List<JsonObject> refused = new ArrayList<>();
        int[] counts = new int[2];
        Future<Void> chain = Future.succeededFuture();
        for (ImportedBooking booking : bookings) {
            chain = chain.compose(v -> Future.fromCompletionStage(appointments.importBooking(site, booking))
                    .transform(done -> {
                        if (done.succeeded()) {
                            counts[done.result().created() ? 0 : 1]++;
                        } else {
                            Throwable failure = done.cause();
                            refused.add(new JsonObject()
                                    .put("id", booking.externalId())
                                    .put(
                                            "error",
                                            failure instanceof QueueError error
                                                    ? error.code().name()
                                                    : "INTERNAL")
                                    .put("message", failure.getMessage())
                                    .put(
                                            "messageEn",
                                            failure instanceof QueueError error
                                                    ? error.messageEn()
                                                    : failure.getMessage()));
                        }
                        return Future.succeededFuture();
                    }));
        }
        return chain.map(v -> {
            Report report =
                    new Report(site, day, bookings.size(), counts[0], counts[1], List.copyOf(refused), attempts);
            LOG.info(
                    "site {}: portal import of {}: {} fetched, {} new, {} already imported, {} refused",
                    site,
                    day,
                    report.fetched(),
                    report.created(),
                    report.existing(),
                    refused.size());
            return report;
        });
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
