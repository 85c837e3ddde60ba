package org.xephang.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A site's notification settings ({@code notifications} in the site's configuration; {@code docs/notifications.md}).
 *
 * <ul>
 *   <li>Essentials: {@code provider}, {@code none} (the default: citizens cannot leave a number), {@code sms} (the
 *       centre's SMS gateway) or {@code zalo} (the centre's Zalo ZNS account).
 *   <li>Frequently used: {@code nearPosition} (default {@value #DEFAULT_NEAR_POSITION}): "sắp đến lượt" is sent when
 *       the ticket is at most this many places from the front of its line (1 = next to be called, so 3 means at most
 *       two tickets ahead), 0 turns the position rule off; {@code nearMinutes} (default {@value
 *       #DEFAULT_NEAR_MINUTES}): it is also sent when the estimated wait (adr/0015) is at most this many minutes, 0
 *       turns the time rule off. Whichever comes first sends it; only once.
 *   <li>Rarely used: {@code keepNumbers} (default and only value so far {@code end-of-day}): numbers are deleted at
 *       the end of the site's day (local midnight).
 * </ul>
 *
 * Validated in the constructor, every problem named by its key at once. Immutable.
 */
public record NotificationSettings(String provider, int nearPosition, int nearMinutes, String keepNumbers) {

    public static final String NONE = "none";
    public static final Set<String> PROVIDERS = Set.of(NONE, "sms", "zalo");
    public static final Set<String> KEEP_NUMBERS = Set.of("end-of-day");
    public static final int DEFAULT_NEAR_POSITION = 3;
    public static final int DEFAULT_NEAR_MINUTES = 10;
    static final int MAX_NEAR_POSITION = 50;
    static final int MAX_NEAR_MINUTES = 240;

    /** Notifications off; the defaults of the near rule kept for when a provider is chosen. */
    public static final NotificationSettings OFF =
            new NotificationSettings(NONE, DEFAULT_NEAR_POSITION, DEFAULT_NEAR_MINUTES, "end-of-day");

    public NotificationSettings {
        provider = provider == null ? NONE : provider;
        keepNumbers = keepNumbers == null ? "end-of-day" : keepNumbers;
        List<String> problems = new ArrayList<>();
        if (!PROVIDERS.contains(provider)) {
            problems.add("notifications.provider: '" + provider + "' is not one of " + List.copyOf(PROVIDERS));
        }
        if (nearPosition < 0 || nearPosition > MAX_NEAR_POSITION) {
            problems.add(
                    "notifications.nearPosition: must be 0 (off) to " + MAX_NEAR_POSITION + ", got " + nearPosition);
        }
        if (nearMinutes < 0 || nearMinutes > MAX_NEAR_MINUTES) {
            problems.add("notifications.nearMinutes: must be 0 (off) to " + MAX_NEAR_MINUTES + ", got " + nearMinutes);
        }
        if (!KEEP_NUMBERS.contains(keepNumbers)) {
            problems.add("notifications.keepNumbers: '" + keepNumbers + "' is not one of " + List.copyOf(KEEP_NUMBERS));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    /** The given provider with the documented defaults for the rest. */
    public static NotificationSettings withProvider(String provider) {
        return new NotificationSettings(provider, DEFAULT_NEAR_POSITION, DEFAULT_NEAR_MINUTES, "end-of-day");
    }

    /** Whether citizens of this site may leave a number at all. */
    public boolean enabled() {
        return !NONE.equals(provider);
    }

    /** When a number left at {@code subscribedAt} is deleted: the start of the site's next local day. */
    public static Instant purgeAt(Instant subscribedAt, ZoneId siteZone) {
        LocalDate day = subscribedAt.atZone(siteZone).toLocalDate();
        return day.plusDays(1).atStartOfDay(siteZone).toInstant();
    }

    /** The time rule's bound, or null when it is off. */
    public Duration nearWait() {
        return nearMinutes == 0 ? null : Duration.ofMinutes(nearMinutes);
    }
}
