package org.xephang.agent;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.xephang.api.SiteInfo;
import org.xephang.api.Ticket;
import org.xephang.api.VietnamTime;
import org.xephang.device.printer.TicketData;

/**
 * The one mapping from a {@link Ticket} and its site's description to the facts printed on paper ({@link TicketData}),
 * for the kiosk's tickets and the counter's reprints alike. A site description that is missing or has no code (not
 * loaded yet) prints the ticket without the unit's lines and service names; a time zone that is missing or unknown
 * prints the time in Vietnam's. Pure; thread-safe.
 */
public final class PrintedTicket {

    /** The time zone printed when the site names none (or one this Java does not know). */
    public static final ZoneId DEFAULT_ZONE = VietnamTime.ZONE;

    /** The channel of a ticket a kiosk issued while it could not reach the server (docs/adr/0029-offline-issuing.md). */
    public static final String OFFLINE_CHANNEL = "kiosk-offline";

    /** What an offline ticket says under its time: it was issued offline, and its place is by the time it was taken. */
    public static final List<String> OFFLINE_NOTES =
            List.of("VÉ CẤP KHI MẤT KẾT NỐI", "Số thứ tự được xếp theo giờ lấy vé");

    private PrintedTicket() {}

    /** The facts printed on the paper, from the ticket and the site's description ({@code SiteInfo} JSON, or null). */
    public static TicketData of(Ticket ticket, JsonObject siteJson) {
        SiteInfo site = siteJson == null || siteJson.getString("code") == null ? null : SiteInfo.fromJson(siteJson);
        SiteInfo.Service service = site == null ? null : site.service(ticket.service());
        return new TicketData(
                site == null ? List.of() : site.unitLines(),
                ticket.number(),
                service == null ? ticket.service() : service.name(),
                service == null ? List.of() : service.counters(),
                ticket.waitingAhead() == null ? 0 : Math.max(0, ticket.waitingAhead()),
                ticket.estimatedWaitSeconds() == null
                        ? null
                        : Duration.ofSeconds(Math.max(0, ticket.estimatedWaitSeconds())),
                ticket.issuedAt(),
                zone(site),
                ticket.statusUrl(),
                ticket.priority() != null,
                site == null ? null : site.hotline(),
                OFFLINE_CHANNEL.equals(ticket.channel()) ? OFFLINE_NOTES : List.of());
    }

    private static ZoneId zone(SiteInfo site) {
        try {
            return site == null || site.timeZone() == null ? DEFAULT_ZONE : ZoneId.of(site.timeZone());
        } catch (RuntimeException unknownZone) {
            return DEFAULT_ZONE;
        }
    }
}
