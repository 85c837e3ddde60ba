package org.xephang.core.backend.notify;

import java.time.Duration;
import java.util.Optional;
import org.xephang.core.backend.forward.ForwarderConfig;

/**
 * The centre's messaging accounts: the {@code notifications:} section of the centre YAML ({@code
 * docs/notifications.md}); a site chooses one with its own {@code notifications.provider}. Secrets never appear in
 * {@link #toString()} (the profile configs hide them).
 *
 * @param sms the SMS gateway account, or null
 * @param zalo the Zalo OA account, or null
 * @param requestsPerMinute messages sent per provider and minute at most (the provider's own rate limit)
 * @param timeout one attempt's deadline
 * @param initialBackoff the wait after a first failure, doubled after each further one, with jitter
 * @param maxBackoff the longest wait between attempts
 * @param inboundSecret the HMAC secret the SMS gateway signs inbound messages with, or null (the inbound webhook is
 *     then off)
 */
public record NotificationProviders(
        SmsGatewayProfile.Config sms,
        ZaloZnsProfile.Config zalo,
        int requestsPerMinute,
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        String inboundSecret) {

    public static final int DEFAULT_REQUESTS_PER_MINUTE = 60;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public NotificationProviders {
        requestsPerMinute = requestsPerMinute <= 0 ? DEFAULT_REQUESTS_PER_MINUTE : requestsPerMinute;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        initialBackoff = initialBackoff == null ? ForwarderConfig.DEFAULT_INITIAL_BACKOFF : initialBackoff;
        maxBackoff = maxBackoff == null ? ForwarderConfig.DEFAULT_MAX_BACKOFF : maxBackoff;
    }

    /** No account: sites must keep {@code provider: none}. */
    public static NotificationProviders none() {
        return new NotificationProviders(null, null, 0, null, null, null, null);
    }

    /** The profile of a site's {@code provider}, or empty for {@code none} or an account the centre lacks. */
    public Optional<NotificationProfile> profile(String provider) {
        return switch (provider) {
            case "sms" -> Optional.ofNullable(sms).map(SmsGatewayProfile::new);
            case "zalo" -> Optional.ofNullable(zalo).map(ZaloZnsProfile::new);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "NotificationProviders[sms=" + sms + ", zalo=" + zalo + ", requestsPerMinute=" + requestsPerMinute
                + ", timeout=" + timeout + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff
                + ", inboundSecret=" + (inboundSecret == null ? "none" : "***") + "]";
    }
}
