package org.xephang.core.backend.portal;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xephang.core.appointment.ImportedBooking;
import org.xephang.core.backend.forward.OutboundRequest;

/**
 * How one shape of portal is asked for a day's bookings and how its answer becomes {@link ImportedBooking}s. Pure: no
 * I/O, any thread. An answer that cannot be read fails with {@link PortalAnswerException} (the import reports it,
 * nothing is imported from it).
 */
public sealed interface PortalProfile {

    /** The request for the bookings of {@code site} on {@code day} (the site's local day). */
    OutboundRequest request(String site, LocalDate day);

    /** The bookings of a 2xx answer; times without an offset are read in {@code zone}. */
    List<ImportedBooking> read(String body, ZoneId zone);

    /** The profile of {@code config.style()}. */
    static PortalProfile of(PortalConfig config) {
        return switch (config.style()) {
            case "generic" -> new Generic(config);
            case "dvcqg" -> new Dvcqg(config);
            default -> throw new IllegalArgumentException("no portal profile for style " + config.style());
        };
    }

    /** An answer that is not the shape the profile reads. */
    final class PortalAnswerException extends RuntimeException {
        public PortalAnswerException(String message) {
            super(message);
        }
    }

    /**
     * Generic JSON: {@code GET {url}?site=&date=YYYY-MM-DD}, the key in {@code X-Api-Key}; answer {@code {"bookings":
     * [{"id", "service", "start", "name", "phone"}]}} with {@code start} ISO-8601 (an offset, or the site's time).
     */
    record Generic(PortalConfig config) implements PortalProfile {
        @Override
        public OutboundRequest request(String site, LocalDate day) {
            String separator = config.url().contains("?") ? "&" : "?";
            return new OutboundRequest(
                    HttpMethod.GET,
                    config.url() + separator + "site=" + site + "&date=" + day,
                    "application/json",
                    io.vertx.core.buffer.Buffer.buffer(),
                    config.apiKey() == null ? Map.of() : Map.of("X-Api-Key", config.apiKey()));
        }

        @Override
        public List<ImportedBooking> read(String body, ZoneId zone) {
            JsonArray bookings = json(body).getJsonArray("bookings");
            if (bookings == null) {
                throw new PortalAnswerException("no \"bookings\" list in the answer");
            }
            List<ImportedBooking> result = new ArrayList<>();
            for (Object item : bookings) {
                if (!(item instanceof JsonObject b) || !(b.getValue("id") instanceof String id) || id.isBlank()) {
                    throw new PortalAnswerException("a booking without an \"id\"");
                }
                result.add(new ImportedBooking(
                        id,
                        service(config, b.getString("service")),
                        instant(b.getString("start"), zone),
                        b.getString("name"),
                        b.getString("phone")));
            }
            return result;
        }

        private static java.time.Instant instant(String text, ZoneId zone) {
            if (text == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException noOffset) {
                try {
                    return LocalDateTime.parse(text).atZone(zone).toInstant();
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }

    /**
     * DVCQG style: {@code POST {url}} {@code {"service": "LayDanhSachLichHen", "madonvi", "ngayhen": "dd/MM/yyyy"}};
     * answer {@code {"error_code": "0", "result": [{"MaLichHen", "MaLinhVuc", "NgayHen": "dd/MM/yyyy", "GioHen":
     * "HH:mm", "HoTen", "SoDienThoai"}]}} in the site's time; another {@code error_code} is a refusal.
     */
    record Dvcqg(PortalConfig config) implements PortalProfile {
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
        private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy H:mm");

        @Override
        public OutboundRequest request(String site, LocalDate day) {
            JsonObject body = new JsonObject()
                    .put("service", "LayDanhSachLichHen")
                    .put("madonvi", config.units().getOrDefault(site, site))
                    .put("ngayhen", DAY.format(day));
            return new OutboundRequest(
                    HttpMethod.POST,
                    config.url(),
                    "application/json; charset=utf-8",
                    body.toBuffer(),
                    config.apiKey() == null ? Map.of() : Map.of("X-Api-Key", config.apiKey()));
        }

        @Override
        public List<ImportedBooking> read(String body, ZoneId zone) {
            JsonObject answer = json(body);
            String error = String.valueOf(answer.getValue("error_code"));
            if (!"0".equals(error)) {
                String message = answer.getValue("message") instanceof String text ? text : "";
                throw new PortalAnswerException("error_code " + error + (message.isEmpty() ? "" : ": " + message));
            }
            JsonArray rows = answer.getJsonArray("result");
            if (rows == null) {
                throw new PortalAnswerException("no \"result\" list in the answer");
            }
            List<ImportedBooking> result = new ArrayList<>();
            for (Object item : rows) {
                if (!(item instanceof JsonObject b)
                        || !(b.getValue("MaLichHen") instanceof String id)
                        || id.isBlank()) {
                    throw new PortalAnswerException("a booking without \"MaLichHen\"");
                }
                java.time.Instant start;
                try {
                    start = LocalDateTime.parse(b.getString("NgayHen") + " " + b.getString("GioHen"), DAY_TIME)
                            .atZone(zone)
                            .toInstant();
                } catch (DateTimeParseException | NullPointerException unreadable) {
                    start = null;
                }
                result.add(new ImportedBooking(
                        id,
                        service(config, b.getString("MaLinhVuc")),
                        start,
                        b.getString("HoTen"),
                        b.getString("SoDienThoai")));
            }
            return result;
        }
    }

    private static String service(PortalConfig config, String portalCode) {
        return portalCode == null ? null : config.services().getOrDefault(portalCode, portalCode);
    }

    private static JsonObject json(String body) {
        try {
            Object parsed = body == null ? null : io.vertx.core.json.Json.decodeValue(body);
            if (parsed instanceof JsonObject object) {
                return object;
            }
        } catch (DecodeException unreadable) {
            // reported below
        }
        throw new PortalAnswerException("the answer is not a JSON object");
    }
}
