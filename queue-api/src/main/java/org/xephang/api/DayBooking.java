package org.xephang.api;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One booking of a site's day as staff list it ({@code GET /api/v1/sites/{site}/appointments?date=}): its code, field,
 * slot and whether its citizen has checked in. Names and phones are left out: the officer's screen needs only who is
 * expected and when.
 *
 * @param checkedIn whether the citizen has checked in at a kiosk (the ticket is then in the waiting list)
 */
public record DayBooking(String code, String service, Instant start, Instant end, boolean checkedIn) {

    public DayBooking {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("code", code)
                .put("service", service)
                .put("start", Json.instant(start))
                .put("end", Json.instant(end))
                .put("checkedIn", checkedIn);
    }

    /** Reads the server's form (times with the site's offset, {@code 2026-11-23T08:15:00+07:00}) or {@link #toJson}'s. */
    public static DayBooking fromJson(JsonObject json) {
        return new DayBooking(
                json.getString("code"),
                json.getString("service"),
                OffsetDateTime.parse(json.getString("start")).toInstant(),
                OffsetDateTime.parse(json.getString("end")).toInstant(),
                json.getBoolean("checkedIn", false));
    }
}
