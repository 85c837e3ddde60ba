package org.xephang.kiosk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PageFailures;
import org.xephang.api.ErrorCode;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;

/**
 * What the kiosk's home screen says about issuing: "closed" (until the next opening) and the services that reached
 * their daily cap today, learnt from a refused tap or from the server's issuing state. Used on the agent's context
 * only.
 */
final class IssuingNotice {

    private static final Logger LOG = LoggerFactory.getLogger(IssuingNotice.class);

    /** How long a "closed" refusal without a next opening is shown before the kiosk asks again. */
    private static final Duration CLOSED_WITHOUT_OPENING = Duration.ofMinutes(5);

    private final Map<String, LocalDate> capReached = new HashMap<>();
    private JsonObject closedNotice;
    private Instant closedUntil;

    /** A ticket was issued: the site is open. */
    void issued() {
        closedNotice = null;
    }

    /** A tap was refused; answers whether the home screen changes (closed, or the service's cap reached). */
    boolean refused(String service, QueueError error, Instant now, LocalDate today) {
        if (error.code() == ErrorCode.SITE_CLOSED) {
            JsonObject json = error.toJson();
            closedNotice = new JsonObject()
                    .put("message", error.getMessage())
                    .put("messageEn", error.messageEn())
                    .put("nextOpening", json.getValue("nextOpening"));
            closedUntil = instantOr(json.getString("nextOpening"), now.plus(CLOSED_WITHOUT_OPENING));
            return true;
        }
        if (error.code() == ErrorCode.DAILY_CAP_REACHED) {
            capReached.put(service, today);
            return true;
        }
        return false;
    }

    /** The server said whether it issues now; answers whether the home screen changes. */
    boolean read(IssuingState issuing, Instant now, LocalDate today, Duration recheck) {
        JsonObject notice = issuing.open()
                ? null
                : new JsonObject()
                        .put("message", issuing.message())
                        .put("messageEn", issuing.messageEn())
                        .put(
                                "nextOpening",
                                issuing.nextOpening() == null
                                        ? null
                                        : issuing.nextOpening().toString());
        Map<String, LocalDate> capped = new HashMap<>();
        issuing.capReached().forEach(code -> capped.put(code, today));
        if (Objects.equals(notice, closedNotice) && capped.equals(capReached)) {
            return false;
        }
        closedNotice = notice;
        closedUntil = issuing.nextOpening() == null
                ? now.plus(recheck)
                : issuing.nextOpening().toInstant();
        capReached.clear();
        capReached.putAll(capped);
        return true;
    }

    /** The "closed" notice for the page, or null (it lapses at the next opening). */
    JsonObject closed(Instant now) {
        if (closedNotice != null && closedUntil != null && !now.isBefore(closedUntil)) {
            closedNotice = null;
        }
        return closedNotice;
    }

    /** The services at their daily cap today, sorted (yesterday's caps lapse). */
    JsonArray capReached(LocalDate today) {
        capReached.values().removeIf(day -> !day.equals(today));
        return new JsonArray(capReached.keySet().stream().sorted().toList());
    }

    private static Instant instantOr(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                return fallback;
            }
        }
    }

    /**
     * The server's issuing state could not be read: a lost link is shown on the page already (debug); anything else (a
     * refusal, an older server) must be seen (warning).
     */
    void notRead(String kioskId, Throwable cause) {
        if (PageFailures.isLostConnection(cause)) {
            LOG.debug("kiosk {}: issuing state not read: {}", kioskId, cause.toString());
        } else {
            LOG.warn("kiosk {}: the server did not say whether it issues tickets: {}", kioskId, cause.toString());
        }
    }
}
