package org.xephang.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xephang.device.DeviceUri;
import org.xephang.device.InvalidDeviceUriException;
import org.xephang.device.printer.escpos.EscPosMode;
import org.xephang.device.printer.escpos.SentJob;
import org.xephang.device.transport.TransportFactory;

/**
 * The lines {@code print-test} prints after a ticket: the mode (and whether the URI chose it or it was the link's
 * default), the bytes sent, how long the link took and, on a serial line, the least its baud rate allows.
 */
final class PrintTestReport {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");

    private PrintTestReport() {}

    /** For an ESC/POS printer, from what it measured. */
    static List<String> of(DeviceUri uri, SentJob job) throws InvalidDeviceUriException {
        List<String> lines = new ArrayList<>();
        lines.add(modeLine(uri, job.mode()));
        lines.add("Đã gửi / sent: " + job.bytes() + " byte trong / in " + seconds(job.sending())
                + "; máy in xác nhận sau / confirmed after " + seconds(job.confirmed()));
        if (isSerial(uri)) {
            int baud = Integer.parseInt(TransportFactory.settingsOf(uri, 115200).get("baud"));
            lines.add("Đường truyền / link: nối tiếp / serial " + baud + " baud, ít nhất / at least "
                    + seconds(SentJob.lineTime(job.bytes(), baud)) + " cho / for " + job.bytes() + " byte");
        }
        return lines;
    }

    /** For another printer (simulator, JavaPOS): the encoded size and the time the print took. */
    static List<String> of(DeviceUri uri, EscPosMode mode, int bytes, Duration took) {
        return List.of(
                modeLine(uri, mode), "Đã gửi / sent: " + bytes + " byte; in xong sau / printed after " + seconds(took));
    }

    private static String modeLine(DeviceUri uri, EscPosMode mode) {
        String why;
        if (uri.param("mode").isPresent()) {
            why = "theo địa chỉ / as the URI says";
        } else if (isSerial(uri) && mode == EscPosMode.HYBRID) {
            why = "mặc định trên cổng nối tiếp / the default on a serial line";
        } else {
            why = "mặc định / the default";
        }
        return "Chế độ in / mode: " + mode.id() + " (" + why + ")";
    }

    private static boolean isSerial(DeviceUri uri) {
        return "escpos".equals(uri.scheme()) && uri.transport().equals(Optional.of("serial"));
    }

    private static String seconds(Duration d) {
        return String.format(VIETNAMESE, "%.2f s", d.toNanos() / 1e9);
    }
}
