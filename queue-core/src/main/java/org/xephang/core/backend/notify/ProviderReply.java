package org.xephang.core.backend.notify;

/**
 * What a provider's answer means for one message.
 *
 * @param detail a short reason for the supervisor's list (never the phone number or the text)
 */
public record ProviderReply(Outcome outcome, String detail) {

    /** Delivered to the provider; retry later (a 429, a 5xx, a timeout); or refused for good (a 4xx, a bad template). */
    public enum Outcome {
        ACCEPTED,
        RETRY,
        REJECTED
    }

    public static ProviderReply accepted() {
        return new ProviderReply(Outcome.ACCEPTED, "");
    }

    /** A transport failure (no answer in time, connection refused or reset): always retried. */
    public static ProviderReply unreachable(String detail) {
        return new ProviderReply(Outcome.RETRY, detail);
    }

    /** The outcome of a plain HTTP status: 2xx accepted, 408/429/5xx retried, any other refused. */
    public static ProviderReply ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return accepted();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new ProviderReply(Outcome.RETRY, "HTTP " + status);
        }
        return new ProviderReply(Outcome.REJECTED, "HTTP " + status);
    }
}
