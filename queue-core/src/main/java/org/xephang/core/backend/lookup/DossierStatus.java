package org.xephang.core.backend.lookup;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.xephang.core.privacy.OwnerNameMask;

/**
 * A dossier's progress as every provider normalises it, safe to show on a public screen: the owner name is already
 * masked, and nothing else personal is kept. Whether it is overdue depends on the time of asking, so it is derived
 * when written out ({@link #toJson(Instant)}).
 *
 * @param code the dossier code as the vendor spells it
 * @param procedure the procedure's name (TTHC), or null
 * @param maskedOwner the owner's name masked by {@link OwnerNameMask}, or null
 * @param status the national status, or null when the vendor's status could not be mapped
 * @param vendorStatusId the vendor's raw status id, or null
 * @param vendorStatusName the vendor's raw status name, or null
 * @param appointmentAt the appointment date (ngày hẹn trả) as first given
 * @param rescheduledAppointmentAt the new appointment date of an apology slip, or null
 * @param finishedAt when processing ended (result ready), or null
 * @param returnedAt when the result was handed over, or null
 * @param currentStep the step or unit working on it now, or null
 * @param returnPlace where to collect the result, or null
 * @param history progress steps, oldest first
 * @param source the provider style that answered ({@code generic}, {@code igate}, {@code dvcqg})
 */
public record DossierStatus(
        String code,
        String procedure,
        String maskedOwner,
        DossierStatusCode status,
        String vendorStatusId,
        String vendorStatusName,
        Instant receivedAt,
        Instant appointmentAt,
        Instant rescheduledAppointmentAt,
        Instant finishedAt,
        Instant returnedAt,
        String currentStep,
        String returnPlace,
        List<Step> history,
        String source) {

    public DossierStatus {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** One step of the progress history. */
    public record Step(Instant at, String description, String unit) {
        JsonObject toJson() {
            return new JsonObject()
                    .put("at", text(at))
                    .put("description", description)
                    .put("unit", unit);
        }
    }

    /** The public JSON of {@code GET /api/v1/dossiers/{code}}, with {@code overdue} derived at {@code now}. */
    public JsonObject toJson(Instant now) {
        JsonObject statusJson = new JsonObject()
                .put("code", status == null ? null : status.code())
                .put("name", status == null ? vendorStatusName : status.vietnameseName())
                .put("vendorId", vendorStatusId)
                .put("vendorName", vendorStatusName);
        JsonArray steps = new JsonArray();
        history.forEach(step -> steps.add(step.toJson()));
        return new JsonObject()
                .put("code", code)
                .put("procedure", procedure)
                .put("owner", maskedOwner)
                .put("status", statusJson)
                .put("receivedAt", text(receivedAt))
                .put("appointmentAt", text(appointmentAt))
                .put("rescheduledAppointmentAt", text(rescheduledAppointmentAt))
                .put("finishedAt", text(finishedAt))
                .put("returnedAt", text(returnedAt))
                .put("overdue", OverdueRule.isOverdue(this, now))
                .put("currentStep", currentStep)
                .put("returnPlace", returnPlace)
                .put("history", steps)
                .put("source", source);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
