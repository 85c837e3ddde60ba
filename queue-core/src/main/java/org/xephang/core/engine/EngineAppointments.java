package org.xephang.core.engine;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.xephang.core.appointment.Slot;
import org.xephang.core.appointment.SlotPlanner;
import org.xephang.core.persistence.BookingStore;
import org.xephang.core.site.AppointmentSettings;
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
            if (bookings.bookedByPhone(request.phone(), today)
                    >= config.appointments().perPhonePerDay()) {
                throw new QueueError(
                        ErrorCode.RATE_LIMITED,
                        "Số điện thoại này đã đặt " + config.appointments().perPhonePerDay()
                                + " lịch hẹn hôm nay. Vui lòng thử lại vào ngày mai hoặc đến trực tiếp.");
            }
            String code = newCode(bookings);
            Booking booking = new Booking(
                    code,
                    config.code(),
                    request.service(),
                    slot.start().toInstant(),
                    slot.end().toInstant(),
                    request.name(),
                    request.phone(),
                    now,
                    null);
            bookings.insert(booking, day, today);
            LOG.info("Site {}: booking {} for service {} at {}", config.code(), code, request.service(), slot.start());
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
                        "Lịch hẹn " + booking.code() + " đã được xác nhận tại trung tâm, không hủy" + " được nữa.");
            }
            if (!booking.end().isAfter(now)) {
                throw new QueueError(ErrorCode.CONFLICT, "Lịch hẹn " + booking.code() + " đã qua, không cần hủy.");
            }
            writes.bookings().delete(booking.code());
            LOG.info("Site {}: booking {} cancelled", booking.site(), booking.code());
            return booking;
        });
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
        throw new QueueError(ErrorCode.UNAVAILABLE, "Không tạo được mã lịch hẹn, vui lòng thử lại.");
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
                "Không tìm thấy lịch hẹn với mã này. Vui lòng kiểm tra lại mã (8 ký tự) hoặc đặt lịch mới.");
    }

    private static QueueError malformedCode() {
        return new QueueError(
                ErrorCode.INVALID_REQUEST,
                "Mã lịch hẹn gồm 8 ký tự chữ và số (không có 0, 1, O, I, L), ví dụ K7M2Q9XA.");
    }
}
