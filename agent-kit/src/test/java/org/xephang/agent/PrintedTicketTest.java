package org.xephang.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xephang.api.Ticket;
import org.xephang.device.printer.TicketData;

@Timeout(10)
class PrintedTicketTest {

    private static Ticket ticket() {
        return Ticket.fromJson(new JsonObject()
                .put("id", "t1")
                .put("site", "demo")
                .put("number", "A012")
                .put("service", "A")
                .put("state", "WAITING")
                .put("issuedAt", "2026-11-23T01:30:00Z")
                .put("waitingAhead", 4)
                .put("estimatedWaitSeconds", 600)
                .put("statusUrl", "http://127.0.0.1:8080/t/t1"));
    }

    private static JsonObject site() {
        return new JsonObject()
                .put("code", "demo")
                .put("name", "Trung tâm Demo")
                .put("unitLines", new JsonArray().add("UBND PHƯỜNG DEMO"))
                .put("timeZone", "Asia/Bangkok")
                .put("hotline", "1900 0000")
                .put(
                        "services",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("code", "A")
                                        .put("name", "Hộ tịch")
                                        .put("prefix", "A")
                                        .put("counters", new JsonArray().add(1).add(2))));
    }

    @Test
    void aTicketIssuedOfflineSaysSoAndThatItsPlaceIsByTheTimeItWasTaken() {
        Ticket offline = Ticket.fromJson(ticket().toJson().put("channel", PrintedTicket.OFFLINE_CHANNEL));

        assertThat(PrintedTicket.of(offline, site()).notes())
                .containsExactly("VÉ CẤP KHI MẤT KẾT NỐI", "Số thứ tự được xếp theo giờ lấy vé");
        assertThat(PrintedTicket.of(ticket(), site()).notes()).isEmpty();
    }

    @Test
    void theTicketIsPrintedWithTheSitesUnitServiceCountersZoneAndHotline() {
        TicketData data = PrintedTicket.of(ticket(), site());

        assertThat(data.number()).isEqualTo("A012");
        assertThat(data.unitLines()).containsExactly("UBND PHƯỜNG DEMO");
        assertThat(data.serviceName()).isEqualTo("Hộ tịch");
        assertThat(data.counters()).containsExactly(1, 2);
        assertThat(data.peopleWaiting()).isEqualTo(4);
        assertThat(data.estimatedWait()).isEqualTo(Duration.ofMinutes(10));
        assertThat(data.issuedAt()).isEqualTo(Instant.parse("2026-11-23T01:30:00Z"));
        assertThat(data.zone()).isEqualTo(ZoneId.of("Asia/Bangkok"));
        assertThat(data.hotline()).isEqualTo("1900 0000");
    }

    @Test
    void aSiteNotLoadedYetOrWithoutACodePrintsTheTicketWithoutTheUnitAndInVietnamsTime() {
        for (JsonObject site : new JsonObject[] {null, new JsonObject().put("name", "no code")}) {
            TicketData data = PrintedTicket.of(ticket(), site);

            assertThat(data.unitLines()).isEmpty();
            assertThat(data.serviceName()).isEqualTo("A");
            assertThat(data.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        }
    }

    @Test
    void anUnknownTimeZonePrintsVietnamsTime() {
        TicketData data = PrintedTicket.of(ticket(), site().put("timeZone", "Mars/Olympus"));

        assertThat(data.zone()).isEqualTo(ZoneId.of("Asia/Ho_Chi_Minh"));
        assertThat(data.serviceName()).isEqualTo("Hộ tịch");
    }
}
