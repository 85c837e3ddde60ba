package org.xephang.dossiersim;

import java.time.Instant;
import java.util.List;

/**
 * One dossier the simulated system knows, in the vendor-neutral form the simulator renders in each lookup style.
 * Holds fake personal data on purpose (owner name, ID and phone numbers) so tests can prove the server masks or drops
 * them.
 *
 * @param status the national status 1–10
 * @param label a short Vietnamese description for the demo page ("Đang xử lý, trễ hạn, có hẹn lại")
 */
public record SampleDossier(
        String code,
        String procedure,
        String ownerName,
        String idNumber,
        String phone,
        int status,
        Instant receivedAt,
        Instant appointmentAt,
        Instant rescheduledAppointmentAt,
        Instant finishedAt,
        Instant returnedAt,
        String currentStep,
        String returnPlace,
        List<Step> history,
        String label) {

    public SampleDossier {
        history = List.copyOf(history);
    }

    /** A progress step. */
    public record Step(Instant at, String description, String unit) {}
}
