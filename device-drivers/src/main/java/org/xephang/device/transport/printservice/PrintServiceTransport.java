package org.xephang.device.transport.printservice;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintException;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.SimpleDoc;
import org.xephang.device.DeviceDisconnectedException;
import org.xephang.device.DeviceException;
import org.xephang.device.transport.Transport;

/**
 * Raw bytes to an operating-system print service (CUPS on Linux) through {@code javax.print}, matched by its exact
 * name ({@code cups://TM-T20III}). Bytes are collected and submitted as one job at {@link #flush()}.
 *
 * <p>The fallback with no status: the spooler only says "accepted", the printer cannot answer
 * ({@link #canRead()} is false).
 *
 * <p>Threading: see {@link Transport}.
 */
public final class PrintServiceTransport implements Transport {

    private static final DocFlavor RAW = DocFlavor.BYTE_ARRAY.AUTOSENSE;

    private final String serviceName;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile PrintService service;

    public PrintServiceTransport(String serviceName) {
        this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
    }

    @Override
    public String describe() {
        return "cups://" + serviceName;
    }

    @Override
    public synchronized void open() throws DeviceException {
        PrintService[] services = PrintServiceLookup.lookupPrintServices(RAW, null);
        for (PrintService candidate : services) {
            if (candidate.getName().equals(serviceName)) {
                service = candidate;
                pending.reset();
                return;
            }
        }
        String names =
                Arrays.stream(services).map(PrintService::getName).sorted().collect(Collectors.joining(", "));
        throw new DeviceDisconnectedException(
                describe() + ": no print service with this exact name; present: " + (names.isEmpty() ? "none" : names));
    }

    @Override
    public boolean isOpen() {
        return service != null;
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) throws DeviceException {
        requireOpen();
        pending.write(data, offset, length);
    }

    @Override
    public synchronized void flush() throws DeviceException {
        PrintService s = requireOpen();
        if (pending.size() == 0) {
            return;
        }
        byte[] job = pending.toByteArray();
        pending.reset();
        DocPrintJob printJob = s.createPrintJob();
        try {
            printJob.print(new SimpleDoc(job, RAW, null), null);
        } catch (PrintException e) {
            throw new DeviceDisconnectedException(
                    describe() + ": the print service refused the job: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean canRead() {
        return false;
    }

    @Override
    public int read(byte[] buffer, Duration timeout) throws DeviceException {
        requireOpen();
        return 0;
    }

    private PrintService requireOpen() throws DeviceDisconnectedException {
        PrintService s = service;
        if (s == null) {
            throw new DeviceDisconnectedException(describe() + ": not open");
        }
        return s;
    }

    @Override
    public synchronized void close() {
        service = null;
        pending.reset();
    }
}
