package org.xephang.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the engine does on a schedule, on its one housekeeping thread; each job only submits writer commands:
 * <ul>
 *   <li>every minute: the notification numbers' purge, each site's day rollover when due and the called-ticket
 *       timeout of the sites that configure one ({@link SiteHousekeeping}), blanking past bookings' personal data,
 *       and once a day per site the retention purge ({@link RetentionPurge});
 *   <li>every twelfth of the device silence limit: the silence check ({@link EngineDevices});
 *   <li>in a cluster, every third of the lease time: an empty group whose fence renews the leases ({@link SiteLeases}).
 * </ul>
 */
final class EngineHousekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineHousekeeping.class);

    private final EngineWriter writer;
    private final Clock clock;
    private final EngineNotifications notifications;
    private final EngineAppointments appointments;
    private final RetentionPurge retention;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "xephang-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    EngineHousekeeping(
            EngineWriter writer,
            Clock clock,
            EngineNotifications notifications,
            EngineAppointments appointments,
            RetentionPurge retention) {
        this.writer = writer;
        this.clock = clock;
        this.notifications = notifications;
        this.appointments = appointments;
        this.retention = retention;
    }

    /** Starts the schedule. */
    void start(EngineDevices devices, Duration deviceSilenceLimit, SiteLeases leases) {
        thread.scheduleAtFixedRate(this::everyMinute, 0, 60, TimeUnit.SECONDS);
        if (leases.clustered()) {
            // An idle node still renews its leases: an empty group runs the fence.
            long every = leases.renewEveryMillis();
            thread.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        }
        long devicePeriod = Math.max(200, deviceSilenceLimit.toMillis() / 12);
        thread.scheduleAtFixedRate(
                devices::checkSilentDevicesQuietly, devicePeriod, devicePeriod, TimeUnit.MILLISECONDS);
    }

    /** Every minute: the day rollover when due, and the called-ticket timeout of the sites that configure one. */
    private void everyMinute() {
        notifications.purgeNumbers();
        for (SiteQueue queue : writer.siteQueues()) {
            if (!queue.needsRollover(clock.instant()) && queue.config().calledTimeoutMinutes() == null) {
                continue;
            }
            String site = queue.config().code();
            writer.onSite(site, (s, writes, now) -> null).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.warn("Site {}: housekeeping failed: {}", site, failure.getMessage());
                }
            });
        }
        appointments.forgetPersonalDataWhenDue();
        retention.runDue();
    }

    /** An empty write group: the fence renews the leases. */
    private void renewLeases() {
        writer.onWriter((writes, now) -> null).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.warn("Renewing the site leases failed: {}", failure.getMessage());
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
