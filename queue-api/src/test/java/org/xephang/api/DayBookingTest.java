package org.xephang.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DayBookingTest {

    @Test
    void readsTheServersTimesWithTheSitesOffsetAndLeavesNamesAndPhonesBehind() {
        DayBooking booking = DayBooking.fromJson(new JsonObject()
                .put("code", "K7M2Q9XA")
                .put("service", "A")
                .put("serviceName", "Đất đai")
                .put("start", "2026-11-23T08:15:00+07:00")
                .put("end", "2026-11-23T08:30:00+07:00")
                .put("name", "Nguyễn Văn An")
                .put("phone", "*******678")
                .put("checkedIn", true));

        assertThat(booking)
                .isEqualTo(new DayBooking(
                        "K7M2Q9XA",
                        "A",
                        Instant.parse("2026-11-23T01:15:00Z"),
                        Instant.parse("2026-11-23T01:30:00Z"),
                        true));
        assertThat(booking.toJson().fieldNames())
                .containsExactlyInAnyOrder("code", "service", "start", "end", "checkedIn");
        assertThat(DayBooking.fromJson(booking.toJson())).isEqualTo(booking);
    }
}
