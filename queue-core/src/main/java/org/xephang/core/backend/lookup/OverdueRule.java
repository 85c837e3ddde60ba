package org.xephang.core.backend.lookup;

import java.time.Instant;

/**
 * "Trễ hạn" (docs/domain-vn.md §2): not a status but a fact about dates. A dossier is overdue when it is still running and
 * now is past its appointment date, or when it finished after that date. The first appointment counts: a rescheduled
 * date (apology slip) does not make a late dossier on time, it only tells the citizen when to come back.
 */
final class OverdueRule {

    private OverdueRule() {}

    public static boolean isOverdue(DossierStatus dossier, Instant now) {
        Instant due = dossier.appointmentAt();
        DossierStatusCode status = dossier.status();
        if (due == null || status == null) {
            return false;
        }
        if (status.isFinished()) {
            Instant finished = dossier.finishedAt() != null ? dossier.finishedAt() : dossier.returnedAt();
            return finished != null && finished.isAfter(due);
        }
        return status.hasRunningDeadline() && now.isAfter(due);
    }
}
