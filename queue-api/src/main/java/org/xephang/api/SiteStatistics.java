package org.xephang.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/**
 * The statistics of a site over whole local days ({@code GET /api/v1/sites/{site}/stats?from&to}), with the
 * definitions peers use (docs/architecture.md §6.6): wait = called − issued, walk = started − called, service = finished −
 * started, each over the tickets that have both times; per service, counter, officer, hour of issue and day.
 *
 * @param from first local day, inclusive
 * @param to last local day, inclusive
 * @param timeZone the site's time zone, in which days and hours are counted
 */
public record SiteStatistics(
        String site,
        LocalDate from,
        LocalDate to,
        String timeZone,
        Figures totals,
        List<Group> byService,
        List<Group> byCounter,
        List<Group> byOfficer,
        List<Group> byHour,
        List<Group> byDay) {

    public SiteStatistics {
        byService = List.copyOf(byService);
        byCounter = List.copyOf(byCounter);
        byOfficer = List.copyOf(byOfficer);
        byHour = List.copyOf(byHour);
        byDay = List.copyOf(byDay);
    }

    /**
     * The figures of one group of tickets.
     *
     * @param served tickets completed (DONE)
     * @param open tickets still WAITING, CALLED or SERVING
     * @param priority tickets issued with a priority category
     * @param dossierLinked tickets with a dossier code linked
     */
    public record Figures(
            int issued,
            int served,
            int noShow,
            int cancelled,
            int open,
            int priority,
            int dossierLinked,
            Durations waitSeconds,
            Durations walkSeconds,
            Durations serviceSeconds,
            Ratings ratings) {

        /** No-shows among the tickets that reached a counter and ended there (served + no-show), or null. */
        public Double noShowRate() {
            return ratio(noShow, served + noShow);
        }

        /** Priority tickets among those issued, or null. */
        public Double priorityShare() {
            return ratio(priority, issued);
        }

        /** Served tickets with a dossier code linked, or null. */
        public Double dossierLinkRate() {
            return ratio(dossierLinked, served);
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("issued", issued)
                    .put("served", served)
                    .put("noShow", noShow)
                    .put("cancelled", cancelled)
                    .put("open", open)
                    .put("priority", priority)
                    .put("dossierLinked", dossierLinked)
                    .put("noShowRate", noShowRate())
                    .put("priorityShare", priorityShare())
                    .put("dossierLinkRate", dossierLinkRate())
                    .put("waitSeconds", waitSeconds.toJson())
                    .put("walkSeconds", walkSeconds.toJson())
                    .put("serviceSeconds", serviceSeconds.toJson())
                    .put("ratings", ratings.toJson());
        }

        public static Figures fromJson(JsonObject json) {
            return new Figures(
                    json.getInteger("issued", 0),
                    json.getInteger("served", 0),
                    json.getInteger("noShow", 0),
                    json.getInteger("cancelled", 0),
                    json.getInteger("open", 0),
                    json.getInteger("priority", 0),
                    json.getInteger("dossierLinked", 0),
                    Durations.fromJson(json.getJsonObject("waitSeconds")),
                    Durations.fromJson(json.getJsonObject("walkSeconds")),
                    Durations.fromJson(json.getJsonObject("serviceSeconds")),
                    Ratings.fromJson(json.getJsonObject("ratings")));
        }
    }

    /** Durations in whole seconds: how many were measured, their mean and 90th percentile (null when none). */
    public record Durations(int count, Long mean, Long p90) {
        public JsonObject toJson() {
            return new JsonObject().put("count", count).put("mean", mean).put("p90", p90);
        }

        public static Durations fromJson(JsonObject json) {
            return new Durations(json.getInteger("count", 0), json.getLong("mean"), json.getLong("p90"));
        }
    }

    /** Ratings on the national 3-level scale (docs/domain-vn.md §5), whatever keypad gave them. */
    public record Ratings(int veryHappy, int happy, int unhappy) {
        public int count() {
            return veryHappy + happy + unhappy;
        }

        /** Rất hài lòng + Hài lòng among all ratings, or null. */
        public Double satisfactionRate() {
            return ratio(veryHappy + happy, count());
        }

        public JsonObject toJson() {
            return new JsonObject()
                    .put("count", count())
                    .put("veryHappy", veryHappy)
                    .put("happy", happy)
                    .put("unhappy", unhappy)
                    .put("satisfactionRate", satisfactionRate());
        }

        public static Ratings fromJson(JsonObject json) {
            return new Ratings(
                    json.getInteger("veryHappy", 0), json.getInteger("happy", 0), json.getInteger("unhappy", 0));
        }
    }

    /**
     * One group: its key (service code, counter number, officer username, hour 0–23 or day YYYY-MM-DD) and a label
     * for people (the service's or counter's name; the key otherwise).
     */
    public record Group(String key, String label, Figures figures) {
        public JsonObject toJson() {
            return figures.toJson().put("key", key).put("label", label);
        }

        public static Group fromJson(JsonObject json) {
            return new Group(json.getString("key"), json.getString("label"), Figures.fromJson(json));
        }
    }

    public JsonObject toJson() {
        return new JsonObject()
                .put("site", site)
                .put("from", from.toString())
                .put("to", to.toString())
                .put("timeZone", timeZone)
                .put("totals", totals.toJson())
                .put("byService", groups(byService))
                .put("byCounter", groups(byCounter))
                .put("byOfficer", groups(byOfficer))
                .put("byHour", groups(byHour))
                .put("byDay", groups(byDay));
    }

    public static SiteStatistics fromJson(JsonObject json) {
        return new SiteStatistics(
                json.getString("site"),
                LocalDate.parse(json.getString("from")),
                LocalDate.parse(json.getString("to")),
                json.getString("timeZone"),
                Figures.fromJson(json.getJsonObject("totals")),
                groups(json.getJsonArray("byService")),
                groups(json.getJsonArray("byCounter")),
                groups(json.getJsonArray("byOfficer")),
                groups(json.getJsonArray("byHour")),
                groups(json.getJsonArray("byDay")));
    }

    private static JsonArray groups(List<Group> groups) {
        JsonArray array = new JsonArray();
        groups.forEach(g -> array.add(g.toJson()));
        return array;
    }

    private static List<Group> groups(JsonArray array) {
        return array == null
                ? List.of()
                : array.stream().map(o -> Group.fromJson((JsonObject) o)).toList();
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
