package org.xephang.device.scanner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import jpos.JposConst;
import jpos.JposException;
import jpos.Scanner;
import jpos.events.DataEvent;
import jpos.events.ErrorEvent;
import jpos.events.StatusUpdateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceState;

/**
 * A scanner behind a vendor's JavaPOS Scanner service ({@code scanner:javapos://Scanner1}), opened, claimed and
 * enabled by its logical name from {@code jpos.xml}, with {@code DecodeData=true} so {@code ScanDataLabel} holds the
 * code without prefix and suffix. Data events are re-enabled after each one (JavaPOS turns them off per event).
 *
 * <p>Threading: see {@link BarcodeScanner}; scans and status changes arrive on the service's event thread.
 */
final class JavaPosBarcodeScanner extends TrackedBarcodeScanner {

    private static final Logger LOG = LoggerFactory.getLogger(JavaPosBarcodeScanner.class);
    private static final int CLAIM_TIMEOUT_MS = 3000;

    private final String logicalName;
    private final Scanner scanner;
    private boolean ready;

    JavaPosBarcodeScanner(String logicalName, Scanner control, ScannedPayloadParser parser, Clock clock) {
        super("scanner:javapos://" + logicalName, parser, clock);
        this.logicalName = logicalName;
        this.scanner = Objects.requireNonNull(control, "control");
        scanner.addDataListener(this::dataOccurred);
        scanner.addErrorListener(this::errorOccurred);
        scanner.addStatusUpdateListener(this::statusUpdateOccurred);
    }

    @Override
    public synchronized void start() {
        if (ready) {
            return;
        }
        try {
            scanner.open(logicalName);
            scanner.claim(CLAIM_TIMEOUT_MS);
            try {
                scanner.setPowerNotify(JposConst.JPOS_PN_ENABLED);
            } catch (JposException e) {
                LOG.debug("{}: power notification not supported: {}", id(), e.getMessage());
            }
            scanner.setDeviceEnabled(true);
            scanner.setDecodeData(true);
            scanner.setDataEventEnabled(true);
            ready = true;
            tracker().update(DeviceState.ONLINE, "JavaPOS " + logicalName);
        } catch (JposException e) {
            closeQuietly();
            tracker()
                    .update(
                            DeviceState.OFFLINE,
                            "JavaPOS " + logicalName + ": cannot open, claim and enable: " + e.getMessage() + " (error "
                                    + e.getErrorCode() + ")");
        }
    }

    private void dataOccurred(DataEvent event) {
        try {
            byte[] label = scanner.getScanDataLabel();
            if (label == null || label.length == 0) {
                label = scanner.getScanData();
            }
            deliver(new String(label, StandardCharsets.UTF_8));
        } catch (JposException e) {
            LOG.warn("{}: reading scan data failed: {}", id(), e.getMessage());
        } finally {
            try {
                scanner.setDataEventEnabled(true);
            } catch (JposException e) {
                tracker()
                        .update(
                                DeviceState.ERROR,
                                "JavaPOS " + logicalName + ": cannot re-enable data events: " + e.getMessage());
            }
        }
    }

    private void errorOccurred(ErrorEvent event) {
        LOG.warn("{}: JavaPOS error {} (extended {})", id(), event.getErrorCode(), event.getErrorCodeExtended());
    }

    private void statusUpdateOccurred(StatusUpdateEvent event) {
        switch (event.getStatus()) {
            case JposConst.JPOS_SUE_POWER_ONLINE -> tracker().update(DeviceState.ONLINE, "JavaPOS " + logicalName);
            case JposConst.JPOS_SUE_POWER_OFF, JposConst.JPOS_SUE_POWER_OFFLINE, JposConst.JPOS_SUE_POWER_OFF_OFFLINE ->
                tracker().update(DeviceState.OFFLINE, "JavaPOS " + logicalName + ": power state " + event.getStatus());
            default -> LOG.debug("{}: status update {}", id(), event.getStatus());
        }
    }

    private void closeQuietly() {
        try {
            scanner.close();
        } catch (JposException e) {
            LOG.debug("{}: close: {}", id(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (ready) {
            try {
                scanner.setDeviceEnabled(false);
                scanner.release();
            } catch (JposException e) {
                LOG.debug("{}: disable/release: {}", id(), e.getMessage());
            }
            closeQuietly();
            ready = false;
        }
        tracker().update(DeviceState.OFFLINE, "closed");
    }
}
