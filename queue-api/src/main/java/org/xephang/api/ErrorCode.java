package org.xephang.api;

/**
 * Every error the API can answer, with its HTTP status. The wire form is {@code {"error": name(), "message": …}}; the
 * message is plain Vietnamese, fit to show to the person who caused it.
 */
public enum ErrorCode {
    INVALID_JSON(400),
    INVALID_REQUEST(400),
    /** An administration request with a field that breaks a rule; the answer's {@code field} names it. */
    VALIDATION(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_SIGNED_IN(403),
    UNKNOWN_SITE(404),
    UNKNOWN_SERVICE(404),
    UNKNOWN_COUNTER(404),
    UNKNOWN_TICKET(404),
    UNKNOWN_DOSSIER(404),
    /** No booking has this code (or it was cancelled and purged). */
    UNKNOWN_APPOINTMENT(404),
    NOT_FOUND(404),
    /** The path exists but not with this method; the answer's {@code Allow} header lists those it takes. */
    METHOD_NOT_ALLOWED(405),
    INVALID_TRANSITION(409),
    COUNTER_BUSY(409),
    ALREADY_RATED(409),
    CONFLICT(409),
    /** An account with this username exists already. */
    ACCOUNT_EXISTS(409),
    /** The change would leave no enabled province administrator. */
    LAST_ADMIN(409),
    /** The appointment slot has no free place left. */
    SLOT_FULL(409),
    PAYLOAD_TOO_LARGE(413),
    SITE_CLOSED(422),
    DAILY_CAP_REACHED(422),
    /** The service (lĩnh vực) is closed for new tickets (being retired); its issued tickets are still served. */
    SERVICE_CLOSED(422),
    /** The site takes no bookings, or the slot is past, too far ahead or not one the site offers. */
    SLOT_UNAVAILABLE(422),
    /** A booking checked in at another site or on another day than its own. */
    APPOINTMENT_ELSEWHERE(422),
    /** A booking checked in more than the site's grace period before its slot. */
    CHECK_IN_TOO_EARLY(422),
    RATE_LIMITED(429),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
