package org.xephang.device.printer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The facts printed on one ticket (docs/domain-vn.md §3). No personal data: a ticket shows a number, not a name.
 *
 * <p>Immutable; safe from any thread.
 *
 * @param unitLines the header, e.g. {@code ["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "PHƯỜNG HOÀN KIẾM"]}
 * @param number the ticket number as printed, e.g. {@code A1023}
 * @param serviceName the field (lĩnh vực), printed in capitals
 * @param counters the counters serving this field, e.g. {@code [3, 4]}; may be empty
 * @param peopleWaiting tickets ahead of this one
 * @param estimatedWait the expected wait, or {@code null} when unknown
 * @param issuedAt when the ticket was issued
 * @param zone the site's time zone (printed times are local)
 * @param statusUrl the ticket's live status page (QR), or {@code null} for none
 * @param priority whether this is a priority ticket (prints "ƯU TIÊN")
 * @param hotline a phone number for complaints and help, or {@code null}
 * @param notes lines printed under the time, centred (a ticket issued while the kiosk was offline says so); may be
 *     empty
 */
public record TicketData(
        List<String> unitLines,
        String number,
        String serviceName,
        List<Integer> counters,
        int peopleWaiting,
        Duration estimatedWait,
        Instant issuedAt,
        ZoneId zone,
        String statusUrl,
        boolean priority,
        String hotline,
        List<String> notes) {

    /** A ticket without notes. */
    public TicketData(
            List<String> unitLines,
            String number,
            String serviceName,
            List<Integer> counters,
            int peopleWaiting,
            Duration estimatedWait,
            Instant issuedAt,
            ZoneId zone,
            String statusUrl,
            boolean priority,
            String hotline) {
        this(
                unitLines,
                number,
                serviceName,
                counters,
                peopleWaiting,
                estimatedWait,
                issuedAt,
                zone,
                statusUrl,
                priority,
                hotline,
                List.of());
    }

    public TicketData {
        notes = notes == null ? List.of() : List.copyOf(notes);
        unitLines = List.copyOf(unitLines);
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(serviceName, "serviceName");
        counters = List.copyOf(counters);
        if (peopleWaiting < 0) {
            throw new IllegalArgumentException("peopleWaiting must not be negative: " + peopleWaiting);
        }
        if (estimatedWait != null && estimatedWait.isNegative()) {
            throw new IllegalArgumentException("estimatedWait must not be negative: " + estimatedWait);
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(zone, "zone");
    }

    /** The sample ticket used by {@code xephang print-test}, golden files and benchmarks. */
    public static TicketData sample(Instant issuedAt) {
        return new TicketData(
                List.of("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "PHƯỜNG HOÀN KIẾM"),
                "A1023",
                "Đất đai, xây dựng",
                List.of(3, 4),
                7,
                Duration.ofMinutes(15),
                issuedAt,
                ZoneId.of("Asia/Ho_Chi_Minh"),
                "https://xephang.example.vn/t/01JD8Z6Q4W3X",
                true,
                "1900 1234");
    }
}
