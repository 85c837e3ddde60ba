package org.xephang.device.printer;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Lays out a ticket (docs/domain-vn.md §3) from {@link TicketData}: unit name lines, SỐ THỨ TỰ, the big number, the field
 * in capitals, counters, people waiting and the estimate, the time in the site's zone, the QR to the status page,
 * the ƯU TIÊN mark, an optional hotline and the closing line, then a cut.
 *
 * <p>Pure and deterministic; immutable and safe from any thread.
 */
public final class TicketTemplate {

    private static final Locale VI = Locale.forLanguageTag("vi-VN");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy - HH:mm");

    private final Options options;

    /**
     * What a site can change on its tickets.
     *
     * @param title the line above the number
     * @param closingLine the last line
     * @param priorityMark printed under the number on priority tickets
     * @param showWaiting print people waiting and the estimate
     * @param showQr print the QR to the status page when the ticket has one
     * @param qrCaption the line under the QR, or empty for none
     * @param hotlineLabel printed before the hotline number
     * @param qrModuleDots QR module size in dots (3–8)
     */
    public record Options(
            String title,
            String closingLine,
            String priorityMark,
            boolean showWaiting,
            boolean showQr,
            String qrCaption,
            String hotlineLabel,
            int qrModuleDots) {

        public Options {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(closingLine, "closingLine");
            Objects.requireNonNull(priorityMark, "priorityMark");
            qrCaption = qrCaption == null ? "" : qrCaption;
            Objects.requireNonNull(hotlineLabel, "hotlineLabel");
            if (qrModuleDots < 3 || qrModuleDots > 8) {
                throw new IllegalArgumentException("qrModuleDots must be 3–8, got " + qrModuleDots);
            }
        }

        /** The layout of docs/domain-vn.md §3. */
        public static Options defaults() {
            return new Options(
                    "SỐ THỨ TỰ",
                    "Cảm ơn Quý khách!",
                    "ƯU TIÊN",
                    true,
                    true,
                    "Quét mã để theo dõi lượt gọi",
                    "Đường dây nóng",
                    5);
        }

        public Options withClosingLine(String line) {
            return new Options(title, line, priorityMark, showWaiting, showQr, qrCaption, hotlineLabel, qrModuleDots);
        }

        public Options withShowQr(boolean show) {
            return new Options(
                    title, closingLine, priorityMark, showWaiting, show, qrCaption, hotlineLabel, qrModuleDots);
        }

        public Options withShowWaiting(boolean show) {
            return new Options(title, closingLine, priorityMark, show, showQr, qrCaption, hotlineLabel, qrModuleDots);
        }
    }

    public TicketTemplate(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The template with {@link Options#defaults()}. */
    public static TicketTemplate standard() {
        return new TicketTemplate(Options.defaults());
    }

    public Options options() {
        return options;
    }

    /** The ticket's layout. */
    public TicketDocument render(TicketData data) {
        TicketDocument.Builder doc = TicketDocument.builder();
        for (String line : data.unitLines()) {
            doc.text(line.toUpperCase(VI), Align.CENTRE, TextSize.NORMAL, true);
        }
        doc.separator();
        doc.text(options.title(), Align.CENTRE, TextSize.NORMAL, true);
        doc.bigNumber(data.number());
        if (data.priority()) {
            doc.text(options.priorityMark(), Align.CENTRE, TextSize.DOUBLE, true);
        }
        doc.text(data.serviceName().toUpperCase(VI), Align.CENTRE, TextSize.DOUBLE_HEIGHT, true);
        if (!data.counters().isEmpty()) {
            doc.text("QUẦY PHỤC VỤ: " + counters(data.counters()), Align.CENTRE, TextSize.NORMAL, false);
        }
        if (options.showWaiting()) {
            String waiting = "Số người đang chờ: " + data.peopleWaiting();
            if (data.estimatedWait() == null) {
                doc.text(waiting, Align.LEFT);
            } else {
                doc.columns(waiting, estimate(data.estimatedWait()));
            }
        }
        doc.text(
                "THỜI GIAN IN VÉ: " + TIME.format(data.issuedAt().atZone(data.zone())),
                Align.CENTRE,
                TextSize.NORMAL,
                false);
        for (int i = 0; i < data.notes().size(); i++) {
            doc.text(data.notes().get(i), Align.CENTRE, TextSize.NORMAL, i == 0);
        }
        if (options.showQr() && data.statusUrl() != null && !data.statusUrl().isBlank()) {
            doc.qr(data.statusUrl(), options.qrModuleDots());
            if (!options.qrCaption().isEmpty()) {
                doc.text(options.qrCaption(), Align.CENTRE);
            }
        }
        if (data.hotline() != null && !data.hotline().isBlank()) {
            doc.text(options.hotlineLabel() + ": " + data.hotline(), Align.CENTRE);
        }
        doc.separator();
        doc.text(options.closingLine(), Align.CENTRE, TextSize.NORMAL, true);
        return doc.cut().build();
    }

    private static String counters(List<Integer> counters) {
        return counters.stream().map(n -> String.format(Locale.ROOT, "%02d", n)).collect(Collectors.joining(", "));
    }

    /**
     * The estimate in the kiosk screen's words ("Dự kiến khoảng 8 phút"): the same minutes the screen shows, rounded to
     * the nearest, at least 1. At most 23 characters up to 999 minutes, so it fits a 58 mm roll's 32 columns.
     */
    static String estimate(Duration wait) {
        long minutes = Math.max(1, (wait.getSeconds() + 30) / 60);
        return "Dự kiến khoảng " + minutes + " phút";
    }
}
