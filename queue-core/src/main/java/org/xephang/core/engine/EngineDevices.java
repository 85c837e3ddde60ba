package org.xephang.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.DeviceHealth;
import org.xephang.api.QueueError;
import org.xephang.core.DeviceHeartbeat;
import org.xephang.core.DeviceStatusReport;

/**
 * The engine's side of the device registry (docs/devices.md): status reports are writer commands; a heartbeat that
 * changes nothing is answered without the writer; devices silent too long are turned OFFLINE by a periodic check that
 * submits a command only for a site that has such a device. Each site's registry lives in its {@link DeviceReports}.
 */
final class EngineDevices {

    private static final Logger LOG = LoggerFactory.getLogger(EngineDevices.class);

    private final EngineWriter writer;

    EngineDevices(EngineWriter writer) {
        this.writer = writer;
    }

    CompletionStage<Void> report(String site, DeviceStatusReport report) {
        return writer.onSite(site, (s, w, now) -> {
            s.devices().report(w, report, now);
            return null;
        });
    }

    CompletionStage<Void> heartbeat(String siteCode, DeviceHeartbeat heartbeat) {
        SiteQueue site = writer.siteQueue(siteCode);
        if (site == null) {
            return CompletableFuture.failedFuture(EngineWriter.unknownSite(siteCode));
        }
        List<String> left;
        try {
            left = site.devices().touch(heartbeat, writer.now());
        } catch (QueueError refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (left.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.onSite(siteCode, (s, w, now) -> {
            s.devices().heartbeatChanges(w, heartbeat, left, now);
            return null;
        });
    }

    List<DeviceHealth> list(String siteCode) {
        SiteQueue site = writer.siteQueue(siteCode);
        if (site == null) {
            throw EngineWriter.unknownSite(siteCode);
        }
        return site.devices().registry().list();
    }

    /**
     * Every few seconds (a twelfth of the silence limit): devices not heard of for longer than the limit become
     * OFFLINE with a {@code device.status} event. Only a site that has such a device submits a writer command.
     */
    void checkSilentDevicesQuietly() {
        try {
            checkSilentDevices();
        } catch (RuntimeException e) {
            LOG.error("The device silence check failed", e);
        }
    }

    CompletionStage<Void> checkSilentDevices() {
        Instant now = writer.now();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        for (SiteQueue queue : writer.siteQueues()) {
            if (!queue.devices().registry().anyFallenSilent(now)) {
                continue;
            }
            String site = queue.config().code();
            checks.add(writer.onSite(site, (s, writes, at) -> {
                        s.devices().silence(writes, at);
                        return (Void) null;
                    })
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            LOG.warn("Site {}: the device silence check failed", site, failure);
                        }
                    })
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new));
    }
}
