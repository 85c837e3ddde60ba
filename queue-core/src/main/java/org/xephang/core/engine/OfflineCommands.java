package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.QueueError;
import org.xephang.api.TicketState;
import org.xephang.core.OfflineIssuing.Block;
import org.xephang.core.OfflineIssuing.Lease;
import org.xephang.core.OfflineIssuing.OfflineTicket;
import org.xephang.core.OfflineIssuing.Outcome;
import org.xephang.core.persistence.NumberBlockStore;
import org.xephang.core.persistence.QueueStore;
import org.xephang.core.site.OfflineSettings;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.NumberBlock;
import org.xephang.core.ticket.TicketNumberAllocator;
import org.xephang.core.ticket.TicketRecord;

/**
 * Offline issuing of one site (docs/adr/0029-offline-issuing.md): leases number blocks to its kiosks and places the
 * tickets they issued offline among the waiting ones by tap time. Runs on the writer like every command; each uploaded
 * ticket is checked completely before anything of it is written, so a refused one spoils nothing else.
 */
final class OfflineCommands {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineCommands.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Ticket ids as the server makes them: 12 random bytes, URL-safe base64. */
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{16}");
    /** How far ahead of the server's clock a kiosk's tap time may be (its clock drifts). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    /** The oldest tap time an upload may name. */
    static final Duration MAX_AGE = Duration.ofDays(366);

    private final SiteState state;
    private final SiteEvents events;

    OfflineCommands(SiteState state, SiteEvents events) {
        this.state = state;
        this.events = events;
    }

    Lease lease(SiteQueue.Writes writes, String serviceCode, String kiosk, Instant now) throws SQLException {
        SiteConfig config = state.config();
        OfflineSettings settings = config.offline();
        if (!settings.enabled()) {
            throw new QueueError(
                    ErrorCode.CONFLICT,
                    "Điểm " + config.code() + " không cấp số dự phòng cho ki-ốt (cấu hình offline đang tắt).",
                    "Site " + config.code() + " does not give kiosks reserve numbers (offline configuration is off).");
        }
        ServiceConfig service = CommandChecks.service(config, serviceCode);
        LocalDate today = state.calendar().localDay(now);
        NumberBlockStore blocks = new NumberBlockStore(writes.store().connection());
        List<NumberBlock> mine = new ArrayList<>(blocks.day(config.code(), today).stream()
                .filter(b -> b.kiosk().equals(kiosk) && b.service().equals(service.code()))
                .toList());
        int unused = mine.stream().mapToInt(NumberBlock::unused).sum();
        if (unused == 0 || unused < settings.refillBelow()) {
            TicketNumberAllocator allocator = state.allocator();
            int[] range = allocator.nextBlock(service, today, settings.blockSize());
            NumberBlock block =
                    new NumberBlock(newId(), config.code(), kiosk, service.code(), today, range[0], range[1], 0, now);
            blocks.insert(block);
            allocator.lease(service.code(), today, range[0], range[1]);
            state.markChanged();
            mine.add(block);
            LOG.info(
                    "Site {}: kiosk {} leased {}..{} of service {} for {}",
                    config.code(),
                    kiosk,
                    TicketNumberAllocator.format(service.prefix(), service.width(), range[0]),
                    TicketNumberAllocator.format(service.prefix(), service.width(), range[1]),
                    service.code(),
                    today);
        }
        List<Block> usable = mine.stream()
                .filter(b -> b.unused() > 0)
                .map(b -> new Block(
                        b.id(), b.service(), b.day(), b.first(), b.last(), b.used(), service.prefix(), service.width()))
                .toList();
        return new Lease(service.code(), usable, settings.blockSize(), settings.refillBelow());
    }

    List<Outcome> upload(SiteQueue.Writes writes, List<OfflineTicket> tickets, String kiosk, Instant now)
            throws SQLException {
        List<OfflineTicket> byTapTime = tickets.stream()
                .sorted(Comparator.comparing(OfflineTicket::tappedAt).thenComparing(OfflineTicket::sequence))
                .toList();
        NumberBlockStore blocks = new NumberBlockStore(writes.store().connection());
        List<Outcome> outcomes = new ArrayList<>();
        for (OfflineTicket ticket : byTapTime) {
            try {
                outcomes.add(place(writes, blocks, ticket, kiosk, now));
            } catch (QueueError refused) {
                LOG.warn(
                        "Site {}: offline ticket {} of kiosk {} refused: {}",
                        state.config().code(),
                        ticket.id(),
                        kiosk,
                        refused.getMessage());
                outcomes.add(new Outcome(ticket.id(), null, false, refused));
            }
        }
        return outcomes;
    }

