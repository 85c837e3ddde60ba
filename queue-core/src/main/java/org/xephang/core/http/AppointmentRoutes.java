package org.xephang.core.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.SiteInfo;
import org.xephang.core.AppointmentService;
import org.xephang.core.AppointmentService.CheckIn;
import org.xephang.core.QueueService;
import org.xephang.core.appointment.Booking;
import org.xephang.core.appointment.BookingRequest;
import org.xephang.core.appointment.DailyAllowance;
import org.xephang.core.appointment.Slot;
import org.xephang.core.auth.Authenticator;
import org.xephang.core.backend.lookup.ClientRateLimiter;

/**
 * Appointments (issue 17): the public slots, booking, reading and cancelling by code (masked answers: never a full name
 * or phone number), the staff's list of a day, and the kiosk's check-in. The per-address daily limit is counted here,
 * where the address is known; the per-phone limit by the engine, durably.
 */
final class AppointmentRoutes {

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final QueueService queue;
    private final Clock clock;
    private final Map<String, DailyAllowance> perAddress = new ConcurrentHashMap<>();
    /** Unknown booking codes asked for, per client address. */
    static final int UNKNOWN_CODES_PER_MINUTE = 30;

    private final ClientRateLimiter unknownCodes;

    private final Authenticator auth;

    AppointmentRoutes(QueueService queue, Clock clock, Authenticator auth) {
        this.queue = queue;
        this.clock = clock;
        this.auth = auth;
        this.unknownCodes = new ClientRateLimiter(clock, UNKNOWN_CODES_PER_MINUTE);
    }

