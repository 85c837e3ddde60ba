package org.xephang.core.engine;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.AppointmentService;
import org.xephang.core.IssueResult;
import org.xephang.core.appointment.Booking;
import org.xephang.core.appointment.BookingCode;
import org.xephang.core.appointment.BookingRequest;
import org.xephang.core.appointment.CheckInRule;
import org.xephang.core.appointment.CheckInRule.Placement;
import org.xephang.core.appointment.ImportedBooking;
import org.xephang.core.appointment.Slot;
import org.xephang.core.appointment.SlotPlanner;
import org.xephang.core.notify.NotificationKind;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.BookingStore;
import org.xephang.core.site.AppointmentSettings;
import org.xephang.core.site.ServiceConfig;
import org.xephang.core.site.SiteCalendar;
import org.xephang.core.site.SiteConfig;
import org.xephang.core.ticket.TicketRecord;

/**
 * The engine's {@link AppointmentService}: every operation is a command on the writer, reading and writing the
 * {@code appointment} table in its transaction, so a slot's capacity check and the insert that takes its last place
 * are never interleaved with another booking. Logs carry booking codes only, never names or phone numbers.
 */
final class EngineAppointments implements AppointmentService {

    private static final Logger LOG = LoggerFactory.getLogger(EngineAppointments.class);
    /** How often past bookings' names and phones are looked for and blanked. */
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    /** Codes drawn again when one is taken: with 31^8 codes a second draw is already rare. */
    private static final int CODE_ATTEMPTS = 5;
    /** A slot in a message: {@code 09:15 ngày 07/12/2026}, in the site's time zone. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final EngineWriter writer;
    private final Clock clock;
    /** The last instant's UTC day at which past bookings' personal data was blanked (housekeeping thread). */
    private Instant forgottenAt;

