package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.core.appointment.Booking;

/** The appointments' SQL on the SQLite store; {@link BookingStorePostgresIT} runs the same on PostgreSQL. */
class BookingStoreTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final Instant NINE = Instant.parse("2026-11-23T02:00:00Z");
    static final Instant NINE_FIFTEEN = Instant.parse("2026-11-23T02:15:00Z");

    @TempDir
    Path dir;

    Store open() throws Exception {
        return SqliteStore.open(dir);
    }

    static Booking booking(String code, Instant start, String phone) {
        return new Booking(
                code, "s1", "A", start, start.plusSeconds(900), "Nguyễn Văn An", phone, NINE.minusSeconds(86400), null);
    }

    @Test
    void bookingsAreCountedPerSlotAndPhoneFoundByCodeCheckedInCancelledAndForgotten() throws Exception {
        try (Store store = open();
                Connection c = store.connect()) {
            BookingStore bookings = new BookingStore(c);
            bookings.insert(booking("AAAAAAAA", NINE, "0912345678"), MONDAY, MONDAY.minusDays(1));
            bookings.insert(booking("BBBBBBBB", NINE, "0912345679"), MONDAY, MONDAY.minusDays(1));
            bookings.insert(booking("CCCCCCCC", NINE_FIFTEEN, "0912345678"), MONDAY, MONDAY.minusDays(1));

            assertThat(bookings.bookedPerSlot("s1", "A", MONDAY)).isEqualTo(Map.of(NINE, 2, NINE_FIFTEEN, 1));
            assertThat(bookings.bookedPerSlot("s1", "B", MONDAY)).isEmpty();
            assertThat(bookings.bookedByPhone("0912345678", MONDAY.minusDays(1)))
                    .isEqualTo(2);
            assertThat(bookings.bookedByPhone("0912345678", MONDAY)).isZero();
            assertThat(bookings.find("AAAAAAAA")).hasValueSatisfying(b -> {
                assertThat(b.name()).isEqualTo("Nguyễn Văn An");
                assertThat(b.start()).isEqualTo(NINE);
                assertThat(b.checkedIn()).isFalse();
            });
            assertThat(bookings.day("s1", MONDAY))
                    .extracting(Booking::code)
                    .containsExactly("AAAAAAAA", "BBBBBBBB", "CCCCCCCC");

            bookings.markCheckedIn("AAAAAAAA", "t1");
            assertThat(bookings.find("AAAAAAAA").orElseThrow().ticketId()).isEqualTo("t1");
            bookings.delete("BBBBBBBB");
            assertThat(bookings.exists("BBBBBBBB")).isFalse();

            assertThat(bookings.forgetPersonalDataBefore("s1", MONDAY)).isZero();
            assertThat(bookings.forgetPersonalDataBefore("s2", MONDAY.plusDays(1)))
                    .isZero();
            assertThat(bookings.forgetPersonalDataBefore("s1", MONDAY.plusDays(1)))
                    .isEqualTo(2);
            assertThat(bookings.find("CCCCCCCC").orElseThrow().phone()).isNull();
            assertThat(bookings.find("CCCCCCCC").orElseThrow().name()).isNull();
        }
    }

    @Test
    void aTakenCodeOrPhoneTurnInsertsNothingAndTheFirstFreeTurnIsFound() throws Exception {
        try (Store store = open();
                Connection c = store.connect()) {
            BookingStore bookings = new BookingStore(c);
            LocalDate day = MONDAY.minusDays(1);
            assertThat(bookings.freePhoneTurn("0912345678", day)).isEqualTo(1);
            assertThat(bookings.tryInsert(booking("AAAAAAAA", NINE, "0912345678"), MONDAY, day, null, 1))
                    .isTrue();
            assertThat(bookings.tryInsert(booking("AAAAAAAA", NINE, "0912345679"), MONDAY, day, null, 1))
                    .as("the same code")
                    .isFalse();
            assertThat(bookings.tryInsert(booking("BBBBBBBB", NINE, "0912345678"), MONDAY, day, null, 1))
                    .as("the phone's turn 1 of the day, taken")
                    .isFalse();
            assertThat(bookings.exists("BBBBBBBB")).isFalse();
            assertThat(bookings.tryInsert(booking("BBBBBBBB", NINE, "0912345678"), MONDAY, day, null, 3))
                    .isTrue();
            assertThat(bookings.tryInsert(booking("CCCCCCCC", NINE, "0912345678"), MONDAY, day, "portal-1", null))
                    .as("an import takes no turn")
                    .isTrue();
            assertThat(bookings.freePhoneTurn("0912345678", day))
                    .as("the hole first")
                    .isEqualTo(2);
            assertThat(bookings.freePhoneTurn("0912345678", MONDAY)).isEqualTo(1);
            assertThat(bookings.bookedByPhone("0912345678", day)).isEqualTo(3);
            bookings.delete("AAAAAAAA");
            assertThat(bookings.freePhoneTurn("0912345678", day))
                    .as("a cancelled booking's turn")
                    .isEqualTo(1);
        }
    }
}
