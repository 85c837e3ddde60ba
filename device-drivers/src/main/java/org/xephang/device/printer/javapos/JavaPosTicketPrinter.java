package org.xephang.device.printer.javapos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinter;
import jpos.POSPrinterConst;
import jpos.events.StatusUpdateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceFaultException;
import org.xephang.device.DeviceState;
import org.xephang.device.DeviceStatus;
import org.xephang.device.DeviceStatusListener;
import org.xephang.device.DeviceStatusTracker;
import org.xephang.device.DeviceTimeoutException;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.TicketDocument;
import org.xephang.device.printer.TicketDocument.BigNumber;
import org.xephang.device.printer.TicketDocument.Code128;
import org.xephang.device.printer.TicketDocument.Columns;
import org.xephang.device.printer.TicketDocument.Cut;
import org.xephang.device.printer.TicketDocument.Element;
import org.xephang.device.printer.TicketDocument.Feed;
import org.xephang.device.printer.TicketDocument.Qr;
import org.xephang.device.printer.TicketDocument.Separator;
import org.xephang.device.printer.TicketDocument.Text;
import org.xephang.device.printer.TicketPrinter;
import org.xephang.device.printer.escpos.MonoImage;
import org.xephang.device.printer.escpos.TicketRasterizer;

/**
 * A ticket printer behind a vendor's JavaPOS device service ({@code javapos://POSPrinter1?width=576}), opened,
 * claimed and enabled by its logical name from {@code jpos.xml} ({@code org.javapos:javapos}).
 *
 * <p>Vietnamese is sent as bitmaps ({@code printMemoryBitmap}, BMP) rendered with the bundled font, because device
 * services differ in how they encode text; Code128 goes through {@code printBarCode}. Jobs run as one JavaPOS
 * transaction, synchronously ({@code AsyncMode} false), so a failure comes back as an exception here.
 *
 * <p>Threading: see {@link TicketPrinter}. Status changes reported by the service arrive on its event thread.
 */
public final class JavaPosTicketPrinter implements TicketPrinter {

    private static final Logger LOG = LoggerFactory.getLogger(JavaPosTicketPrinter.class);
    private static final int STATION = POSPrinterConst.PTR_S_RECEIPT;
    private static final int CLAIM_TIMEOUT_MS = 3000;

    private final String logicalName;
    private final POSPrinter printer;
    private final TicketRasterizer rasterizer;
    private final DeviceStatusTracker status;
    private boolean ready;
    /** Set when the service reports the power went off: the device is opened, claimed and enabled again. */
    private volatile boolean powerLost;

    private volatile boolean coverOpen;
    private volatile boolean paperEmpty;
    private volatile boolean nearEnd;

    /**
     * @param logicalName the name in {@code jpos.xml}
     * @param widthDots printable width in dots for the bitmaps (576 for 80 mm at 203 dpi)
     */
    public JavaPosTicketPrinter(String logicalName, int widthDots, POSPrinter control, Clock clock) {
        this.logicalName = Objects.requireNonNull(logicalName, "logicalName");
        this.printer = Objects.requireNonNull(control, "control");
        this.rasterizer = new TicketRasterizer(widthDots);
        this.status = new DeviceStatusTracker(id(), clock);
        printer.addStatusUpdateListener(this::statusUpdate);
    }

    /** From {@code javapos://LogicalName?width=576}. */
    public static JavaPosTicketPrinter fromUri(DeviceUri uri, Clock clock) throws InvalidDeviceUriException {
        uri.requireOnlyParams(Set.of("width"));
        int width = uri.intParam("width", 576, 128, 2048);
        if (width % 8 != 0) {
            throw new InvalidDeviceUriException(uri + ": parameter 'width' must be a multiple of 8, got " + width);
        }
        return new JavaPosTicketPrinter(uri.address(), width, new POSPrinter(), clock);
    }

    @Override
    public String id() {
        return "javapos://" + logicalName;
    }

    @Override
    public synchronized void start() {
        try {
            prepare();
        } catch (DeviceException e) {
            status.update(e.state(), e.getMessage());
        }
    }

    /** Opens, claims and enables the device if not done yet, or again after it was lost. */
    private void prepare() throws DeviceException {
        if (ready && powerLost) {
            shutDown("the device was switched off");
        }
        if (ready) {
            return;
        }
        powerLost = false;
        try {
            printer.open(logicalName);
            printer.claim(CLAIM_TIMEOUT_MS);
            printer.setDeviceEnabled(true);
            printer.setMapMode(POSPrinterConst.PTR_MM_DOTS);
            ready = true;
            refresh();
        } catch (JposException e) {
            closeQuietly();
            throw translate(e, "cannot open, claim and enable");
        }
    }

