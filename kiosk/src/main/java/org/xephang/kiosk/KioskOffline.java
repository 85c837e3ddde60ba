package org.xephang.kiosk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.agent.PrintedTicket;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;

/**
 * The kiosk's offline issuing (docs/adr/0029-offline-issuing.md): the number blocks the server leased it, the tickets
 * it issues from them when it cannot reach the server (each written to its {@link OfflineJournal} before it is
 * printed), and their upload with their tap times once the server answers again. Used on the agent's context only; the
 * journal's disk work runs on one ordered worker.
 */
final class KioskOffline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KioskOffline.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The channel of an offline ticket, on paper ("Vé cấp khi mất kết nối") and at the server. */
    static final String CHANNEL = PrintedTicket.OFFLINE_CHANNEL;
    /** Tickets per upload request (the server takes at most 200). */
    private static final int UPLOAD_BATCH = 100;

    private final OfflineJournal journal;
    private final WorkerExecutor disk;
    private final CoreGateway core;
    private final String kioskId;
    private final String site;
    private final Clock clock;

    /** Per service, its blocks in lease order (the older first: it is used up first). */
    private final Map<String, List<HeldBlock>> blocks = new LinkedHashMap<>();
    /** Per service, below how many numbers left the kiosk asks for the next block (from the server's answer). */
    private final Map<String, Integer> refillBelow = new HashMap<>();
    /** Offline tickets not yet uploaded, by id, in issue order. */
    private final Map<String, JsonObject> pending = new LinkedHashMap<>();
    /** The last site description seen, for a kiosk restarted while the server is away. */
    private JsonObject lastSite;

    private boolean opened;
    private boolean serverRefuses;
    private boolean uploading;
    private boolean leasing;

    private static final class HeldBlock {
        final String id;
        final String service;
        final LocalDate day;
        final int first;
        final int last;
        final String prefix;
        final int width;
        int next;

        HeldBlock(JsonObject json) {
            id = json.getString("id");
            service = json.getString("service");
            day = LocalDate.parse(json.getString("day"));
            first = json.getInteger("first");
            last = json.getInteger("last");
            prefix = json.getString("prefix");
            width = json.getInteger("width");
            next = first + json.getInteger("used", 0);
        }

        int left() {
            return Math.max(0, last - next + 1);
        }
    }

    /** @param journal null when the kiosk has no journal configured: it then never issues offline */
    KioskOffline(Vertx vertx, CoreGateway core, OfflineJournal journal, String kioskId, String site, Clock clock) {
        this.journal = journal;
        this.core = core;
        this.kioskId = kioskId;
        this.site = site;
        this.clock = clock;
        this.disk = journal == null ? null : vertx.createSharedWorkerExecutor("xephang-kiosk-journal-" + kioskId, 1);
    }

    boolean enabled() {
        return journal != null;
    }

    /** Reads the journal: the blocks held, the tickets not yet uploaded, the last site description. */
    Future<Void> open() {
        if (journal == null) {
            return Future.succeededFuture();
        }
        return disk.<List<JsonObject>>executeBlocking(journal::readAll).map(entries -> {
            for (JsonObject entry : entries) {
                replay(entry);
            }
            opened = true;
            LOG.info(
                    "kiosk {}: offline journal {} read: {} ticket(s) to upload, blocks of {} field(s)",
                    kioskId,
                    journal.file(),
                    pending.size(),
                    blocks.size());
            return null;
        });
    }

    private void replay(JsonObject entry) {
        switch (entry.getString("type", "")) {
            case "blocks" ->
                holdBlocks(entry.getString("service"), entry.getJsonArray("blocks"), entry.getInteger("refillBelow"));
            case "ticket" -> {
                pending.put(entry.getString("id"), entry);
                heldBlock(entry.getString("block"))
                        .ifPresent(b -> b.next = Math.max(b.next, entry.getInteger("sequence") + 1));
            }
            case "uploaded" -> pending.remove(entry.getString("id"));
            case "site" -> lastSite = entry.getJsonObject("site");
            default -> LOG.warn("kiosk {}: offline journal entry of unknown type skipped", kioskId);
        }
    }

    private java.util.Optional<HeldBlock> heldBlock(String id) {
        return blocks.values().stream()
                .flatMap(List::stream)
                .filter(b -> b.id.equals(id))
                .findFirst();
    }

    /** Replaces a service's blocks with the server's answer, keeping what was issued from them here. */
    private void holdBlocks(String service, JsonArray answer, Integer refill) {
        Map<String, Integer> nextHere = new HashMap<>();
        blocks.getOrDefault(service, List.of()).forEach(b -> nextHere.put(b.id, b.next));
        List<HeldBlock> held = new ArrayList<>();
        for (Object item : answer) {
            HeldBlock block = new HeldBlock((JsonObject) item);
            block.next = Math.max(block.next, nextHere.getOrDefault(block.id, block.first));
            held.add(block);
        }
        blocks.put(service, held);
        if (refill != null) {
            refillBelow.put(service, refill);
        }
    }

    /** The last site description seen (kept in the journal), or null. */
    JsonObject lastSite() {
        return lastSite;
    }

    /** The site's description arrived: kept for a restart without the server. */
    void siteLoaded(JsonObject siteJson) {
        if (journal == null || siteJson == null || siteJson.equals(lastSite)) {
            return;
        }
        lastSite = siteJson.copy();
        write(new JsonObject().put("type", "site").put("site", lastSite));
    }

    /** How many numbers are left today per service (for the page). */
    JsonObject remaining(LocalDate today) {
        JsonObject left = new JsonObject();
        blocks.forEach((service, held) -> left.put(
                service,
                held.stream()
                        .filter(b -> b.day.equals(today))
                        .mapToInt(HeldBlock::left)
                        .sum()));
        return left;
    }

    /** Whether any number is held for today. */
    boolean ready(LocalDate today) {
        return opened
                && blocks.values().stream().flatMap(List::stream).anyMatch(b -> b.day.equals(today) && b.left() > 0);
    }

    int pendingUploads() {
        return pending.size();
    }

    /**
     * Issues a ticket from the service's block of today: the number is taken at once (no other tap gets it), the
     * ticket is on disk when this completes, and only then may it be printed. Fails with a {@link QueueError} whose
     * message is fit for the screen when no number is left or the journal cannot be written.
     */
    Future<Ticket> issue(
            String service,
            String priority,
            JsonObject siteJson,
            Integer waitingAhead,
            ZoneId zone,
            String statusBase) {
        String serviceName = serviceName(siteJson, service);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        HeldBlock block = blocks.getOrDefault(service, List.of()).stream()
                .filter(b -> b.day.equals(today) && b.left() > 0)
                .findFirst()
                .orElse(null);
        if (!opened || block == null) {
            return Future.failedFuture(new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Ki-ốt đang mất kết nối với máy chủ và không còn số dự phòng cho lĩnh vực "
                            + (serviceName == null ? service : serviceName)
                            + ". Vui lòng chờ trong giây lát hoặc hỏi cán bộ hướng dẫn.",
                    "The kiosk has lost its connection to the server and has no reserve numbers left for the service "
                            + (serviceName == null ? service : serviceName)
                            + ". Please wait a moment or ask a staff member."));
        }
        int sequence = block.next++;
        String number = block.prefix
                + "0"
                        .repeat(Math.max(
                                0, block.width - Integer.toString(sequence).length()))
                + sequence;
        String id = newTicketId();
        JsonObject entry = new JsonObject()
                .put("type", "ticket")
                .put("id", id)
                .put("service", service)
                .put("sequence", sequence)
                .put("number", number)
                .put("priority", priority)
                .put("tappedAt", now.toString())
                .put("block", block.id);
        pending.put(id, entry);
        return disk.<Void>executeBlocking(() -> {
                    journal.append(entry);
                    return null;
                })
                .recover(failure -> {
                    pending.remove(id);
                    LOG.error(
                            "kiosk {}: offline ticket {} not written to the journal; not printed",
                            kioskId,
                            number,
                            failure);
                    return Future.failedFuture(new QueueError(
                            ErrorCode.UNAVAILABLE,
                            "Ki-ốt không ghi được vé vào bộ nhớ. Vui lòng hỏi cán bộ hướng dẫn.",
                            "The kiosk could not save the ticket to its storage. Please ask a staff member."));
                })
                .map(written -> {
                    LOG.info("kiosk {}: ticket {} issued offline", kioskId, number);
                    return new Ticket(
                            id,
                            site,
                            number,
                            service,
                            priority,
                            CHANNEL,
                            TicketState.WAITING,
                            now,
                            null,
                            null,
                            null,
                            null,
                            0,
                            waitingAhead,
                            null,
                            statusBase + "/t/" + id,
                            null);
                });
    }

    /**
     * The server answers again: uploads the offline tickets (oldest first, in batches), then asks for blocks where few
     * numbers are left. Safe to call often: one upload and one lease round run at a time.
     *
     * @param services the site's service codes
     */
    Future<Void> serverAnswers(List<String> services, LocalDate today) {
        if (journal == null || !opened) {
            return Future.succeededFuture();
        }
        return upload().compose(done -> refill(services, today));
    }

    /** Uploads the pending tickets; completes when all were answered (or the upload failed: tried again later). */
    Future<Void> upload() {
        if (pending.isEmpty() || uploading) {
            return Future.succeededFuture();
        }
        uploading = true;
        List<JsonObject> batch = pending.values().stream().limit(UPLOAD_BATCH).toList();
        JsonArray tickets = new JsonArray();
        batch.forEach(t -> tickets.add(new JsonObject()
                .put("id", t.getString("id"))
                .put("service", t.getString("service"))
                .put("sequence", t.getInteger("sequence"))
                .put("priority", t.getString("priority"))
                .put("tappedAt", t.getString("tappedAt"))));
        return core.uploadOfflineTickets(tickets)
                .compose(this::settle)
                .onComplete(done -> uploading = false)
                .compose(done -> pending.isEmpty() ? Future.<Void>succeededFuture() : upload())
                .onFailure(failure -> LOG.warn(
                        "kiosk {}: {} offline ticket(s) not uploaded yet: {}",
                        kioskId,
                        pending.size(),
                        failure.toString()));
    }

    private Future<Void> settle(JsonArray results) {
        List<Future<Void>> writes = new ArrayList<>();
        for (Object item : results) {
            JsonObject result = (JsonObject) item;
            String id = result.getString("id");
            JsonObject ticket = pending.remove(id);
            if (ticket == null) {
                continue;
            }
            String status = result.getString("status");
            if ("refused".equals(status)) {
                LOG.error(
                        "kiosk {}: the server refused offline ticket {} ({}): {}",
                        kioskId,
                        ticket.getString("number"),
                        result.getString("error"),
                        result.getString("message"));
            } else {
                LOG.info("kiosk {}: offline ticket {} reconciled ({})", kioskId, ticket.getString("number"), status);
            }
            writes.add(
                    write(new JsonObject().put("type", "uploaded").put("id", id).put("status", status)));
        }
        return Future.all(writes).mapEmpty();
    }

    /** Asks for blocks of the services with fewer than their refill threshold left today. */
    Future<Void> refill(List<String> services, LocalDate today) {
        if (journal == null || !opened || serverRefuses || leasing || !pending.isEmpty()) {
            return Future.succeededFuture();
        }
        List<String> wanted = services.stream()
                .filter(service -> {
                    int left = blocks.getOrDefault(service, List.of()).stream()
                            .filter(b -> b.day.equals(today))
                            .mapToInt(HeldBlock::left)
                            .sum();
                    return left == 0 || left < refillBelow.getOrDefault(service, Integer.MAX_VALUE);
                })
                .toList();
        if (wanted.isEmpty()) {
            return Future.succeededFuture();
        }
        leasing = true;
        Future<Void> chain = Future.succeededFuture();
        for (String service : wanted) {
            chain = chain.compose(done -> lease(service));
        }
        return chain.onComplete(done -> leasing = false);
    }

    private Future<Void> lease(String service) {
        return core.numberBlocks(service)
                .compose(answer -> {
                    holdBlocks(service, answer.getJsonArray("blocks"), answer.getInteger("refillBelow"));
                    return write(new JsonObject()
                            .put("type", "blocks")
                            .put("service", service)
                            .put("refillBelow", answer.getInteger("refillBelow"))
                            .put("blocks", answer.getJsonArray("blocks")));
                })
                .recover(failure -> {
                    if (failure instanceof QueueError error && error.code() == ErrorCode.CONFLICT) {
                        serverRefuses = true;
                        LOG.info(
                                "kiosk {}: the server leases no numbers ({}); no offline issuing",
                                kioskId,
                                error.getMessage());
                    } else if (failure instanceof QueueError error && error.code() == ErrorCode.DAILY_CAP_REACHED) {
                        LOG.info("kiosk {}: no numbers left to lease for service {}", kioskId, service);
                    } else {
                        LOG.warn(
                                "kiosk {}: no number block for service {} yet: {}",
                                kioskId,
                                service,
                                failure.toString());
                    }
                    return Future.succeededFuture();
                });
    }

    /** The link came back after a refusal of offline issuing: ask again (the configuration may have changed). */
    void linkUp() {
        serverRefuses = false;
    }

    private Future<Void> write(JsonObject entry) {
        return disk.<Void>executeBlocking(() -> {
                    journal.append(entry);
                    return null;
                })
                .onFailure(failure -> LOG.error("kiosk {}: offline journal not written", kioskId, failure));
    }

    /** The codes of the services in a site description ({@code SiteInfo} JSON, or null: none). */
    static List<String> serviceCodes(JsonObject siteJson) {
        return services(siteJson).stream().map(s -> s.getString("code")).toList();
    }

    private static String serviceName(JsonObject siteJson, String code) {
        return services(siteJson).stream()
                .filter(s -> code.equals(s.getString("code")))
                .map(s -> s.getString("name"))
                .findFirst()
                .orElse(null);
    }

    private static List<JsonObject> services(JsonObject siteJson) {
        if (siteJson == null || siteJson.getJsonArray("services") == null) {
            return List.of();
        }
        return siteJson.getJsonArray("services").stream()
                .map(JsonObject.class::cast)
                .toList();
    }

    private static String newTicketId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        if (disk != null) {
            disk.close();
        }
        if (journal != null) {
            journal.close();
        }
    }
}
