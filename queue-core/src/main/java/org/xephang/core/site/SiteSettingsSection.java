package org.xephang.core.site;

import java.time.Duration;
import java.util.TreeSet;
import org.xephang.api.SiteInfo;
import org.xephang.core.notify.NotificationSettings;

/**
 * The {@code sites[i]} settings sections, each optional with defaults: {@code notifications}, {@code appointments},
 * {@code priorityRule} and {@code supervision}.
 */
final class SiteSettingsSection {

    private SiteSettingsSection() {}

    /**
     * {@code notifications: {provider: sms, nearPosition: 3, nearMinutes: 10, keepNumbers: end-of-day}}; absent means
     * off ({@link NotificationSettings#OFF}). The provider's account is the centre's ({@code notifications.sms} or
     * {@code .zalo} beside {@code dossier}).
     */
    static NotificationSettings notifications(ConfigNode node) {
        if (node.isMissing() || !node.isMapping()) {
            return NotificationSettings.OFF;
        }
        node.allowOnly("provider", "nearPosition", "nearMinutes", "keepNumbers");
        String provider = node.text("provider", NotificationSettings.NONE);
        if (!NotificationSettings.PROVIDERS.contains(provider)) {
            node.child("provider")
                    .problem("must be one of " + new TreeSet<>(NotificationSettings.PROVIDERS) + ", got \"" + provider
                            + "\"");
            provider = NotificationSettings.NONE;
        }
        String keep = node.text("keepNumbers", "end-of-day");
        if (!NotificationSettings.KEEP_NUMBERS.contains(keep)) {
            node.child("keepNumbers")
                    .problem("must be one of " + new TreeSet<>(NotificationSettings.KEEP_NUMBERS) + ", got \"" + keep
                            + "\"");
            keep = "end-of-day";
        }
        return new NotificationSettings(
                provider,
                node.integer("nearPosition", NotificationSettings.DEFAULT_NEAR_POSITION, 0, 50),
                node.integer("nearMinutes", NotificationSettings.DEFAULT_NEAR_MINUTES, 0, 240),
                keep);
    }

    /**
     * {@code appointments: {enabled: true, walkInShare: 0.5, slotMinutes: 15, daysAhead: 14, graceMinutes: 15,
     * perPhonePerDay: 3, perAddressPerDay: 20}}; absent keys take {@link AppointmentSettings#DEFAULTS}.
     */
    static AppointmentSettings appointments(ConfigNode node) {
        AppointmentSettings defaults = AppointmentSettings.DEFAULTS;
        if (node.isMissing() || !node.isMapping()) {
            return defaults;
        }
        node.allowOnly(
                "enabled",
                "walkInShare",
                "slotMinutes",
                "daysAhead",
                "graceMinutes",
                "perPhonePerDay",
                "perAddressPerDay");
        return new AppointmentSettings(
                node.bool("enabled", defaults.enabled()),
                node.fraction("walkInShare", defaults.walkInShare()),
                node.integer("slotMinutes", defaults.slotMinutes(), 5, 240),
                node.integer("daysAhead", defaults.daysAhead(), 0, 366),
                node.integer("graceMinutes", defaults.graceMinutes(), 0, 240),
                node.integer("perPhonePerDay", defaults.perPhonePerDay(), 1, 100),
                node.integer("perAddressPerDay", defaults.perAddressPerDay(), 1, 10000));
    }

    /** {@code priorityRule: {maxInRow: 3, normalWaitLimitMinutes: 45}}; absent means {@link PriorityRule#DEFAULT}. */
    static PriorityRule priorityRule(ConfigNode node) {
        if (node.isMissing() || !node.isMapping()) {
            return PriorityRule.DEFAULT;
        }
        node.allowOnly("maxInRow", "normalWaitLimitMinutes");
        int maxInRow = node.integer("maxInRow", PriorityRule.DEFAULT.maxInRow(), 0, 100);
        Integer limit = node.integer("normalWaitLimitMinutes", null, 1, 600);
        return new PriorityRule(maxInRow, limit == null ? null : Duration.ofMinutes(limit));
    }

    /** The live view's alert thresholds: {@code supervision: { waitAlertMinutes: 30, pauseAlertMinutes: 15 }}. */
    static SiteInfo.Supervision supervision(ConfigNode node) {
        if (node.isMissing()) {
            return SiteInfo.Supervision.DEFAULTS;
        }
        node.allowOnly("waitAlertMinutes", "pauseAlertMinutes");
        SiteInfo.Supervision defaults = SiteInfo.Supervision.DEFAULTS;
        return new SiteInfo.Supervision(
                node.integer("waitAlertMinutes", defaults.waitAlertMinutes(), 1, 480),
                node.integer("pauseAlertMinutes", defaults.pauseAlertMinutes(), 1, 480));
    }

    /** {@code retention: {ticketDays: 180}}; absent keys take {@link RetentionSettings#DEFAULTS}. */
    static RetentionSettings retention(ConfigNode node) {
        if (node.isMissing() || !node.isMapping()) {
            return RetentionSettings.DEFAULTS;
        }
        node.allowOnly("ticketDays");
        return new RetentionSettings(node.integer(
                "ticketDays",
                RetentionSettings.DEFAULT_TICKET_DAYS,
                RetentionSettings.MIN_TICKET_DAYS,
                RetentionSettings.MAX_TICKET_DAYS));
    }
}