    private void refresh() throws JposException {
        coverOpen = printer.getCoverOpen();
        paperEmpty = printer.getRecEmpty();
        nearEnd = printer.getRecNearEnd();
        publish("JavaPOS " + logicalName);
    }

    private void publish(String detail) {
        DeviceState state = coverOpen
                ? DeviceState.COVER_OPEN
                : paperEmpty ? DeviceState.PAPER_OUT : nearEnd ? DeviceState.PAPER_NEAR_END : DeviceState.ONLINE;
        status.update(state, detail);
    }

    private void statusUpdate(StatusUpdateEvent event) {
        switch (event.getStatus()) {
            case POSPrinterConst.PTR_SUE_COVER_OPEN -> coverOpen = true;
            case POSPrinterConst.PTR_SUE_COVER_OK -> coverOpen = false;
            case POSPrinterConst.PTR_SUE_REC_EMPTY -> paperEmpty = true;
            case POSPrinterConst.PTR_SUE_REC_NEAREMPTY -> {
                paperEmpty = false;
                nearEnd = true;
            }
            case POSPrinterConst.PTR_SUE_REC_PAPEROK -> {
                paperEmpty = false;
                nearEnd = false;
            }
            case JposConst.JPOS_SUE_POWER_OFF,
                    JposConst.JPOS_SUE_POWER_OFFLINE,
                    JposConst.JPOS_SUE_POWER_OFF_OFFLINE -> {
                powerLost = true;
                status.update(DeviceState.OFFLINE, "JavaPOS " + logicalName + ": power state " + event.getStatus());
                return;
            }
            default -> {
                return;
            }
        }
        publish("JavaPOS " + logicalName + ": status event " + event.getStatus());
    }

    @Override
    public DeviceStatus status() {
        return status.current();
    }

    @Override
    public void addStatusListener(DeviceStatusListener listener) {
        status.addListener(listener);
    }

    @Override
    public void removeStatusListener(DeviceStatusListener listener) {
        status.removeListener(listener);
    }

    /**
     * Prints {@code document} as one JavaPOS transaction. A job that fails always leaves transaction mode: the
     * buffered part is discarded ({@code clearOutput}), so no half ticket comes out later; if even that fails, or
     * the failure means the device went away (off line, no hardware, timeout, claim lost), the device is disabled,
     * released and closed, and the next call opens, claims and enables it again.
     */
    @Override
    public synchronized void print(TicketDocument document) throws DeviceException {
        try {
            prepare();
        } catch (DeviceException e) {
            status.update(e.state(), e.getMessage());
            throw e;
        }
        try {
            refresh();
            DeviceStatus before = status.current();
            if (!before.usable()) {
                throw new DeviceFaultException(before, before.description() + " (trước khi in; " + id() + ")");
            }
            printTransaction(document);
            refresh();
            DeviceStatus after = status.current();
            if (!after.usable()) {
                throw new DeviceFaultException(after, after.description() + " (sau khi in; " + id() + ")");
            }
        } catch (JposException e) {
            DeviceException failure = translate(e, "print failed");
            if (leavesDeviceUnusable(e)) {
                shutDown("after " + failure.getMessage());
            }
            status.update(failure.state(), failure.getMessage());
            LOG.warn("{}: {}", id(), failure.getMessage());
            throw failure;
        }
    }

    /** Prints the elements between {@code transactionPrint} TRANSACTION and NORMAL; abandons it on any failure. */
    private void printTransaction(TicketDocument document) throws JposException {
        printer.transactionPrint(STATION, POSPrinterConst.PTR_TP_TRANSACTION);
        try {
            for (Element element : document.elements()) {
                print(element);
            }
            printer.transactionPrint(STATION, POSPrinterConst.PTR_TP_NORMAL);
        } catch (JposException | RuntimeException e) {
            abandonTransaction(e);
            throw e;
        }
    }

    /**
     * Leaves transaction mode after {@code failure} without printing what was buffered: {@code clearOutput} cancels
     * the transaction (UPOS). Ending it with NORMAL instead would print half a ticket. Problems here are attached to
     * {@code failure} (suppressed), never thrown in its place.
     */
    private void abandonTransaction(Exception failure) {
        try {
            printer.clearOutput();
        } catch (JposException e) {
            failure.addSuppressed(e);
            shutDown("the transaction could not be cancelled: " + e.getMessage());
        }
    }