    private Outcome place(
            SiteQueue.Writes writes, NumberBlockStore blocks, OfflineTicket offline, String kiosk, Instant now)
            throws SQLException {
        SiteConfig config = state.config();
        if (offline.id() == null || !TICKET_ID.matcher(offline.id()).matches()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mã vé phải gồm 16 ký tự chữ, số, '-' hoặc '_'.",
                    "A ticket id has 16 characters: letters, digits, '-' or '_'.");
        }
        Optional<TicketRecord> known = state.find(offline.id());
        if (known.isPresent()) {
            return replay(known.get(), offline);
        }
        TicketRecord stored = writes.store().loadTicket(offline.id());
        if (stored != null) {
            return replay(stored, offline);
        }
        ServiceConfig service = CommandChecks.service(config, offline.service());
        String priority = CommandChecks.priority(config, offline.priority());
        if (offline.tappedAt() == null || offline.tappedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Giờ lấy vé (tappedAt) của vé " + offline.id()
                            + " thiếu hoặc ở tương lai; hãy kiểm tra đồng hồ ki-ốt.",
                    "The time the ticket was taken (tappedAt) of ticket " + offline.id()
                            + " is missing or in the future; please check the kiosk's clock.");
        }
        // No block is that old (and a time of another era is no calendar day: it threw on the writer, failing the
        // whole write group and every upload of the kiosk after it).
        if (offline.tappedAt().isBefore(now.minus(MAX_AGE))) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Giờ lấy vé (tappedAt) của vé " + offline.id() + " cũ hơn " + MAX_AGE.toDays()
                            + " ngày; hãy kiểm tra đồng hồ ki-ốt.",
                    "The tap time (tappedAt) of ticket " + offline.id() + " is older than " + MAX_AGE.toDays()
                            + " days; check the kiosk's clock.");
        }
        Instant tappedAt = offline.tappedAt().isAfter(now) ? now : offline.tappedAt();
        LocalDate day = state.calendar().localDay(tappedAt);
        String number = TicketNumberAllocator.format(service.prefix(), service.width(), offline.sequence());
        NumberBlock block = blocks.holding(config.code(), service.code(), day, offline.sequence())
                .filter(b -> b.kiosk().equals(kiosk))
                .orElseThrow(() -> new QueueError(
                        ErrorCode.CONFLICT,
                        "Số " + number + " ngày " + day + " không thuộc khối số đã cấp cho ki-ốt " + kiosk + ".",
                        "Number " + number + " of " + day + " is not in the block of numbers given to kiosk " + kiosk
                                + "."));
        if (blocks.numberTaken(config.code(), service.code(), day, offline.sequence())) {
            throw new QueueError(
                    ErrorCode.CONFLICT,
                    "Số " + number + " ngày " + day + " đã có vé khác; ki-ốt đã dùng một số hai lần.",
                    "Number " + number + " of " + day + " already has another ticket; the kiosk used a number twice.");
        }
        // Checked: from here on only changes.
        LocalDate today = state.calendar().localDay(now);
        JsonObject details =
                new JsonObject().put("offline", true).put("kiosk", kiosk).put("tappedAt", tappedAt.toString());
        if (!day.equals(today)) {
            // A ticket of a day already over (the kiosk came back after midnight): kept and forwarded, closed at once.
            TicketRecord issued =
                    newTicket(offline, service, day, number, priority, state.nextIssueOrder(), 0, tappedAt);
            TicketRecord cancelled = issued.cancel(now);
            writes.store().insertTicket(cancelled);
            blocks.countUsed(block.id());
            events.emit(writes, EventType.TICKET_ISSUED, issued, null, details, now);
            events.emit(
                    writes,
                    EventType.TICKET_CANCELLED,
                    cancelled,
                    null,
                    new JsonObject().put("reason", "hết ngày"),
                    now);
            return new Outcome(offline.id(), state.view(cancelled), false, null);
        }
        long key = placeBefore(writes, blocks, service.code(), tappedAt);
        TicketRecord ticket = newTicket(offline, service, day, number, priority, state.nextIssueOrder(), key, tappedAt);
        writes.store().insertTicket(ticket);
        state.put(ticket);
        state.markChanged();
        blocks.countUsed(block.id());
        events.emit(writes, EventType.TICKET_ISSUED, ticket, null, details, now);
        return new Outcome(offline.id(), state.view(ticket), false, null);
    }

    /**
     * The queue key of a ticket tapped at {@code tappedAt}: the key of the first waiting ticket of its line issued
     * after that time, made free by moving that ticket and every later one of the site one place back; behind every
     * ticket when none waits that came later.
     */
    private long placeBefore(SiteQueue.Writes writes, NumberBlockStore blocks, String service, Instant tappedAt)
            throws SQLException {
        Optional<Long> successor = state.ticketsNow().stream()
                .filter(t -> t.state() == TicketState.WAITING
                        && t.assignedCounter() == null
                        && t.service().equals(service)
                        && t.issuedAt().isAfter(tappedAt))
                .map(TicketRecord::queueKey)
                .min(Long::compare);
        if (successor.isEmpty()) {
            return state.takeBackQueueKey();
        }
        long key = successor.get();
        blocks.shiftQueueKeys(state.config().code(), key);
        long highest = key;
        for (TicketRecord t : state.ticketsNow()) {
            if (t.state().isOpen() && t.queueKey() >= key) {
                state.put(t.withQueueKey(t.queueKey() + 1));
                highest = Math.max(highest, t.queueKey() + 1);
            }
        }
        state.queueKeyUsed(highest);
        return key;
    }

    private TicketRecord newTicket(
            OfflineTicket offline,
            ServiceConfig service,
            LocalDate day,
            String number,
            String priority,
            long issueOrder,
            long queueKey,
            Instant tappedAt) {
        return TicketRecord.issued(
                offline.id(),
                state.config().code(),
                service.code(),
                day,
                offline.sequence(),
                number,
                priority,
                QueueStore.OFFLINE_CHANNEL,
                issueOrder,
                queueKey,
                tappedAt,
                null);
    }

    private Outcome replay(TicketRecord existing, OfflineTicket offline) {
        if (!existing.site().equals(state.config().code())
                || !QueueStore.OFFLINE_CHANNEL.equals(existing.channel())
                || existing.sequence() != offline.sequence()) {
            throw new QueueError(
                    ErrorCode.CONFLICT,
                    "Mã vé " + offline.id() + " đã thuộc về một vé khác.",
                    "Ticket id " + offline.id() + " already belongs to another ticket.");
        }
        return new Outcome(offline.id(), state.view(existing), true, null);
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