    EngineAppointments(EngineWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public AppointmentSettings settings(String site) {
        SiteQueue queue = writer.siteQueue(site);
        if (queue == null) {
            throw EngineWriter.unknownSite(site);
        }
        return queue.config().appointments();
    }

    @Override
    public CompletionStage<List<BookableDay>> days(String site, String service) {
        return onSite(site, (queue, writes, now) -> {
            SiteConfig config = queue.config();
            SlotPlanner planner = planner(config);
            List<BookableDay> days = new ArrayList<>();
            for (LocalDate day : planner.bookableDays()) {
                if (!planner.opensOn(day)) {
                    String reason;
                    try {
                        planner.slots(service, day, Map.of());
                        reason = "";
                    } catch (QueueError closed) {
                        if (closed.code() != ErrorCode.SITE_CLOSED) {
                            throw closed;
                        }
                        reason = closed.getMessage();
                    }
                    days.add(new BookableDay(day, 0, reason));
                    continue;
                }
                int free =
                        planner
                                .slots(service, day, writes.bookings().bookedPerSlot(config.code(), service, day))
                                .stream()
                                .mapToInt(Slot::free)
                                .sum();
                days.add(new BookableDay(day, free, null));
            }
            return days;
        });
    }

    @Override
    public CompletionStage<List<Slot>> slots(String site, String service, LocalDate day) {
        return onSite(site, (queue, writes, now) -> {
            SiteConfig config = queue.config();
            SlotPlanner planner = planner(config);
            planner.slots(service, day, Map.of()); // refusals before the query
            return planner.slots(service, day, writes.bookings().bookedPerSlot(config.code(), service, day));
        });
    }

    @Override
    public CompletionStage<Booking> book(String site, BookingRequest request) {
        return onSite(site, (queue, writes, now) -> {
            SiteConfig config = queue.config();
            SiteCalendar calendar = SiteCalendar.of(config);
            BookingStore bookings = writes.bookings();
            LocalDate day = calendar.localDay(request.start());
            SlotPlanner planner = planner(config);
            planner.slotToBook(request.service(), request.start(), Map.of()); // refusals before the queries
            Slot slot = planner.slotToBook(
                    request.service(), request.start(), bookings.bookedPerSlot(config.code(), request.service(), day));
            LocalDate today = calendar.localDay(now);
            Booking booking = null;
            // Another node may book the same phone (another site) or draw the same code at the same moment: the
            // store's unique keys let one insert win; the other counts again (schema V11).
            for (int attempt = 0; booking == null; attempt++) {
                int perPhone = config.appointments().perPhonePerDay();
                if (bookings.bookedByPhone(request.phone(), today) >= perPhone) {
                    throw new QueueError(
                            ErrorCode.RATE_LIMITED,
                            "Số điện thoại này đã đặt " + perPhone
                                    + " lịch hẹn hôm nay. Vui lòng thử lại vào ngày mai hoặc đến trực tiếp.",
                            "This phone number has already booked " + perPhone
                                    + " appointments today. Please try again tomorrow or come in person.");
                }
                if (attempt == CODE_ATTEMPTS) {
                    throw new QueueError(
                            ErrorCode.UNAVAILABLE,
                            "Không tạo được mã lịch hẹn, vui lòng thử lại.",
                            "Could not create an appointment code, please try again.");
                }
                Integer turn = request.phone() == null ? null : bookings.freePhoneTurn(request.phone(), today);
                Booking candidate = newBooking(newCode(bookings), config, request, slot, now);
                if (bookings.tryInsert(candidate, day, today, null, turn)) {
                    booking = candidate;
                }
            }
            String code = booking.code();
            LOG.info("Site {}: booking {} for service {} at {}", config.code(), code, request.service(), slot.start());
            confirm(writes, config, booking, NotificationKind.BOOKED, code + ":" + NotificationKind.BOOKED.code(), now);
            return booking;
        });
    }

    @Override
    public CompletionStage<Booking> find(String typed) {
        Optional<String> code = BookingCode.parse(typed);
        if (code.isEmpty()) {
            return CompletableFuture.failedFuture(malformedCode());
        }
        return writer.onWriter(
                (writes, now) -> writes.bookings().find(code.get()).orElseThrow(EngineAppointments::unknownCode));
    }

    @Override
    public CompletionStage<Booking> cancel(String typed) {
        Optional<String> code = BookingCode.parse(typed);
        if (code.isEmpty()) {
            return CompletableFuture.failedFuture(malformedCode());
        }
        return writer.onWriter((writes, now) -> {
            Booking booking = writes.bookings().find(code.get()).orElseThrow(EngineAppointments::unknownCode);
            if (booking.checkedIn()) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "Lịch hẹn " + booking.code() + " đã được xác nhận tại trung tâm, không hủy" + " được nữa.",
                        "Appointment " + booking.code()
                                + " has been confirmed at the centre and can no longer be cancelled.");
            }
            if (!booking.end().isAfter(now)) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "Lịch hẹn " + booking.code() + " đã qua, không cần hủy.",
                        "Appointment " + booking.code() + " is past; no need to cancel.");
            }
            writes.bookings().delete(booking.code());
            LOG.info("Site {}: booking {} cancelled", booking.site(), booking.code());
            return booking;
        });
    }

    @Override
    public CompletionStage<Booking> move(String typed, Instant start) {
        Optional<String> code = BookingCode.parse(typed);
        if (code.isEmpty()) {
            return CompletableFuture.failedFuture(malformedCode());
        }
        return writer.onWriter((writes, now) -> {
            Booking booking = writes.bookings().find(code.get()).orElseThrow(EngineAppointments::unknownCode);
            SiteQueue queue = writer.siteQueue(booking.site());
            if (queue == null) {
                throw EngineWriter.unknownSite(booking.site());
            }
            if (booking.checkedIn()) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "Lịch hẹn " + booking.code() + " đã được xác nhận tại trung tâm, không đổi được nữa.",
                        "Appointment " + booking.code()
                                + " has been confirmed at the centre and can no longer be changed.");
            }
            if (!booking.end().isAfter(now)) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "Lịch hẹn " + booking.code() + " đã qua, không đổi được. Vui lòng đặt lịch mới.",
                        "Appointment " + booking.code()
                                + " is past and cannot be changed. Please book a new appointment.");
            }
            SiteConfig config = queue.config();
            SiteCalendar calendar = SiteCalendar.of(config);
            SlotPlanner planner = planner(config);
            planner.slotToBook(booking.service(), start, Map.of()); // refusals before the queries
            LocalDate day = calendar.localDay(start);
            Slot slot = planner.slotToBook(
                    booking.service(), start, writes.bookings().bookedPerSlot(config.code(), booking.service(), day));
            if (slot.start().toInstant().equals(booking.start())) {
                throw new QueueError(
                        ErrorCode.CONFLICT,
                        "Lịch hẹn " + booking.code() + " đã ở khung giờ này, không cần đổi.",
                        "Appointment " + booking.code() + " is already at this time slot; nothing to change.");
            }
            writes.bookings()
                    .move(booking.code(), slot.start().toInstant(), slot.end().toInstant(), day);
            Booking moved = booking.inSlot(slot.start().toInstant(), slot.end().toInstant());
            LOG.info("Site {}: booking {} moved to {}", config.code(), booking.code(), slot.start());
            confirm(
                    writes,
                    config,
                    moved,
                    NotificationKind.BOOKING_MOVED,
                    booking.code() + ":" + NotificationKind.BOOKING_MOVED.code() + ":"
                            + slot.start().toInstant().getEpochSecond(),
                    now);
            return moved;
        });
    }

    @Override
    public CompletionStage<Imported> importBooking(String site, ImportedBooking imported) {
        return onSite(site, (queue, writes, now) -> {
            requireReadableExternalId(imported.externalId());
            BookingStore bookings = writes.bookings();
            Optional<Booking> earlier = bookings.findExternal(site, imported.externalId());
            if (earlier.isPresent()) {
                return new Imported(earlier.get(), false);
            }
            if (imported.start() == null || !BookingRequest.isPlausibleStart(imported.start())) {
                throw new QueueError(
                        ErrorCode.INVALID_REQUEST,
                        "Lịch hẹn từ cổng dịch vụ công thiếu thời gian hẹn hoặc sai năm.",
                        "The appointment from the public service portal has no appointment time, or a wrong year.");
            }
            SiteConfig config = queue.config();
            SiteCalendar calendar = SiteCalendar.of(config);
            SlotPlanner planner = planner(config);
            LocalDate day = calendar.localDay(imported.start());
            // The portal's time may fall inside a slot rather than at its start: that slot is taken.
            Instant start = planner.slots(imported.service(), day, Map.of()).stream()
                    .filter(slot -> !slot.start().toInstant().isAfter(imported.start())
                            && slot.end().toInstant().isAfter(imported.start()))
                    .map(slot -> slot.start().toInstant())
                    .findFirst()
                    .orElse(imported.start());
            BookingRequest request = BookingRequest.of(imported.service(), start, imported.name(), imported.phone());
            Slot slot = planner.slotToBook(
                    request.service(), start, bookings.bookedPerSlot(config.code(), request.service(), day));
            Booking booking = null;
            for (int attempt = 0; booking == null; attempt++) {
                if (attempt == CODE_ATTEMPTS) {
                    throw new QueueError(
                            ErrorCode.UNAVAILABLE,
                            "Không tạo được mã lịch hẹn, vui lòng thử lại.",
                            "Could not create an appointment code, please try again.");
                }
                Booking candidate = newBooking(newCode(bookings), config, request, slot, now);
                if (bookings.tryInsert(candidate, day, calendar.localDay(now), imported.externalId(), null)) {
                    booking = candidate;
                } else {
                    Optional<Booking> imported0 = bookings.findExternal(site, imported.externalId());
                    if (imported0.isPresent()) {
                        return new Imported(imported0.get(), false);
                    }
                }
            }
            String code = booking.code();
            LOG.info(
                    "Site {}: booking {} imported from the portal (its id {}) for service {} at {}",
                    site,
                    code,
                    imported.externalId(),
                    request.service(),
                    slot.start());
            return new Imported(booking, true);
        });
    }

    /** The longest portal id taken: ids are short codes; a longer one is a broken answer. */
    static final int MAX_EXTERNAL_ID_LENGTH = 100;

    /**
     * The portal's id is stored, looked up and logged: a control character (a zero byte PostgreSQL refuses, failing the
     * whole write group; a line break forging a log line) or an overlong one refuses that booking alone.
     */
    private static void requireReadableExternalId(String id) {
        if (id.isBlank() || id.length() > MAX_EXTERNAL_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mã lịch hẹn của cổng dịch vụ công không hợp lệ (trống, dài quá " + MAX_EXTERNAL_ID_LENGTH
                            + " ký tự hoặc có ký tự điều khiển).",
                    "The portal's appointment id is not valid (empty, longer than " + MAX_EXTERNAL_ID_LENGTH
                            + " characters or with a control character).");
        }
    }

    private static Booking newBooking(String code, SiteConfig config, BookingRequest request, Slot slot, Instant now) {
        return new Booking(
                code,
                config.code(),
                request.service(),
                slot.start().toInstant(),
                slot.end().toInstant(),
                request.name(),
                request.phone(),
                now,
                null);
    }

    /**
     * When the site sends messages: records the booking's confirmation (or its move) in the outbox, in the same
     * transaction as the booking, so it is sent once however often the request is retried. No phone, no message.
     */
    private static void confirm(
            SiteQueue.Writes writes,
            SiteConfig config,
            Booking booking,
            NotificationKind kind,
            String idempotencyKey,
            Instant now)
            throws SQLException {
        if (!config.notifications().enabled()
                || PhoneNumber.parse(booking.phone()).isEmpty()) {
            return;
        }
        String service =
                config.service(booking.service()).map(ServiceConfig::name).orElse(booking.service());
        JsonObject payload = new JsonObject()
                .put("ticketNumber", booking.code())
                .put("siteName", config.name())
                .put(
                        "details",
                        new JsonObject()
                                .put("service", service)
                                .put("when", WHEN.format(booking.start().atZone(config.timeZone()))));
        writes.notificationStore()
                .recordDue(
                        idempotencyKey,
                        config.code(),
                        null,
                        kind.code(),
                        config.notifications().provider(),
                        booking.phone(),
                        payload.encode(),
                        now);
    }

    @Override
    public CompletionStage<List<Booking>> day(String site, LocalDate day) {
        return onSite(site, (queue, writes, now) -> writes.bookings().day(site, day));
    }

    @Override
    public CompletionStage<CheckIn> checkIn(String site, String typed, Actor actor) {
        Optional<String> code = BookingCode.parse(typed);
        if (code.isEmpty()) {
            return CompletableFuture.failedFuture(malformedCode());
        }
        return onSite(site, (queue, writes, now) -> {
            SiteConfig config = queue.config();
            Booking booking = writes.bookings().find(code.get()).orElseThrow(EngineAppointments::unknownCode);
            CheckInRule rule =
                    new CheckInRule(config.timeZone(), config.appointments().graceMinutes());
            if (booking.checkedIn() && booking.site().equals(site)) {
                Optional<TicketRecord> ticket = queue.find(booking.ticketId());
                if (ticket.isPresent()) {
                    return new CheckIn(
                            booking,
                            queue.view(ticket.get()),
                            true,
                            ticket.get().isPriority());
                }
            }
            Placement placement = rule.place(booking, site, config.name(), now);
            IssueResult issued = queue.tickets()
                    .checkIn(writes, booking.service(), placement, "appointment/" + booking.code(), actor, now);
            Ticket ticket = issued.ticket();
            if (!issued.replayed()) {
                writes.bookings().markCheckedIn(booking.code(), ticket.id());
                LOG.info(
                        "Site {}: booking {} checked in as ticket {} ({})",
                        site,
                        booking.code(),
                        ticket.number(),
                        placement);
            }
            return new CheckIn(
                    booking.checkedIn(ticket.id()), ticket, issued.replayed(), placement == Placement.ON_TIME);
        });
    }

    private <T> CompletionStage<T> onSite(String site, EngineWriter.SiteCommand<T> command) {
        return writer.onSite(site, command);
    }

    private SlotPlanner planner(SiteConfig config) {
        return new SlotPlanner(config, clock);
    }

    private String newCode(BookingStore bookings) throws SQLException {
        for (int i = 0; i < CODE_ATTEMPTS; i++) {
            String code = BookingCode.generate();
            if (!bookings.exists(code)) {
                return code;
            }
        }
        throw new QueueError(
                ErrorCode.UNAVAILABLE,
                "Không tạo được mã lịch hẹn, vui lòng thử lại.",
                "Could not create an appointment code, please try again.");
    }

    /**
     * From the minute's housekeeping (its one thread): at start and then every hour, the names and phones of each
     * site's bookings of days before its local today are blanked, even when nobody books.
     */
    void forgetPersonalDataWhenDue() {
        Instant now = clock.instant();
        if (forgottenAt != null && Duration.between(forgottenAt, now).compareTo(FORGET_EVERY) < 0) {
            return;
        }
        forgottenAt = now;
        writer.onWriter((writes, at) -> {
                    int blanked = 0;
                    for (SiteQueue queue : writer.siteQueues()) {
                        SiteConfig config = queue.config();
                        blanked += writes.bookings()
                                .forgetPersonalDataBefore(config.code(), LocalDate.ofInstant(at, config.timeZone()));
                    }
                    if (blanked > 0) {
                        LOG.info("Blanked the name and phone of {} booking(s) of past days", blanked);
                    }
                    return null;
                })
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        LOG.warn("Blanking the personal data of past bookings failed: {}", failure.toString());
                    }
                });
    }

    private static QueueError unknownCode() {
        return new QueueError(
                ErrorCode.UNKNOWN_APPOINTMENT,
                "Không tìm thấy lịch hẹn với mã này. Vui lòng kiểm tra lại mã (8 ký tự) hoặc đặt lịch mới.",
                "No appointment with this code. Please check the code (8 characters) or book a new appointment.");
    }

    private static QueueError malformedCode() {
        return new QueueError(
                ErrorCode.INVALID_REQUEST,
                "Mã lịch hẹn gồm 8 ký tự chữ và số (không có 0, 1, O, I, L), ví dụ K7M2Q9XA.",
                "An appointment code has 8 letters and digits (no 0, 1, O, I, L), for example K7M2Q9XA.");
    }
}