    /** {@code GET /sites/{site}/appointments/slots?service=A&date=2026-12-07} (public). */
    void slots(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        SiteInfo info = queue.site(site);
        ZoneId zone = ZoneId.of(info.timeZone());
        String service = requiredParameter(ctx, "service", "mã lĩnh vực, ví dụ ?service=A");
        LocalDate day = SiteRoutes.day(ctx, "date", LocalDate.ofInstant(clock.instant(), zone));
        EngineCalls.call(ctx, () -> service().slots(site, service, day))
                .onSuccess(slots -> Replies.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("site", site)
                                .put("service", service)
                                .put("date", day.toString())
                                .put(
                                        "slots",
                                        new JsonArray(slots.stream()
                                                .map(AppointmentRoutes::slot)
                                                .toList()))))
                .onFailure(ctx::fail);
    }

    /** {@code GET /sites/{site}/appointments/days?service=A} (public): the bookable days and their free places. */
    void days(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        queue.site(site);
        String service = requiredParameter(ctx, "service", "mã lĩnh vực, ví dụ ?service=A");
        EngineCalls.call(ctx, () -> service().days(site, service))
                .onSuccess(days -> Replies.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("site", site)
                                .put("service", service)
                                .put(
                                        "days",
                                        new JsonArray(days.stream()
                                                .map(d -> new JsonObject()
                                                        .put("date", d.date().toString())
                                                        .put("free", d.free())
                                                        .put("closed", d.closed()))
                                                .toList()))))
                .onFailure(ctx::fail);
    }

    /** {@code POST /sites/{site}/appointments {service, start, name, phone}} (public): 201 with the code. */
    void book(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        SiteInfo info = queue.site(site);
        RequestBody body = RequestBody.of(ctx);
        BookingRequest request = BookingRequest.of(
                body.requiredText("service"),
                instant(body.requiredText("start")),
                body.optionalText("name"),
                body.optionalText("phone"));
        AppointmentService service = service();
        int perDay = service.settings(site).perAddressPerDay();
        ZoneId zone = ZoneId.of(info.timeZone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        DailyAllowance allowance = perAddress.computeIfAbsent(site, s -> new DailyAllowance(perDay));
        String address = auth.clientAddress(ctx);
        if (!allowance.tryTake(address, today)) {
            throw new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Đã có " + allowance.perDay() + " lịch hẹn được đặt từ mạng này hôm nay. Vui lòng thử lại vào ngày"
                            + " mai hoặc đến trực tiếp.",
                    allowance.perDay()
                            + " appointments have already been booked from this network today. Please try again tomorrow or come in person.");
        }
        EngineCalls.call(ctx, () -> service.book(site, request))
                .onSuccess(booking -> {
                    ctx.response().putHeader("Location", HttpApi.PREFIX + "/appointments/" + booking.code());
                    Replies.json(ctx, 201, publicBooking(booking, zone, info));
                })
                .onFailure(failure -> {
                    allowance.giveBack(address, today);
                    ctx.fail(failure);
                });
    }

    /** {@code GET /appointments/{code}} (public, masked). */
    void get(RoutingContext ctx) {
        String address = refuseAGuesser(ctx);
        EngineCalls.call(ctx, () -> service().find(ctx.pathParam("code")))
                .onSuccess(booking -> Replies.json(ctx, 200, publicBooking(booking)))
                .onFailure(failure -> missed(ctx, address, failure));
    }

    /** {@code DELETE /appointments/{code}} (public): the booking is gone, its place free again. */
    void cancel(RoutingContext ctx) {
        String address = refuseAGuesser(ctx);
        EngineCalls.call(ctx, () -> service().cancel(ctx.pathParam("code")))
                .onSuccess(
                        booking -> Replies.json(ctx, 200, publicBooking(booking).put("cancelled", true)))
                .onFailure(failure -> missed(ctx, address, failure));
    }

    /** {@code PATCH /appointments/{code} {start}} (public): the booking moved to another slot of its field. */
    void move(RoutingContext ctx) {
        String address = refuseAGuesser(ctx);
        Instant start = instant(RequestBody.of(ctx).requiredText("start"));
        EngineCalls.call(ctx, () -> service().move(ctx.pathParam("code"), start))
                .onSuccess(
                        booking -> Replies.json(ctx, 200, publicBooking(booking).put("moved", true)))
                .onFailure(failure -> missed(ctx, address, failure));
    }

    /**
     * A booking code is all it takes to read, move or cancel a booking: an address that has asked for more than {@value
     * #UNKNOWN_CODES_PER_MINUTE} unknown codes a minute (bursts of a third) is refused 429 for every code until it slows
     * down, so nobody walks the codes. A citizen mistyping theirs never gets near it.
     */
    private String refuseAGuesser(RoutingContext ctx) {
        String address = auth.clientAddress(ctx);
        java.time.Duration wait = unknownCodes.waitFor(address);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            throw new QueueError(
                    ErrorCode.RATE_LIMITED,
                    "Đã thử quá nhiều mã lịch hẹn không có. Vui lòng thử lại sau " + seconds + " giây.",
                    "Too many unknown appointment codes were tried. Please try again in " + seconds + " seconds.",
                    new JsonObject().put("retryAfterSeconds", seconds));
        }
        return address;
    }

    private void missed(RoutingContext ctx, String address, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof QueueError error && error.code() == ErrorCode.UNKNOWN_APPOINTMENT) {
            unknownCodes.acquire(address);
        }
        ctx.fail(failure);
    }

    /** {@code GET /sites/{site}/appointments?date=} (staff): the day's bookings, full names, masked phones. */
    void day(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        SiteInfo info = queue.site(site);
        ZoneId zone = ZoneId.of(info.timeZone());
        LocalDate day = SiteRoutes.day(ctx, "date", LocalDate.ofInstant(clock.instant(), zone));
        EngineCalls.call(ctx, () -> service().day(site, day))
                .onSuccess(bookings -> Replies.json(
                        ctx,
                        200,
                        new JsonObject()
                                .put("site", site)
                                .put("date", day.toString())
                                .put(
                                        "appointments",
                                        new JsonArray(bookings.stream()
                                                .map(b -> booking(b, zone, info)
                                                        .put("name", b.name())
                                                        .put("ticketId", b.ticketId()))
                                                .toList()))))
                .onFailure(ctx::fail);
    }

    /** {@code POST /sites/{site}/check-in {code}} (KIOSK): 201 with the new ticket, 200 with the same on a repeat. */
    void checkIn(RoutingContext ctx) {
        String site = PathParams.site(ctx);
        SiteInfo info = queue.site(site);
        ZoneId zone = ZoneId.of(info.timeZone());
        String code = RequestBody.of(ctx).requiredText("code");
        EngineCalls.call(ctx, () -> service().checkIn(site, code, Authenticator.actor(ctx)))
                .onSuccess(checkIn -> {
                    ctx.response()
                            .putHeader(
                                    "Location",
                                    HttpApi.PREFIX + "/tickets/"
                                            + checkIn.ticket().id());
                    Replies.json(ctx, checkIn.replayed() ? 200 : 201, checkInJson(checkIn, zone));
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject checkInJson(CheckIn checkIn, ZoneId zone) {
        Booking booking = checkIn.booking();
        return checkIn.ticket()
                .toJson()
                .put(
                        "appointment",
                        new JsonObject()
                                .put("code", booking.code())
                                .put("start", OFFSET.format(booking.start().atZone(zone)))
                                .put("end", OFFSET.format(booking.end().atZone(zone)))
                                .put("onTime", checkIn.onTime()));
    }

    private AppointmentService service() {
        AppointmentService appointments = queue.appointments();
        if (appointments == null) {
            throw new QueueError(
                    ErrorCode.UNAVAILABLE,
                    "Máy chủ này không nhận đặt lịch hẹn.",
                    "This server does not take appointment bookings.");
        }
        return appointments;
    }

    private JsonObject publicBooking(Booking booking) {
        SiteInfo info = queue.site(booking.site());
        return publicBooking(booking, ZoneId.of(info.timeZone()), info);
    }

    private static JsonObject publicBooking(Booking booking, ZoneId zone, SiteInfo info) {
        return booking(booking, zone, info).put("name", booking.maskedName());
    }

    private static JsonObject booking(Booking booking, ZoneId zone, SiteInfo info) {
        String serviceName = info.services().stream()
                .filter(s -> s.code().equals(booking.service()))
                .map(SiteInfo.Service::name)
                .findFirst()
                .orElse(booking.service());
        return new JsonObject()
                .put("code", booking.code())
                .put("site", booking.site())
                .put("siteName", info.name())
                .put("service", booking.service())
                .put("serviceName", serviceName)
                .put("start", OFFSET.format(booking.start().atZone(zone)))
                .put("end", OFFSET.format(booking.end().atZone(zone)))
                .put("phone", booking.maskedPhone())
                .put("checkedIn", booking.checkedIn());
    }

    private static JsonObject slot(Slot slot) {
        return new JsonObject()
                .put("start", OFFSET.format(slot.start()))
                .put("end", OFFSET.format(slot.end()))
                .put("capacity", slot.capacity())
                .put("booked", slot.booked())
                .put("free", slot.free());
    }

    private static Instant instant(String text) {
        Instant start;
        try {
            start = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            start = null;
        }
        // A time of another era is no calendar day: it threw on the writer, failing the whole write group.
        if (start == null || !BookingRequest.isPlausibleStart(start)) {
            throw RequestBody.invalid(
                    "start",
                    "phải là thời điểm bắt đầu của khung giờ dạng ISO-8601, ví dụ 2026-12-07T09:15:00+07:00",
                    "must be the start of a time slot in ISO-8601 form, for example 2026-12-07T09:15:00+07:00");
        }
        return start;
    }

    private static String requiredParameter(RoutingContext ctx, String name, String example) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            throw new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Cần tham số " + name + " (" + example + ").",
                    "The parameter " + name + " is needed (" + example + ").");
        }
        return value.strip();
    }
}
