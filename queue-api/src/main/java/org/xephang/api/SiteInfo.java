package org.xephang.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import org.xephang.api.announce.AnnouncementOptions;

/**
 * The public description of a site for kiosks, boards and counter screens ({@code GET /api/v1/sites/{site}}): its
 * name, ticket header lines, services with their counters and procedures, counters, priority categories, opening
 * hours, notice line, hotline and announcement options. Holds no personal data. Immutable and thread-safe.
 *
 * @param unitLines the header lines of a printed ticket, e.g. "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "PHƯỜNG BẾN THÀNH"
 * @param timeZone the site's zone id, e.g. {@code Asia/Ho_Chi_Minh}
 * @param openingHours human-readable Vietnamese lines, e.g. "Thứ Hai – Thứ Sáu: 07:30–11:30, 13:30–17:00"
 * @param notice the scrolling line of the boards, or null
 * @param hotline the phone number printed on tickets, or null
 * @param announcement how calls are announced at this site
 * @param supervision when the supervisor's live view raises an alert; null: {@link Supervision#DEFAULTS}
 * @param openingHoursEn the opening hours in English, or null/empty (English screens then show the Vietnamese lines)
 */
public record SiteInfo(
        String code,
        String name,
        List<String> unitLines,
        String timeZone,
        List<Service> services,
        List<Counter> counters,
        List<PriorityCategory> priorityCategories,
        List<String> openingHours,
        String notice,
        String hotline,
        AnnouncementOptions announcement,
        Supervision supervision,
        List<String> openingHoursEn) {

    /**
     * When the supervisor's live view ({@code /supervisor/}) raises an alert.
     *
     * @param waitAlertMinutes a ticket waiting longer than this
     * @param pauseAlertMinutes a counter paused longer than this
     */
    public record Supervision(int waitAlertMinutes, int pauseAlertMinutes) {
        /** 30 minutes of waiting, 15 minutes of pause. */
        public static final Supervision DEFAULTS = new Supervision(30, 15);

        public Supervision {
            if (waitAlertMinutes < 1 || pauseAlertMinutes < 1) {
                throw new IllegalArgumentException("alert thresholds are whole minutes, 1 or more");
            }
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("waitAlertMinutes", waitAlertMinutes)
                    .put("pauseAlertMinutes", pauseAlertMinutes);
        }

        public static Supervision fromJson(JsonObject json) {
            return json == null
                    ? DEFAULTS
                    : new Supervision(
                            json.getInteger("waitAlertMinutes", DEFAULTS.waitAlertMinutes()),
                            json.getInteger("pauseAlertMinutes", DEFAULTS.pauseAlertMinutes()));
        }
    }

    public SiteInfo {
        supervision = supervision == null ? Supervision.DEFAULTS : supervision;
        Objects.requireNonNull(code, "code");
        unitLines = List.copyOf(unitLines);
        services = List.copyOf(services);
        counters = List.copyOf(counters);
        priorityCategories = List.copyOf(priorityCategories);
        openingHours = List.copyOf(openingHours);
        announcement = announcement == null ? AnnouncementOptions.defaults() : announcement;
        openingHoursEn = openingHoursEn == null ? List.of() : List.copyOf(openingHoursEn);
    }

    /** The service with this code, or null. */
    public Service service(String serviceCode) {
        return services.stream()
                .filter(s -> s.code().equals(serviceCode))
                .findFirst()
                .orElse(null);
    }

    /**
     * A service (lĩnh vực): its code, Vietnamese name, number prefix, the counters serving it and its procedures; {@code
     * closed} when it issues no new tickets (being retired: kiosks do not offer it, its waiting tickets are still
     * called). On the wire {@code "closed": true} only when closed.
     */
    public record Service(
            String code,
            String name,
            String prefix,
            List<Integer> counters,
            List<Procedure> procedures,
            String nameEn,
            boolean closed) {
        public Service {
            counters = List.copyOf(counters);
            procedures = List.copyOf(procedures);
        }

        /** A service without an English name. */
        public Service(String code, String name, String prefix, List<Integer> counters, List<Procedure> procedures) {
            this(code, name, prefix, counters, procedures, null, false);
        }

        /** A service open for new tickets. */
        public Service(
                String code,
                String name,
                String prefix,
                List<Integer> counters,
                List<Procedure> procedures,
                String nameEn) {
            this(code, name, prefix, counters, procedures, nameEn, false);
        }

        public JsonObject toJson() {
            JsonObject json = new JsonObject()
                    .put("code", code)
                    .put("name", name)
                    .put("prefix", prefix)
                    .put("counters", new JsonArray(List.copyOf(counters)))
                    .put(
                            "procedures",
                            new JsonArray(
                                    procedures.stream().map(Procedure::toJson).toList()))
                    .put("nameEn", nameEn);
            if (closed) {
                json.put("closed", true);
            }
            return json;
        }

        public static Service fromJson(JsonObject json) {
            return new Service(
                    json.getString("code"),
                    json.getString("name"),
                    json.getString("prefix"),
                    json.getJsonArray("counters", new JsonArray()).stream()
                            .map(n -> ((Number) n).intValue())
                            .toList(),
                    objects(json.getJsonArray("procedures")).stream()
                            .map(Procedure::fromJson)
                            .toList(),
                    json.getString("nameEn"),
                    json.getBoolean("closed", false));
        }
    }

    /**
     * A procedure (thủ tục) as a kiosk lists it: required documents, processing time and fee as plain Vietnamese text.
     */
    public record Procedure(String name, List<String> documents, String processingTime, String fee) {
        public Procedure {
            documents = List.copyOf(documents);
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("name", name)
                    .put("documents", new JsonArray(List.copyOf(documents)))
                    .put("processingTime", processingTime)
                    .put("fee", fee);
        }

        public static Procedure fromJson(JsonObject json) {
            return new Procedure(
                    json.getString("name"),
                    strings(json.getJsonArray("documents")),
                    json.getString("processingTime"),
                    json.getString("fee"));
        }
    }

    /** A counter: its number, name and the codes of the services it serves. */
    public record Counter(int number, String name, List<String> services) {
        public Counter {
            services = List.copyOf(services);
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("number", number)
                    .put("name", name)
                    .put("services", new JsonArray(List.copyOf(services)));
        }

        public static Counter fromJson(JsonObject json) {
            return new Counter(
                    json.getInteger("number"), json.getString("name"), strings(json.getJsonArray("services")));
        }
    }

    /** A priority category: the code the API takes and its Vietnamese name ("Người cao tuổi"). */
    public record PriorityCategory(String code, String name) {
        public JsonObject toJson() {
            return new JsonObject().put("code", code).put("name", name);
        }

        public static PriorityCategory fromJson(JsonObject json) {
            return new PriorityCategory(json.getString("code"), json.getString("name"));
        }
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("code", code)
                .put("name", name)
                .put("unitLines", new JsonArray(List.copyOf(unitLines)))
                .put("timeZone", timeZone)
                .put(
                        "services",
                        new JsonArray(services.stream().map(Service::toJson).toList()))
                .put(
                        "counters",
                        new JsonArray(counters.stream().map(Counter::toJson).toList()))
                .put(
                        "priorityCategories",
                        new JsonArray(priorityCategories.stream()
                                .map(PriorityCategory::toJson)
                                .toList()))
                .put("openingHours", new JsonArray(List.copyOf(openingHours)))
                .put("notice", notice)
                .put("hotline", hotline)
                .put("announcement", announcement.toJson())
                .put("supervision", supervision.toJson())
                .put("openingHoursEn", new JsonArray(List.copyOf(openingHoursEn)));
    }

    public static SiteInfo fromJson(JsonObject json) {
        return new SiteInfo(
                json.getString("code"),
                json.getString("name"),
                strings(json.getJsonArray("unitLines")),
                json.getString("timeZone"),
                objects(json.getJsonArray("services")).stream()
                        .map(Service::fromJson)
                        .toList(),
                objects(json.getJsonArray("counters")).stream()
                        .map(Counter::fromJson)
                        .toList(),
                objects(json.getJsonArray("priorityCategories")).stream()
                        .map(PriorityCategory::fromJson)
                        .toList(),
                strings(json.getJsonArray("openingHours")),
                json.getString("notice"),
                json.getString("hotline"),
                AnnouncementOptions.fromJson(json.getJsonObject("announcement", new JsonObject())),
                Supervision.fromJson(json.getJsonObject("supervision")),
                json.getJsonArray("openingHoursEn") == null ? List.of() : strings(json.getJsonArray("openingHoursEn")));
    }

    private static List<JsonObject> objects(JsonArray array) {
        return array == null
                ? List.of()
                : array.stream().map(JsonObject.class::cast).toList();
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }
}
