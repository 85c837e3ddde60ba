package org.xephang.core.backend.forward;

import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Why a delivery attempt failed: the {@code cause} label of the failure metric. */
enum FailureCause {
    TIMEOUT,
    CONNECTION,
    HTTP_429,
    HTTP_5XX,
    HTTP_4XX,
    HTTP_OTHER,
    UNRENDERABLE;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A transport failure: a timeout, or anything else on the way (refused, reset, DNS) as CONNECTION. */
    static FailureCause of(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return TIMEOUT;
        }
        return CONNECTION;
    }

    static FailureCause of(int status) {
        if (status == 429) {
            return HTTP_429;
        }
        if (status >= 500) {
            return HTTP_5XX;
        }
        return status >= 400 ? HTTP_4XX : HTTP_OTHER;
    }
}
