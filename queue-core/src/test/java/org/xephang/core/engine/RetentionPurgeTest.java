package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.officer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.SiteStatistics;
import org.xephang.api.Ticket;
import org.xephang.api.VietnamTime;
import org.xephang.core.IssueCommand;
import org.xephang.core.RatingCommand;
import org.xephang.core.persistence.TicketArchive.Purged;
import org.xephang.core.site.CentreConfig;
import org.xephang.testkit.MutableClock;

/**
 * Issue #19's data retention, with the clock moved forward: tickets older than the site's {@code retention.ticketDays}
 * leave the store with their events, ratings and bookings, while the statistics of their days stay exactly the same.
 * Runs on SQLite here and on PostgreSQL in {@link RetentionPurgePostgresIT}.
 */
@Timeout(60)
class RetentionPurgeTest {

    static final String YAML = EngineFixture.YAML + "    retention: { ticketDays: 30 }\n";
    static final LocalDate MONDAY = MONDAY_MORNING.toLocalDate();
    static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @TempDir
    Path dir;

    MutableClock clock = MutableClock.at(MONDAY_MORNING);
    QueueEngine engine;

    QueueEngine openEngine(CentreConfig config) {
        return QueueEngine.open(config, dir, clock, new EngineOptions(false, "http://q.test"));
    }

    Connection queryStore() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("xephang.db"));
    }

    @BeforeEach
    void open() {
        engine = openEngine(EngineFixture.config(YAML));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void ticketsPastTheirRetentionAreDeletedAndTheStatisticsOfTheirDaysStayTheSame() throws Exception {
        Ticket served = serveAndRate("A", 1, 5);
        Ticket linked = issue("B");
        await(engine.signIn(SITE, 3, officer(3)));
        await(engine.callNext(SITE, 3, officer(3)));
        await(engine.linkDossier(linked.id(), "H21.65-261123-0001", officer(3)));
        await(engine.start(linked.id(), officer(3)));
        clock.advance(Duration.ofMinutes(12));
        await(engine.complete(linked.id(), officer(3)));
        Ticket absent = issue("A");
        await(engine.call(absent.id(), officer(1)));
        await(engine.noShow(absent.id(), officer(1)));
        issue("A"); // still waiting at the day's end: cancelled by Tuesday's first command
        clock.advance(Duration.ofDays(1));
        Ticket tuesday = serveAndRate("A", 1, 3);
        serveAndRate("B", 3, 1);
        SiteStatistics before = await(engine.statistics(SITE, MONDAY, TUESDAY));
        try (Connection c = queryStore();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO number_block (id, site, kiosk, service,"
                                + " local_day, first_seq, last_seq, leased_at) VALUES ('b1', ?, 'kiosk1', 'A', ?, 981, 999, 0)")) {
            s.setString(1, SITE);
            s.setString(2, MONDAY.toString());
            s.executeUpdate();
        }
        Instant tuesdayStart = TUESDAY.atStartOfDay(VietnamTime.ZONE).toInstant();
        assertThat(count("SELECT COUNT(*) FROM event WHERE at<? AND ticket_id IS NULL", tuesdayStart.toEpochMilli()))
                .as("Monday's counter events")
                .isPositive();

        clock.advance(Duration.ofDays(30)); // Monday is now 31 days ago, Tuesday 30: Monday goes, Tuesday stays
        Purged purged = await(engine.purgeExpired(SITE));

        assertThat(purged.tickets()).isEqualTo(4);
        assertThat(purged.ratings()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ticket WHERE local_day=?", MONDAY.toString()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM event WHERE ticket_id=?", served.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM event WHERE at<?", tuesdayStart.toEpochMilli()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM rating WHERE ticket_id=?", served.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ticket WHERE local_day=?", TUESDAY.toString()))
                .isEqualTo(2);
        assertThat(engine.ticket(served.id())).isEmpty();
        assertThat(engine.ticket(tuesday.id())).isPresent();
        assertThat(await(engine.statistics(SITE, MONDAY, TUESDAY))).isEqualTo(before);

        assertThat(await(engine.purgeExpired(SITE)).isEmpty()).isTrue();
        assertThat(await(engine.statistics(SITE, MONDAY, TUESDAY))).isEqualTo(before);
    }

    @Test
    void aTicketWhoseEventTheForwarderHasNotDeliveredYetIsKeptUntilItIs() throws Exception {
        Ticket waitingForTheProvince = serveAndRate("A", 1, 4);
        Ticket forwarded = serveAndRate("A", 1, 5);
        try (Connection c = queryStore();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE event SET attempts=3, last_error='HTTP 503' WHERE ticket_id=? AND type='ticket.completed'")) {
            s.setString(1, waitingForTheProvince.id());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        SiteStatistics before = await(engine.statistics(SITE, MONDAY, MONDAY));

        clock.advance(Duration.ofDays(40));
        Purged purged = await(engine.purgeExpired(SITE));

        assertThat(purged.tickets()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM ticket WHERE id=?", forwarded.id()))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ticket WHERE id=?", waitingForTheProvince.id()))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT COUNT(*) FROM event WHERE ticket_id=? AND delivery_state='pending' AND attempts>0",
                        waitingForTheProvince.id()))
                .isEqualTo(1);
        assertThat(await(engine.statistics(SITE, MONDAY, MONDAY))).isEqualTo(before);
    }

    @Test
    void messagesOfNoTicketGoWithTheEventsOfTheirTime() throws Exception {
        engine.notificationOutbox()
                .enqueue("K7M2Q9XA:booked", SITE, "booked", "sms", "0912345678", "{}", clock.instant())
                .toCompletableFuture()
                .join();
        await(engine.notificationOutbox().markSent("K7M2Q9XA:booked", clock.instant()));
        assertThat(count("SELECT COUNT(*) FROM notification WHERE id=? AND phone IS NULL", "K7M2Q9XA:booked"))
                .as("sent: its number is forgotten at once")
                .isEqualTo(1);

        clock.advance(Duration.ofDays(40));
        Purged purged = await(engine.purgeExpired(SITE));

        assertThat(purged.messages()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notification WHERE id=?", "K7M2Q9XA:booked"))
                .isZero();
    }

    @Test
    void theDefaultRetentionKeepsHalfAYear() {
        assertThat(EngineFixture.config().sites().get(0).retention().ticketDays())
                .isEqualTo(180);
    }

    private Ticket serveAndRate(String service, int counter, int level) {
        Ticket ticket = issue(service);
        await(engine.signIn(SITE, counter, officer(counter)));
        clock.advance(Duration.ofMinutes(7));
        await(engine.call(ticket.id(), officer(counter)));
        clock.advance(Duration.ofSeconds(40));
        await(engine.start(ticket.id(), officer(counter)));
        clock.advance(Duration.ofMinutes(9));
        await(engine.complete(ticket.id(), officer(counter)));
        await(engine.rate(ticket.id(), new RatingCommand(level, 5, "keypad" + counter), officer(counter)));
        return ticket;
    }

    private Ticket issue(String service) {
        return await(engine.issue(SITE, new IssueCommand(service, null, null, null), KIOSK))
                .ticket();
    }

    private long count(String sql, Object... values) throws SQLException {
        try (Connection c = queryStore();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
