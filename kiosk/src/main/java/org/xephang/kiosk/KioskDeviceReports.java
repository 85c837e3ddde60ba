package org.xephang.kiosk;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.DeviceHealth;
import org.xephang.device.DeviceStatus;

/**
 * What the kiosk tells the server about itself and its printer (docs/devices.md §7): the printer's status whenever it
 * changes (kept until the server took it, and sent again when the link returns), and a heartbeat every 20 s. Used on
 * the agent's context only.
 */
final class KioskDeviceReports implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KioskDeviceReports.class);

    private final Vertx vertx;
    private final CoreGateway core;
    private final ReceiptPrinter printer;
    private final String kioskId;
    /** Whether the server link is up: a failure while it is down is no news (the page already says so). */
    private final BooleanSupplier linkUp;

    private DeviceStatus reportPending;
    /** What is wrong with the scanner as its scans show (a hint for the technician), or null. */
    private String scannerHint;
    /** Whether the scanner was reported once: from then on the heartbeats name it too. */
    private boolean scannerReported;

    private long heartbeatTimer = -1;
    private boolean closed;

    KioskDeviceReports(Vertx vertx, CoreGateway core, ReceiptPrinter printer, String kioskId, BooleanSupplier linkUp) {
        this.vertx = vertx;
        this.core = core;
        this.printer = printer;
        this.kioskId = kioskId;
        this.linkUp = linkUp;
    }

    /** Reports the printer as it is now and starts the heartbeats. */
    void start() {
        reportPending = printer.status();
        sendPending();
        sendHeartbeat();
        heartbeatTimer = vertx.setPeriodic(DeviceHealth.HEARTBEAT_INTERVAL.toMillis(), t -> sendHeartbeat());
    }

    /** The printer's status changed: the server is told (again later if it cannot be now). */
    void printerChanged(DeviceStatus current) {
        reportPending = current;
        sendPending();
    }

    /** The link is back: a report the server did not take yet is sent again. */
    void linkReturned() {
        sendPending();
    }

    /**
     * Every 20 s: the kiosk and its printer are alive (the server marks a device silent for 60 s OFFLINE). A failure
     * while the link is up is logged; while it is down the page already says so.
     */
    private void sendHeartbeat() {
        if (closed) {
            return;
        }
        List<String> devices = scannerReported ? List.of(printer.deviceId(), scannerId()) : List.of(printer.deviceId());
        core.heartbeat(devices).onFailure(failure -> {
            if (linkUp.getAsBoolean()) {
                LOG.warn("kiosk {}: heartbeat not accepted: {}", kioskId, failure.toString());
            }
        });
    }

    /**
     * What the last scan says of the scanner: a hint for the technician (ERROR with the hint as its detail, so the
     * supervisor's page shows it) or null once scans read well again (ONLINE). Nothing is sent while nothing changed,
     * and a scanner never in trouble is never reported.
     */
    void scannerRead(String hint) {
        if (closed || Objects.equals(hint, scannerHint) || (hint == null && !scannerReported)) {
            return;
        }
        scannerHint = hint;
        scannerReported = true;
        JsonObject report = new JsonObject()
                .put("device", scannerId())
                .put("kind", "scanner")
                .put("state", hint == null ? "ONLINE" : "ERROR")
                .put("detail", hint == null ? "Đọc mã bình thường" : hint);
        core.reportDeviceStatus(report).onFailure(failure -> {
            if (linkUp.getAsBoolean()) {
                LOG.warn("kiosk {}: scanner status not reported: {}", kioskId, failure.toString());
            }
        });
    }

    private String scannerId() {
        return kioskId + "/scanner";
    }

    private void sendPending() {
        DeviceStatus status = reportPending;
        if (status == null || closed) {
            return;
        }
        JsonObject report = new JsonObject()
                .put("device", printer.deviceId())
                .put("kind", "printer")
                .put("state", status.state().name())
                .put("detail", status.description())
                .put("since", status.since().toString());
        core.reportDeviceStatus(report).onComplete(sent -> {
            if (sent.succeeded()) {
                if (Objects.equals(reportPending, status)) {
                    reportPending = null;
                }
            } else {
                LOG.warn(
                        "kiosk {}: printer status {} not reported yet, will resend when the server is back: {}",
                        kioskId,
                        status.state(),
                        sent.cause().toString());
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (heartbeatTimer >= 0) {
            vertx.cancelTimer(heartbeatTimer);
        }
    }
}
