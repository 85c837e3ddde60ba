package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.officer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.QueueEvent;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.core.IssueCommand;
import org.xephang.core.OfflineIssuing.Block;
import org.xephang.core.OfflineIssuing.Lease;
import org.xephang.core.OfflineIssuing.OfflineTicket;
import org.xephang.core.OfflineIssuing.Outcome;
import org.xephang.core.QueueService.Subscription;
import org.xephang.testkit.MutableClock;

/** Number blocks leased to kiosks and the upload of their offline tickets (docs/adr/0029-offline-issuing.md). */
class OfflineIssuingTest {

    static final String YAML = EngineFixture.YAML
            .replace("ticketCutoffMinutes: 15", "ticketCutoffMinutes: 15\n    offline: {blockSize: 5, refillBelow: 2}")
            .replace("dailyCap: 5", "dailyCap: 40");

    @TempDir
    Path dir;

    MutableClock clock = MutableClock.at(MONDAY_MORNING);
    QueueEngine engine;
    final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    Subscription subscription;
    int ids;

    @BeforeEach
    void open() {
        reopen();
    }

    void reopen() {
        if (engine != null) {
            subscription.close();
            engine.close();
        }
        engine = openEngine(EngineFixture.config(YAML));
        subscription = engine.subscribe(SITE, events::add);
    }

    /** The engine on a SQLite file here; on PostgreSQL in {@link OfflineIssuingPostgresIT}. */
    QueueEngine openEngine(org.xephang.core.site.CentreConfig config) {
        return QueueEngine.open(config, dir, clock, new EngineOptions(false, "http://q.test"));
    }

