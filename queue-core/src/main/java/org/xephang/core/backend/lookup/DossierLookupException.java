package org.xephang.core.backend.lookup;

/**
 * Why a provider could not answer. {@link DossierLookup} turns each reason into the API's error; the message is for
 * the log (it never holds personal data) and names the vendor field or HTTP status at fault.
 */
public class DossierLookupException extends RuntimeException {

    /** The reasons a lookup fails. */
    public enum Reason {
        /** The dossier system does not know the code. */
        NOT_FOUND,
        /** Timeout, connection refused, 5xx: try again later. */
        UNAVAILABLE,
        /** The dossier system throttles us (429). */
        RATE_LIMITED,
        /** Our credentials were refused (401/403): a configuration problem. */
        REFUSED_CREDENTIALS,
        /** The answer could not be understood. */
        MALFORMED
    }

    private final Reason reason;

    public DossierLookupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DossierLookupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static DossierLookupException malformed(String message) {
        return new DossierLookupException(Reason.MALFORMED, message);
    }
}