    /** Whether the device must be opened, claimed and enabled again before it can print. */
    private static boolean leavesDeviceUnusable(JposException e) {
        return switch (e.getErrorCode()) {
            case JposConst.JPOS_E_OFFLINE,
                    JposConst.JPOS_E_NOHARDWARE,
                    JposConst.JPOS_E_CLOSED,
                    JposConst.JPOS_E_TIMEOUT,
                    JposConst.JPOS_E_NOTCLAIMED,
                    JposConst.JPOS_E_DISABLED -> true;
            default -> false;
        };
    }

    private void print(Element element) throws JposException {
        if (element instanceof Text t) {
            bitmap(rasterizer.text(t));
        } else if (element instanceof Columns c) {
            bitmap(rasterizer.columns(c));
        } else if (element instanceof BigNumber b) {
            bitmap(rasterizer.bigNumber(b));
        } else if (element instanceof Qr q) {
            bitmap(rasterizer.qr(q));
        } else if (element instanceof Code128 c) {
            printer.printBarCode(
                    STATION,
                    c.data(),
                    POSPrinterConst.PTR_BCS_Code128,
                    80,
                    printer.getRecLineWidth(),
                    POSPrinterConst.PTR_BC_CENTER,
                    POSPrinterConst.PTR_BC_TEXT_BELOW);
        } else if (element instanceof Separator) {
            bitmap(rasterizer.separator());
        } else if (element instanceof Feed f) {
            printer.printNormal(STATION, "\n".repeat(f.lines()));
        } else if (element instanceof Cut) {
            if (printer.getCapRecPapercut()) {
                printer.cutPaper(90);
            } else {
                printer.printNormal(STATION, "\n\n\n\n");
            }
        }
    }

    private void bitmap(MonoImage image) throws JposException {
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        try {
            ImageIO.write(image.toBufferedImage(), "bmp", bmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write BMP in memory", e);
        }
        printer.printMemoryBitmap(
                STATION, bmp.toByteArray(), POSPrinterConst.PTR_BMT_BMP, image.width(), POSPrinterConst.PTR_BM_CENTER);
    }

    private DeviceException translate(JposException e, String what) {
        String message = id() + ": " + what + ": " + e.getMessage() + " (JavaPOS error " + e.getErrorCode()
                + (e.getErrorCode() == JposConst.JPOS_E_EXTENDED ? "/" + e.getErrorCodeExtended() : "") + ")";
        if (e.getErrorCode() == JposConst.JPOS_E_EXTENDED) {
            if (e.getErrorCodeExtended() == POSPrinterConst.JPOS_EPTR_REC_EMPTY) {
                paperEmpty = true;
                return fault(DeviceState.PAPER_OUT, message);
            }
            if (e.getErrorCodeExtended() == POSPrinterConst.JPOS_EPTR_COVER_OPEN) {
                coverOpen = true;
                return fault(DeviceState.COVER_OPEN, message);
            }
        }
        return switch (e.getErrorCode()) {
            case JposConst.JPOS_E_OFFLINE, JposConst.JPOS_E_NOHARDWARE, JposConst.JPOS_E_CLOSED ->
                new DeviceDisconnectedException("Máy in mất kết nối: " + message, e);
            case JposConst.JPOS_E_TIMEOUT -> new DeviceTimeoutException("Máy in không trả lời: " + message);
            default -> fault(DeviceState.ERROR, message);
        };
    }

    private DeviceFaultException fault(DeviceState state, String message) {
        DeviceStatus s = status.update(state, message);
        return new DeviceFaultException(s, state.vietnamese() + ": " + message);
    }

    /** Disables, releases and closes the device after a failure (each step may fail: logged); never throws. */
    private void shutDown(String why) {
        LOG.info("{}: closing the device to open it again at the next print ({})", id(), why);
        if (ready) {
            try {
                printer.setDeviceEnabled(false);
                printer.release();
            } catch (JposException e) {
                LOG.debug("{}: disable and release after failure: {}", id(), e.getMessage());
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        ready = false;
        try {
            if (printer.getState() != JposConst.JPOS_S_CLOSED) {
                printer.close();
            }
        } catch (JposException e) {
            LOG.debug("{}: close after failure: {}", id(), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (ready) {
            try {
                printer.setDeviceEnabled(false);
                printer.release();
            } catch (JposException e) {
                LOG.warn("{}: cannot disable and release: {}", id(), e.getMessage());
            }
        }
        closeQuietly();
        status.update(DeviceState.OFFLINE, "closed", "Đã đóng");
    }
}