    @AfterEach
    void close() {
        subscription.close();
        engine.close();
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    Ticket issue(String service) {
        return await(engine.issue(SITE, new IssueCommand(service, null, "kiosk", null), KIOSK))
                .ticket();
    }

    Lease lease(String service) {
        return await(engine.offlineIssuing().lease(SITE, service, KIOSK.username()));
    }

    OfflineTicket offline(String service, int sequence, Instant tappedAt) {
        return new OfflineTicket(String.format("offlineticket%03d", ++ids), service, sequence, null, tappedAt);
    }

    List<Outcome> upload(OfflineTicket... tickets) {
        return await(engine.offlineIssuing().upload(SITE, List.of(tickets), KIOSK.username()));
    }

    @Test
    void kiosksAreLeasedNumbersFromTheTopOfTheDayAndOnlineNumbersGoOnWithoutAGap() {
        assertThat(issue("A").number()).isEqualTo("A001");
        Block block = lease("A").blocks().get(0);
        assertThat(block.first()).isEqualTo(36); // A's daily cap is 40
        assertThat(block.last()).isEqualTo(40);
        assertThat(block.prefix()).isEqualTo("A");
        assertThat(block.width()).isEqualTo(3);
        Block uncapped = lease("B").blocks().get(0);
        assertThat(uncapped.first()).isEqualTo(9995); // B has no cap and width 4
        assertThat(uncapped.last()).isEqualTo(9999);

        assertThat(issue("A").number()).isEqualTo("A002");
        assertThat(issue("B").number()).isEqualTo("B0001");
    }

    @Test
    void onlineNumbersSkipEveryLeasedNumberAndStopAtTheCap() {
        lease("A"); // A036..A040
        List<String> online =
                IntStream.range(0, 35).mapToObj(i -> issue("A").number()).toList();

        assertThat(online).endsWith("A035").doesNotContain("A036", "A040");
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> issue("A"));
        assertThat(refused.getCause())
                .isInstanceOfSatisfying(
                        org.xephang.api.QueueError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DAILY_CAP_REACHED));
        Throwable noBlock = org.assertj.core.api.Assertions.catchThrowable(
                () -> await(engine.offlineIssuing().lease(SITE, "A", "kiosk2")));
        assertThat(((org.xephang.api.QueueError) noBlock.getCause()).code()).isEqualTo(ErrorCode.DAILY_CAP_REACHED);
    }

    @Test
    void aRepeatedLeaseAnswersTheSameBlockUntilFewNumbersAreLeft() {
        Block first = lease("A").blocks().get(0);
        assertThat(lease("A").blocks()).extracting(Block::id).containsExactly(first.id());

        Instant now = clock.instant();
        upload(offline("A", 36, now), offline("A", 37, now), offline("A", 38, now), offline("A", 39, now));

        List<Block> blocks = lease("A").blocks();
        assertThat(blocks).hasSize(2);
        assertThat(blocks).as("in lease order").extracting(Block::first).containsExactly(36, 31);
        assertThat(blocks.get(0).used()).isEqualTo(4);
    }

    @Test
    void anOfflineTicketTakesItsPlaceByTapTimeAheadOfLaterOnlineTickets() {
        Ticket early = issue("A"); // 08:00, A001
        lease("A"); // A036..A040
        Instant tapped = clock.instant().plus(Duration.ofMinutes(1)); // 08:01
        clock.advance(Duration.ofMinutes(3));
        Ticket late = issue("A"); // 08:03, A002

        List<Outcome> outcomes = upload(offline("A", 36, tapped));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.refusal()).isNull();
            assertThat(o.replayed()).isFalse();
            assertThat(o.ticket().number()).isEqualTo("A036");
            assertThat(o.ticket().issuedAt()).isEqualTo(tapped);
            assertThat(o.ticket().channel()).isEqualTo("kiosk-offline");
            assertThat(o.ticket().waitingAhead()).isEqualTo(1);
        });
        QueueEvent issued = events.get(events.size() - 1);
        assertThat(issued.type()).isEqualTo(EventType.TICKET_ISSUED);
        assertThat(issued.details().getBoolean("offline")).isTrue();
        assertThat(issued.details().getString("tappedAt")).isEqualTo(tapped.toString());

        await(engine.signIn(SITE, 1, officer(1)));
        List<String> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Ticket called = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
            calls.add(called.number());
            await(engine.complete(called.id(), officer(1)));
        }
        assertThat(calls).containsExactly(early.number(), "A036", late.number());
    }

    @Test
    void uploadingATicketAgainAnswersTheSameTicketAndAnnouncesNothingNew() {
        lease("A");
        OfflineTicket ticket = offline("A", 36, clock.instant());
        Ticket created = upload(ticket).get(0).ticket();
        int eventsAfterFirst = events.size();

        Outcome again = upload(ticket).get(0);

        assertThat(again.replayed()).isTrue();
        assertThat(again.ticket().id()).isEqualTo(created.id());
        assertThat(again.ticket().number()).isEqualTo("A036");
        assertThat(events).hasSize(eventsAfterFirst);
    }

    @Test
    void aNumberOutsideTheKiosksBlocksOrTakenTwiceIsRefusedAndTheOthersGoThrough() {
        lease("A"); // A036..A040
        Instant now = clock.instant();
        OfflineTicket good = offline("A", 36, now);
        OfflineTicket outside = offline("A", 9, now.plusSeconds(1));
        OfflineTicket twice = offline("A", 36, now.plusSeconds(2));

        List<Outcome> outcomes = upload(good, outside, twice);

        assertThat(outcomes.get(0).ticket().number()).isEqualTo("A036");
        assertThat(outcomes.get(1).refusal().code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(outcomes.get(1).refusal().getMessage()).contains("A009", "không thuộc khối số");
        assertThat(outcomes.get(2).refusal().code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(outcomes.get(2).refusal().getMessage()).contains("đã có vé khác");
        assertThat(await(engine.offlineIssuing().upload(SITE, List.of(offline("A", 37, now)), "kiosk2")))
                .singleElement()
                .satisfies(o -> assertThat(o.refusal().getMessage()).contains("kiosk2"));
    }

    @Test
    void leasesAndOnlineNumberingSurviveARestartWithoutReusingANumber() {
        issue("A"); // A001
        lease("A"); // A036..A040
        upload(offline("A", 36, clock.instant()));

        reopen();

        assertThat(issue("A").number()).isEqualTo("A002");
        assertThat(engine.ticket("offlineticket001"))
                .hasValueSatisfying(t -> assertThat(t.number()).isEqualTo("A036"));
        assertThat(lease("A").blocks())
                .singleElement()
                .satisfies(b -> assertThat(b.used()).isEqualTo(1));
    }

    @Test
    void aTicketOfADayAlreadyOverIsKeptAndCancelledAtOnce() {
        lease("A");
        Instant yesterdayTap = clock.instant();
        clock.advance(Duration.ofDays(1));

        Outcome outcome = upload(offline("A", 40, yesterdayTap)).get(0);

        assertThat(outcome.ticket().state()).isEqualTo(TicketState.CANCELLED);
        assertThat(events.subList(events.size() - 2, events.size()))
                .extracting(QueueEvent::type)
                .containsExactly(EventType.TICKET_ISSUED, EventType.TICKET_CANCELLED);
    }

    @Test
    void noNumberIsIssuedTwiceWhileOnlineIssuingAndAnUploadRunTogether() {
        lease("A"); // A036..A040 of a cap of 40: online issuing runs into the block
        Instant tapped = clock.instant();
        List<CompletableFuture<?>> running = new ArrayList<>();
        List<String> numbers = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 35; i++) {
            running.add(engine.issue(SITE, new IssueCommand("A", null, "kiosk", null), EngineFixture.SUPERVISOR)
                    .thenAccept(r -> numbers.add(r.ticket().number()))
                    .toCompletableFuture());
        }
        OfflineTicket[] offline = IntStream.rangeClosed(36, 40)
                .mapToObj(seq -> offline("A", seq, tapped.plusSeconds(seq)))
                .toArray(OfflineTicket[]::new);
        running.add(engine.offlineIssuing()
                .upload(SITE, List.of(offline), KIOSK.username())
                .thenAccept(
                        outcomes -> outcomes.forEach(o -> numbers.add(o.ticket().number())))
                .toCompletableFuture());
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();

        assertThat(numbers).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void aSiteWithOfflineIssuingOffLeasesNothing() {
        subscription.close();
        engine.close();
        engine = openEngine(EngineFixture.config());
        subscription = engine.subscribe(SITE, events::add);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> lease("A"));

        assertThat(refused.getCause())
                .isInstanceOf(org.xephang.api.QueueError.class)
                .hasMessageContaining("offline");
        assertThat(issue("A").number()).isEqualTo("A001");
    }
}
