package org.xephang.core.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.core.Actor;
import org.xephang.core.AppointmentService;
import org.xephang.core.appointment.Booking;
import org.xephang.core.appointment.BookingCode;
import org.xephang.core.appointment.BookingRequest;
import org.xephang.core.appointment.ImportedBooking;
import org.xephang.core.appointment.Slot;
import org.xephang.core.engine.QueueEngine;
import org.xephang.core.persistence.Store;
import org.xephang.core.site.AppointmentSettings;

/**
 * The appointments of a node of a cluster (docs/adr/0034-messages-and-appointments-in-a-cluster.md): each operation
 * runs on the engine of the site it concerns, on the node that owns the site ({@link SiteForwarding} sends the request
 * there first): a site's operations by its code, a booking's (read, cancel, move) by the site of the booking, read from
 * the shared store. A site not run here is refused with {@code UNAVAILABLE} (it is moving; the client retries).
 * Thread-safe; the store reads run on a thread of their own, the operations on the site's writer.
 */
final class ClusterAppointments implements AppointmentService, AutoCloseable {

    private final Function<String, QueueEngine> local;
    private final Store store;
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "xephang-booking-lookup");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param local the engine running a site here; throws {@code QueueError} UNKNOWN_SITE or UNAVAILABLE otherwise
     * @param store the node's store (which site a booking belongs to)
     */
    ClusterAppointments(Function<String, QueueEngine> local, Store store) {
        this.local = local;
        this.store = store;
    }

    /** The site of a booking, as the store has it; empty for an unknown code. Blocking. */
    static Optional<String> siteOfBooking(Store store, String code) throws SQLException {
        try (Connection connection = store.connect();
                PreparedStatement s = connection.prepareStatement("SELECT site FROM appointment WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private <T> CompletionStage<T> onSite(String site, Function<AppointmentService, CompletionStage<T>> operation) {
        try {
            return operation.apply(local.apply(site).appointments());
        } catch (QueueError refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** Runs {@code operation} on the engine of the booking's site; the refusals of an alone server for a bad code. */
    private <T> CompletionStage<T> onBooking(
            String typed, BiFunction<AppointmentService, String, CompletionStage<T>> op) {
        Optional<String> code = BookingCode.parse(typed);
        if (code.isEmpty()) {
            return CompletableFuture.failedFuture(new QueueError(
                    ErrorCode.INVALID_REQUEST,
                    "Mã lịch hẹn gồm 8 ký tự chữ và số (không có 0, 1, O, I, L), ví dụ K7M2Q9XA.",
                    "An appointment code has 8 letters and digits (no 0, 1, O, I, L), for example K7M2Q9XA."));
        }
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return siteOfBooking(store, code.get());
                            } catch (SQLException unreadable) {
                                throw new QueueError(
                                        ErrorCode.UNAVAILABLE,
                                        "Không đọc được lịch hẹn từ cơ sở dữ liệu; hãy thử lại sau giây lát.",
                                        "Could not read the appointment from the database; please try again in a moment.");
                            }
                        },
                        lookups)
                .thenCompose(site -> {
                    if (site.isEmpty()) {
                        return CompletableFuture.failedFuture(
                                new QueueError(
                                        ErrorCode.UNKNOWN_APPOINTMENT,
                                        "Không tìm thấy lịch hẹn với mã này. Vui lòng kiểm tra lại mã (8 ký tự) hoặc đặt"
                                                + " lịch mới.",
                                        "No appointment with this code. Please check the code (8 characters) or book a new appointment."));
                    }
                    return onSite(site.get(), service -> op.apply(service, code.get()));
                });
    }

    @Override
    public AppointmentSettings settings(String site) {
        return local.apply(site).appointments().settings(site);
    }

    @Override
    public CompletionStage<List<BookableDay>> days(String site, String service) {
        return onSite(site, appointments -> appointments.days(site, service));
    }

    @Override
    public CompletionStage<List<Slot>> slots(String site, String service, LocalDate day) {
        return onSite(site, appointments -> appointments.slots(site, service, day));
    }

    @Override
    public CompletionStage<Booking> book(String site, BookingRequest request) {
        return onSite(site, appointments -> appointments.book(site, request));
    }

    @Override
    public CompletionStage<Booking> find(String code) {
        return onBooking(code, AppointmentService::find);
    }

    @Override
    public CompletionStage<Booking> cancel(String code) {
        return onBooking(code, AppointmentService::cancel);
    }

    @Override
    public CompletionStage<Booking> move(String code, Instant start) {
        return onBooking(code, (appointments, parsed) -> appointments.move(parsed, start));
    }

    @Override
    public CompletionStage<Imported> importBooking(String site, ImportedBooking booking) {
        return onSite(site, appointments -> appointments.importBooking(site, booking));
    }

    @Override
    public CompletionStage<List<Booking>> day(String site, LocalDate day) {
        return onSite(site, appointments -> appointments.day(site, day));
    }

    @Override
    public CompletionStage<CheckIn> checkIn(String site, String code, Actor actor) {
        return onSite(site, appointments -> appointments.checkIn(site, code, actor));
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
