package org.xephang.core.site;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A service (lĩnh vực, a field or group of procedures) and how its tickets are numbered.
 *
 * @param prefix one capital letter printed before the number ("A" in A012)
 * @param width the digits of the number, zero-padded (3 gives A001)
 * @param dailyCap the most tickets issued per local day, or null for no cap
 * @param expectedServiceTime the service time assumed for the wait estimate until real ones are measured
 * @param closed closed for new tickets (config {@code closed: true}, "ngừng cấp số mới"): kiosks no longer offer it
 *     and issuing is refused, while the tickets already issued are still called; how a field with waiting tickets is
 *     retired
 */
public record ServiceConfig(
        String code,
        String name,
        String prefix,
        int width,
        Integer dailyCap,
        Duration expectedServiceTime,
        List<Procedure> procedures,
        String nameEn,
        boolean closed) {

    public ServiceConfig {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(expectedServiceTime, "expectedServiceTime");
        procedures = List.copyOf(procedures);
        nameEn = nameEn == null || nameEn.isBlank() ? null : nameEn.strip();
    }

    /** A service without an English name (English screens show the Vietnamese one). */
    public ServiceConfig(
            String code,
            String name,
            String prefix,
            int width,
            Integer dailyCap,
            Duration expectedServiceTime,
            List<Procedure> procedures) {
        this(code, name, prefix, width, dailyCap, expectedServiceTime, procedures, null, false);
    }

    /** A service open for new tickets. */
    public ServiceConfig(
            String code,
            String name,
            String prefix,
            int width,
            Integer dailyCap,
            Duration expectedServiceTime,
            List<Procedure> procedures,
            String nameEn) {
        this(code, name, prefix, width, dailyCap, expectedServiceTime, procedures, nameEn, false);
    }

    /** A procedure (thủ tục hành chính) of the service, as the kiosk shows it. */
    public record Procedure(String name, List<String> documents, String processingTime, String fee) {
        public Procedure {
            Objects.requireNonNull(name, "name");
            documents = List.copyOf(documents);
        }
    }
}
