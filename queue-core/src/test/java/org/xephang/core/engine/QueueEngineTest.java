package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.SUPERVISOR;
import static org.xephang.core.engine.EngineFixture.officer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.CounterState;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventType;
import org.xephang.api.IssuingState;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.core.Actor;
import org.xephang.core.DeviceStatusReport;
import org.xephang.core.IssueCommand;
import org.xephang.core.IssueResult;
import org.xephang.core.QueueService.Subscription;
import org.xephang.core.RatingCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.TransferCommand.Position;
import org.xephang.core.persistence.Outbox;
import org.xephang.core.site.CentreConfig;
import org.xephang.testkit.MutableClock;

class QueueEngineTest {

    @TempDir
    Path dir;

    MutableClock clock = MutableClock.at(MONDAY_MORNING);
    QueueEngine engine;
    final List<QueueEvent> events = new CopyOnWriteArrayList<>();
    Subscription subscription;

    /**
     * Opens the engine under test on a fresh store for each test (the same store again within a test). This suite runs
     * on SQLite here and on PostgreSQL in {@link QueueEnginePostgresIT}, which overrides this and {@link #queryStore}.
     */
    QueueEngine openEngine(CentreConfig config, EngineOptions options) {
        return QueueEngine.open(config, dir, clock, options);
    }

    /** A plain connection to the store the engine uses, to check what was written. */
    Connection queryStore() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("xephang.db"));
    }

    @BeforeEach
    void open() {
        engine = openEngine(EngineFixture.config(), new EngineOptions(false, "http://q.test"));
        subscription = engine.subscribe(SITE, events::add);
    }

    @AfterEach
    void close() {
        subscription.close();
        engine.close();
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    static QueueError refusal(CompletionStage<?> stage) {
        Throwable thrown = catchThrowable(() -> stage.toCompletableFuture().join());
        assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueueError.class);
        return (QueueError) thrown.getCause();
    }

    Ticket issue(String service) {
        return issue(service, null);
    }

    Ticket issue(String service, String priority) {
        return await(engine.issue(SITE, new IssueCommand(service, priority, null, null), KIOSK))
                .ticket();
    }

    Ticket callNext(int counter) {
        return await(engine.callNext(SITE, counter, officer(counter))).orElseThrow();
    }

    void signIn(int counter) {
        await(engine.signIn(SITE, counter, officer(counter)));
    }

    QueueEvent lastEvent() {
        return events.get(events.size() - 1);
    }

    @Test
    void issuedTicketsAreNumberedPerServiceFromOne() {
        assertThat(issue("A").number()).isEqualTo("A001");
        assertThat(issue("A").number()).isEqualTo("A002");
        assertThat(issue("B").number()).isEqualTo("B0001");
    }

    @Test
    void anIssuedTicketShowsItsPlaceEstimateAndStatusUrl() {
        issue("A");
        Ticket second = issue("A");

        assertThat(second.state()).isEqualTo(TicketState.WAITING);
        assertThat(second.waitingAhead()).isEqualTo(1);
        // 10 minutes by default × (1 + ½) with no open counter counted as one.
        assertThat(second.estimatedWaitSeconds()).isEqualTo(900);
        assertThat(second.statusUrl()).isEqualTo("http://q.test/t/" + second.id());
        assertThat(second.id()).hasSize(16).doesNotContain(second.number());
        assertThat(lastEvent().type()).isEqualTo(EventType.TICKET_ISSUED);
        assertThat(lastEvent().ticket()).isEqualTo(second);
    }

    @Test
    void eventsFollowTheSubscriptionSnapshotWithSeqIncreasingByOne() {
        issue("A");
        signIn(1);
        callNext(1);

        long start = subscription.snapshot().seq();
        assertThat(events).extracting(QueueEvent::seq).containsExactly(start + 1, start + 2, start + 3);
        assertThat(engine.snapshot(SITE).seq()).isEqualTo(start + 3);
    }

    @Test
    void aCalledTicketCarriesItsAnnouncementInTheEvent() {
        issue("A");
        signIn(1);

        Ticket called = callNext(1);

        assertThat(called.state()).isEqualTo(TicketState.CALLED);
        assertThat(called.counter()).isEqualTo(1);
        assertThat(lastEvent().type()).isEqualTo(EventType.TICKET_CALLED);
        assertThat(lastEvent().counter()).isEqualTo(1);
        assertThat(lastEvent().details().getJsonObject("announcement").getString("text"))
                .contains("một")
                .contains("quầy số một");
        assertThat(lastEvent().details().getJsonObject("announcement").getJsonArray("clips"))
                .isNotEmpty();
        QueueSnapshot snapshot = engine.snapshot(SITE);
        assertThat(snapshot.lastCalls()).first().satisfies(c -> {
            assertThat(c.number()).isEqualTo("A001");
            assertThat(c.counter()).isEqualTo(1);
        });
        assertThat(snapshot.counters().get(0).ticket().number()).isEqualTo("A001");
    }

    @Test
    void callNextWithNothingWaitingGivesNothingAndNoEvent() {
        signIn(1);
        int before = events.size();

        assertThat(await(engine.callNext(SITE, 1, officer(1)))).isEmpty();
        assertThat(events).hasSize(before);
    }

    @Test
    void closedHoursAreRefusedWithTheNextOpeningTime() {
        clock.set(LocalDateTime.of(2026, 11, 29, 10, 0)); // Sunday

        QueueError error = refusal(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK));

        assertThat(error.code()).isEqualTo(ErrorCode.SITE_CLOSED);
        assertThat(error.getMessage()).isEqualTo("Ngoài giờ cấp số thứ tự. Mời quay lại lúc 07:30 ngày 30/11/2026.");
        assertThat(error.toJson().getString("nextOpening")).isEqualTo("2026-11-30T07:30:00+07:00");
    }

    @Test
    void theIssuingStateSaysClosedBeforeAnyoneIsRefusedAndOpenAgainAtTheSession() {
        clock.set(LocalDateTime.of(2026, 11, 29, 10, 0)); // Sunday

        IssuingState closed = engine.issuing(SITE);

        assertThat(closed.open()).isFalse();
        assertThat(closed.message()).isEqualTo("Ngoài giờ cấp số thứ tự. Mời quay lại lúc 07:30 ngày 30/11/2026.");
        assertThat(closed.nextOpening()).hasToString("2026-11-30T07:30+07:00");

        clock.set(LocalDateTime.of(2026, 11, 30, 7, 30));

        assertThat(engine.issuing(SITE)).isEqualTo(new IssuingState(true, null, null, null, List.of()));
    }

    @Test
    void theIssuingStateNamesTheServicesAtTheirCapUntilTheNextDay() {
        for (int i = 0; i < 5; i++) {
            issue("A");
        }

        assertThat(engine.issuing(SITE).capReached()).containsExactly("A");

        clock.set(LocalDateTime.of(2026, 11, 24, 8, 0));

        assertThat(engine.issuing(SITE).capReached()).isEmpty();
    }

    @Test
    void aHolidayIsRefusedNamingTheHoliday() {
        clock.set(LocalDateTime.of(2026, 9, 2, 9, 0));

        QueueError error = refusal(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK));

        assertThat(error.getMessage()).startsWith("Hôm nay trung tâm nghỉ (Quốc khánh).");
    }

    @Test
    void alwaysOpenIgnoresOpeningHours() {
        engine.close();
        clock.set(LocalDateTime.of(2026, 11, 29, 23, 0));
        engine = openEngine(EngineFixture.config(), new EngineOptions(true, "http://q.test"));

        assertThat(await(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK))
                        .ticket()
                        .number())
                .isEqualTo("A001");
    }

    @Test
    void theDailyCapRefusesWithDailyCapReachedAndTheNextWorkingDaysFirstSession() {
        for (int i = 0; i < 5; i++) {
            issue("A");
        }

        QueueError error = refusal(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK));

        assertThat(error.code()).isEqualTo(ErrorCode.DAILY_CAP_REACHED);
        assertThat(error.getMessage())
                .isEqualTo("Lĩnh vực Hộ tịch đã hết số thứ tự trong ngày (tối đa 5 số). "
                        + "Mời quay lại lúc 07:30 ngày 24/11/2026.");
        assertThat(error.toJson().getString("nextOpening")).isEqualTo("2026-11-24T07:30:00+07:00");
    }

    @Test
    void aCapReachedOnSaturdayMorningSendsPeopleToMondayNotToTheAfternoon() {
        clock.set(LocalDateTime.of(2026, 11, 28, 8, 0)); // Saturday: morning session only; Sunday closed
        for (int i = 0; i < 5; i++) {
            issue("A");
        }

        QueueError error = refusal(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK));

        assertThat(error.getMessage()).endsWith("Mời quay lại lúc 07:30 ngày 30/11/2026.");
        assertThat(error.toJson().getString("nextOpening")).isEqualTo("2026-11-30T07:30:00+07:00");
    }

    @Test
    void aCapReachedTheDayBeforeAHolidaySkipsTheHoliday() {
        clock.set(LocalDateTime.of(2026, 9, 1, 14, 0)); // Tuesday; Wednesday 2/9 is Quốc khánh
        for (int i = 0; i < 5; i++) {
            issue("A");
        }

        QueueError error = refusal(engine.issue(SITE, new IssueCommand("A", null, null, null), KIOSK));

        assertThat(error.toJson().getString("nextOpening")).isEqualTo("2026-09-03T07:30:00+07:00");
    }

    @Test
    void aTicketIsFoundByItsNumberAsTypedEvenAfterATransfer() {
        Ticket first = issue("A");
        Ticket second = issue("A");
        Ticket other = issue("B");

        assertThat(engine.ticketByNumber(SITE, "A001")).map(Ticket::id).contains(first.id());
        assertThat(engine.ticketByNumber(SITE, " a 2 ")).map(Ticket::id).contains(second.id());
        assertThat(engine.ticketByNumber(SITE, "b1")).map(Ticket::id).contains(other.id());
        assertThat(engine.ticketByNumber(SITE, "A003")).isEmpty();

        signIn(2);
        await(engine.transfer(second.id(), new TransferCommand("B", null, Position.BACK), officer(2)));
        assertThat(engine.ticketByNumber(SITE, "A002")).hasValueSatisfying(t -> {
            assertThat(t.id()).isEqualTo(second.id());
            assertThat(t.service()).isEqualTo("B");
        });
    }

    @Test
    void aNumberLookupSeesOnlyTodaysTickets() {
        Ticket monday = issue("A");
        clock.set(MONDAY_MORNING.plusDays(1)); // Tuesday: Monday's ticket is still in memory until the first command

        assertThat(engine.ticketByNumber(SITE, "A001")).isEmpty();

        Ticket tuesday = issue("A");
        assertThat(tuesday.number()).isEqualTo("A001");
        assertThat(engine.ticketByNumber(SITE, "A001")).map(Ticket::id).contains(tuesday.id());
        assertThat(tuesday.id()).isNotEqualTo(monday.id());
    }

    @Test
    void aNumberLookupRefusesAnUnknownSiteAndAnUnreadableNumber() {
        assertThat(catchThrowable(() -> engine.ticketByNumber("nowhere", "A001")))
                .isInstanceOfSatisfying(
                        QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SITE));
        assertThat(catchThrowable(() -> engine.ticketByNumber(SITE, "12")))
                .isInstanceOfSatisfying(QueueError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("ví dụ A012");
                });
    }

    @Test
    void numberingResetsAtLocalMidnightAndYesterdaysOpenTicketsAreCancelled() {
        Ticket waiting = issue("A");
        issue("A");
        signIn(1);
        Ticket called = callNext(1);
        assertThat(called.id()).isEqualTo(waiting.id());

        clock.set(LocalDateTime.of(2026, 11, 24, 7, 45));
        Ticket tomorrow = issue("A");

        assertThat(tomorrow.number()).isEqualTo("A001");
        assertThat(engine.ticket(waiting.id())).isEmpty();
        assertThat(events)
                .filteredOn(e -> e.type() == EventType.TICKET_CANCELLED)
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.details().getString("reason")).isEqualTo("hết ngày"));
        assertThat(engine.snapshot(SITE).counters().get(0).ticket()).isNull();
        assertThat(engine.snapshot(SITE).services().get(0).waiting()).isEqualTo(1);
    }

    @Test
    void aRefusedFirstCommandOfTheDayStillPublishesTheRolloverEventsInSeqOrder() {
        issue("A");
        long start = engine.snapshot(SITE).seq();
        events.clear();
        clock.set(LocalDateTime.of(2026, 11, 24, 8, 0));

        refusal(engine.issue(SITE, new IssueCommand("Z", null, null, null), KIOSK));
        issue("A");

        assertThat(events)
                .extracting(QueueEvent::type)
                .containsExactly(EventType.TICKET_CANCELLED, EventType.TICKET_ISSUED);
        assertThat(events).extracting(QueueEvent::seq).containsExactly(start + 1, start + 2);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameTicketReplayed() {
        IssueResult first = await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));
        IssueResult again = await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.ticket().id()).isEqualTo(first.ticket().id());
        assertThat(issue("A").number()).isEqualTo("A002");
        assertThat(events).filteredOn(e -> e.type() == EventType.TICKET_ISSUED).hasSize(2);
    }

    @Test
    void anIdempotencyKeyReplaysItsTicketAfterARestartAndIssuesAFreshOneTheNextDay() {
        IssueResult first = await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));
        subscription.close();
        engine.close();
        engine = openEngine(EngineFixture.config(), new EngineOptions(false, "http://q.test"));
        subscription = engine.subscribe(SITE, events::add);

        IssueResult afterRestart = await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));
        clock.set(LocalDateTime.of(2026, 11, 24, 7, 45));
        IssueResult nextDay = await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));
        IssueResult nextDayAgain = await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));

        assertThat(afterRestart.replayed()).isTrue();
        assertThat(afterRestart.ticket().id()).isEqualTo(first.ticket().id());
        assertThat(nextDay.replayed()).isFalse();
        assertThat(nextDay.ticket().number()).isEqualTo("A001");
        assertThat(nextDay.ticket().id()).isNotEqualTo(first.ticket().id());
        assertThat(nextDayAgain.replayed()).isTrue();
        assertThat(nextDayAgain.ticket().id()).isEqualTo(nextDay.ticket().id());
    }

    @Test
    void theSameIdempotencyKeyForAnotherServiceIsAConflict() {
        await(engine.issue(SITE, new IssueCommand("A", null, null, "key-1"), KIOSK));

        assertThat(refusal(engine.issue(SITE, new IssueCommand("B", null, null, "key-1"), KIOSK))
                        .code())
                .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void anUnknownPriorityCategoryIsRefusedListingTheCategories() {
        QueueError error = refusal(engine.issue(SITE, new IssueCommand("A", "vip", null, null), KIOSK));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(error.getMessage()).contains("elderly (Người cao tuổi)");
    }

    @Test
    void aBlankPriorityIsANormalTicket() {
        Ticket ticket = await(engine.issue(SITE, new IssueCommand("A", " ", null, null), KIOSK))
                .ticket();

        assertThat(ticket.priority()).isNull();
    }

    @Test
    void priorityTicketsAreCalledFirst() {
        issue("A");
        Ticket elderly = issue("A", "elderly");
        signIn(1);

        assertThat(callNext(1).id()).isEqualTo(elderly.id());
        assertThat(engine.snapshot(SITE).services().get(0).priorityWaiting()).isZero();
    }

    @Test
    void afterThreePriorityCallsInARowTheCounterCallsTheWaitingNormalTicketEvenAcrossARestart() {
        Ticket normal = issue("A");
        for (int i = 0; i < 4; i++) { // service A's daily cap is 5
            issue("A", "elderly");
        }
        signIn(1);
        for (int i = 0; i < 2; i++) {
            assertThat(callNext(1).priority()).isEqualTo("elderly");
            await(engine.complete(
                    engine.snapshot(SITE).counters().get(0).ticket().id(), officer(1)));
        }
        subscription.close();
        engine.close();
        engine = openEngine(EngineFixture.config(), new EngineOptions(false, "http://q.test"));
        subscription = engine.subscribe(SITE, events::add);

        assertThat(callNext(1).priority()).isEqualTo("elderly");
        await(engine.complete(engine.snapshot(SITE).counters().get(0).ticket().id(), officer(1)));
        assertThat(callNext(1).id()).isEqualTo(normal.id());
    }

    @Test
    void aPausedCounterSaysWhenItsPauseBeganToStaffOnlyEvenAfterARestart() {
        signIn(1);
        signIn(2);
        Instant pausedAt = clock.instant();
        await(engine.pause(SITE, 1, "Họp giao ban", officer(1)));
        clock.advance(Duration.ofMinutes(25));
        await(engine.pause(SITE, 2, "Nghỉ giải lao", officer(2)));
        await(engine.resume(SITE, 2, officer(2)));

        assertThat(engine.snapshot(SITE).counters().get(0).pausedAt()).isEqualTo(pausedAt);
        assertThat(engine.snapshot(SITE).counters().get(1).pausedAt()).isNull();
        subscription.close();
        engine.close();
        engine = openEngine(EngineFixture.config(), new EngineOptions(false, "http://q.test"));
        subscription = engine.subscribe(SITE, events::add);

        QueueSnapshot.CounterView paused = engine.snapshot(SITE).counters().get(0);
        assertThat(paused.pausedAt()).isEqualTo(pausedAt);
        assertThat(paused.toJson().getString("pausedAt")).isEqualTo(pausedAt.toString());
        assertThat(paused.toPublicJson().containsKey("pausedAt")).isFalse();
        assertThat(QueueSnapshot.CounterView.fromJson(paused.toJson())).isEqualTo(paused);
        assertThat(engine.snapshot(SITE).counters().get(1).pausedAt()).isNull();
        await(engine.resume(SITE, 1, officer(1)));
        assertThat(engine.snapshot(SITE).counters().get(0).pausedAt()).isNull();
    }

    @Test
    void unknownSiteServiceCounterAndTicketGetTheirOwnCodes() {
        assertThat(refusal(engine.issue("nowhere", new IssueCommand("A", null, null, null), KIOSK))
                        .code())
                .isEqualTo(ErrorCode.UNKNOWN_SITE);
        QueueError service = refusal(engine.issue(SITE, new IssueCommand("Z", null, null, null), KIOSK));
        assertThat(service.code()).isEqualTo(ErrorCode.UNKNOWN_SERVICE);
        assertThat(service.getMessage()).contains("A (Hộ tịch)");
        assertThat(refusal(engine.signIn(SITE, 42, officer(1))).code()).isEqualTo(ErrorCode.UNKNOWN_COUNTER);
        assertThat(refusal(engine.start("no-such-ticket", officer(1))).code()).isEqualTo(ErrorCode.UNKNOWN_TICKET);
        assertThat(catchThrowable(() -> engine.snapshot("nowhere")))
                .isInstanceOf(QueueError.class)
                .extracting(e -> ((QueueError) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_SITE);
    }

    @Test
    void anOfficerActsOnlyAtTheCounterTheyAreSignedInTo() {
        Ticket ticket = issue("A");
        signIn(1);
        signIn(2);

        assertThat(refusal(engine.callNext(SITE, 1, officer(2))).code()).isEqualTo(ErrorCode.NOT_SIGNED_IN);
        callNext(1);
        assertThat(refusal(engine.complete(ticket.id(), officer(2))).code()).isEqualTo(ErrorCode.NOT_SIGNED_IN);
        assertThat(await(engine.complete(ticket.id(), SUPERVISOR)).state()).isEqualTo(TicketState.DONE);
    }

    @Test
    void aCounterHoldsOneTicketAtATime() {
        issue("A");
        issue("A");
        signIn(1);
        callNext(1);

        QueueError error = refusal(engine.callNext(SITE, 1, officer(1)));

        assertThat(error.code()).isEqualTo(ErrorCode.COUNTER_BUSY);
    }

    @Test
    void callingASpecificTicketUsesTheOfficersCounter() {
        issue("A");
        Ticket second = issue("A");
        signIn(2);

        Ticket called = await(engine.call(second.id(), officer(2)));

        assertThat(called.counter()).isEqualTo(2);
        assertThat(refusal(engine.call(second.id(), officer(1))).code()).isEqualTo(ErrorCode.NOT_SIGNED_IN);
    }

    @Test
    void recallCountsTheCallsAndAnnouncesAgain() {
        Ticket ticket = issue("A");
        signIn(1);
        callNext(1);

        Ticket recalled = await(engine.recall(ticket.id(), officer(1)));

        assertThat(recalled.callCount()).isEqualTo(2);
        assertThat(lastEvent().type()).isEqualTo(EventType.TICKET_RECALLED);
        assertThat(lastEvent().details().containsKey("announcement")).isTrue();
        assertThat(engine.snapshot(SITE).lastCalls().get(0).callCount()).isEqualTo(2);
    }

    @Test
    void withACalledTimeoutAnUnstartedCallGoesBackToTheFrontThenBecomesANoShow() {
        engine.close();
        engine = openEngine(
                EngineFixture.config(EngineFixture.YAML.replace("ticketCutoffMinutes: 15", "calledTimeoutMinutes: 5")),
                new EngineOptions(false, "http://q.test"));
        Ticket first = issue("A");
        issue("A");
        signIn(1);
        callNext(1);

        clock.advance(Duration.ofMinutes(4));
        issue("B");
        assertThat(engine.ticket(first.id()).orElseThrow().state()).isEqualTo(TicketState.CALLED);
        clock.advance(Duration.ofMinutes(2));
        issue("B");

        Ticket back = engine.ticket(first.id()).orElseThrow();
        assertThat(back.state()).isEqualTo(TicketState.WAITING);
        assertThat(back.waitingAhead()).isZero();
        assertThat(engine.snapshot(SITE).counters().get(0).ticket()).isNull();
        assertThat(callNext(1).id()).isEqualTo(first.id());
        clock.advance(Duration.ofMinutes(6));
        issue("B");
        assertThat(callNext(1).id()).isEqualTo(first.id());
        clock.advance(Duration.ofMinutes(6));
        issue("B");
        assertThat(engine.ticket(first.id()).orElseThrow().state()).isEqualTo(TicketState.NO_SHOW);
        assertThat(engine.ticket(first.id()).orElseThrow().callCount()).isEqualTo(3);
    }

    @Test
    void aNoShowFreesTheCounterAndMayBeRequeuedAndCalledAgain() {
        Ticket ticket = issue("A");
        issue("A");
        signIn(1);
        callNext(1);

        Ticket absent = await(engine.noShow(ticket.id(), officer(1)));
        assertThat(absent.state()).isEqualTo(TicketState.NO_SHOW);
        Ticket requeued =
                await(engine.transfer(ticket.id(), new TransferCommand("A", null, Position.FRONT), officer(1)));

        assertThat(requeued.state()).isEqualTo(TicketState.WAITING);
        assertThat(requeued.number()).isEqualTo("A001");
        Ticket again = callNext(1);
        assertThat(again.id()).isEqualTo(ticket.id());
        assertThat(again.callCount()).isEqualTo(2);
    }

    @Test
    void transferToAnotherServiceAtTheFrontKeepsTheNumberAndIsCalledFirstThere() {
        Ticket a = issue("A");
        issue("B");
        signIn(1);
        signIn(3);
        callNext(1);

        Ticket moved = await(engine.transfer(a.id(), new TransferCommand("B", null, Position.FRONT), officer(1)));

        assertThat(moved.number()).isEqualTo("A001");
        assertThat(moved.service()).isEqualTo("B");
        assertThat(moved.waitingAhead()).isZero();
        assertThat(callNext(3).number()).isEqualTo("A001");
        assertThat(lastEventOfType(EventType.TICKET_TRANSFERRED).details().getString("position"))
                .isEqualTo("front");
    }

    @Test
    void transferToTheBackGoesAfterEveryWaitingTicket() {
        Ticket a = issue("A");
        issue("A");
        signIn(1);
        callNext(1);

        await(engine.transfer(a.id(), new TransferCommand("A", null, Position.BACK), officer(1)));
        await(engine.complete(callNext(1).id(), officer(1)));

        assertThat(callNext(1).id()).isEqualTo(a.id());
    }

    @Test
    void transferToACounterIsCalledOnlyByThatCounter() {
        Ticket a = issue("A");
        signIn(1);
        signIn(2);
        callNext(1);

        Ticket moved = await(engine.transfer(a.id(), new TransferCommand(null, 2, Position.BACK), officer(1)));

        assertThat(moved.counter()).isEqualTo(2);
        assertThat(await(engine.complete(callNext(2).id(), officer(2))).number())
                .isEqualTo("A001");
    }

    @Test
    void aTransferNeedsExactlyOneDestination() {
        Ticket a = issue("A");
        signIn(1);

        assertThat(refusal(engine.transfer(a.id(), new TransferCommand("B", 2, Position.BACK), officer(1)))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refusal(engine.transfer(a.id(), new TransferCommand(null, 77, null), officer(1)))
                        .code())
                .isEqualTo(ErrorCode.UNKNOWN_COUNTER);
    }

    @Test
    void invalidTransitionsAreRefusedAndChangeNothing() {
        Ticket a = issue("A");
        signIn(1);
        long seq = engine.snapshot(SITE).seq();

        QueueError error = refusal(engine.start(a.id(), SUPERVISOR));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(error.getMessage()).isEqualTo("Không thể bắt đầu phục vụ vé A001 vì vé đang chờ.");
        assertThat(engine.snapshot(SITE).seq()).isEqualTo(seq);
        assertThat(engine.ticket(a.id()).orElseThrow().state()).isEqualTo(TicketState.WAITING);
    }

    @Test
    void anOfficerActingOnAWaitingTicketGetsTheTransitionError() {
        Ticket a = issue("A");
        signIn(1);

        assertThat(refusal(engine.recall(a.id(), officer(1))).code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(refusal(engine.complete(a.id(), officer(1))).code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(refusal(engine.call(a.id(), KIOSK)).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void theDossierCodeIsNormalisedWhenLinked() {
        Ticket a = issue("A");
        signIn(1);
        callNext(1);

        Ticket linked = await(engine.linkDossier(a.id(), "  h21.65-261123 -0001 ", officer(1)));

        assertThat(linked.dossierCode()).isEqualTo("H21.65-261123-0001");
        assertThat(lastEvent().type()).isEqualTo(EventType.TICKET_DOSSIER_LINKED);
        assertThat(refusal(engine.linkDossier(a.id(), "   ", officer(1))).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aTicketIsRatedOnceAndTheRatingIsStoredWithItsNationalLevel() throws Exception {
        Ticket a = issue("A");
        signIn(1);
        callNext(1);
        await(engine.linkDossier(a.id(), "H21.65-261123-0001", officer(1)));
        await(engine.complete(a.id(), officer(1)));

        await(engine.rate(a.id(), new RatingCommand(3, 5, "keypad1"), officer(1)));

        assertThat(refusal(engine.rate(a.id(), new RatingCommand(1, 3, "keypad1"), officer(1)))
                        .code())
                .isEqualTo(ErrorCode.ALREADY_RATED);
        assertThat(lastEvent().details().getString("nationalLabel")).isEqualTo("Hài lòng");
        try (Connection c = queryStore();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT site, service, counter, officer, native_level, scale,"
                        + " national_level, device, dossier_code FROM rating")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(SITE);
            assertThat(rs.getString(2)).isEqualTo("A");
            assertThat(rs.getInt(3)).isEqualTo(1);
            assertThat(rs.getString(4)).isEqualTo("officer1");
            assertThat(rs.getInt(5)).isEqualTo(3);
            assertThat(rs.getInt(6)).isEqualTo(5);
            assertThat(rs.getInt(7)).isEqualTo(2);
            assertThat(rs.getString(8)).isEqualTo("keypad1");
            assertThat(rs.getString(9)).isEqualTo("H21.65-261123-0001");
        }
    }

    @Test
    void pauseNeedsAReasonAndAPausedCounterCannotCall() {
        issue("A");
        signIn(1);

        assertThat(refusal(engine.pause(SITE, 1, " ", officer(1))).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(await(engine.pause(SITE, 1, "Họp giao ban", officer(1))).state())
                .isEqualTo(CounterState.PAUSED);
        assertThat(lastEvent().details().getString("reason")).isEqualTo("Họp giao ban");
        assertThat(refusal(engine.callNext(SITE, 1, officer(1))).code()).isEqualTo(ErrorCode.INVALID_TRANSITION);
        assertThat(await(engine.resume(SITE, 1, officer(1))).state()).isEqualTo(CounterState.OPEN);
        assertThat(callNext(1).number()).isEqualTo("A001");
    }

    @Test
    void signingInElsewhereMovesTheOfficer() {
        Actor officer = officer(1);
        await(engine.signIn(SITE, 1, officer));

        await(engine.signIn(SITE, 2, officer));

        QueueSnapshot snapshot = engine.snapshot(SITE);
        assertThat(snapshot.counters().get(0).state()).isEqualTo(CounterState.CLOSED);
        assertThat(snapshot.counters().get(1).officer()).isEqualTo("officer1");
        assertThat(refusal(engine.signIn(SITE, 2, officer(5))).code()).isEqualTo(ErrorCode.COUNTER_BUSY);
    }

    @Test
    void signingOutWhileHoldingATicketIsRefused() {
        issue("A");
        signIn(1);
        Ticket called = callNext(1);

        assertThat(refusal(engine.signOut(SITE, 1, officer(1))).code()).isEqualTo(ErrorCode.COUNTER_BUSY);
        await(engine.complete(called.id(), officer(1)));
        assertThat(await(engine.signOut(SITE, 1, officer(1))).state()).isEqualTo(CounterState.CLOSED);
    }

    @Test
    void aDeviceStatusBecomesAnEvent() {
        await(engine.reportDeviceStatus(
                SITE,
                new DeviceStatusReport("kiosk1/printer", "printer", "PAPER_OUT", "Hết giấy", Instant.EPOCH),
                KIOSK));

        assertThat(lastEvent().type()).isEqualTo(EventType.DEVICE_STATUS);
        assertThat(lastEvent().details().getString("state")).isEqualTo("PAPER_OUT");
        int before = events.size();
        await(engine.reportDeviceStatus(
                SITE,
                new DeviceStatusReport("kiosk1/printer", "printer", "PAPER_OUT", "Hết giấy", Instant.EPOCH),
                KIOSK));
        assertThat(events).as("a repeated report").hasSize(before);
        await(engine.reportDeviceStatus(
                SITE, new DeviceStatusReport("kiosk1/printer", "printer", "ONLINE", "Sẵn sàng", Instant.EPOCH), KIOSK));
        assertThat(events).hasSize(before + 1);
        assertThat(refusal(engine.reportDeviceStatus(
                                SITE, new DeviceStatusReport(null, "printer", "X", null, null), KIOSK))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void everyEventIsPendingInTheOutboxUntilMarkedDelivered() throws Exception {
        issue("A");
        issue("B");

        List<Outbox.Entry> due = engine.outbox().due(clock.instant(), 100);

        assertThat(due).extracting(Outbox.Entry::type).containsExactly("ticket.issued", "ticket.issued");
        assertThat(QueueEvent.fromJson(due.get(0).payload()).ticket().number()).isEqualTo("A001");
        await(engine.outbox().markDelivered(SITE, due.get(0).seq(), clock.instant()));
        await(engine.outbox()
                .markFailed(SITE, due.get(1).seq(), "HTTP 503", clock.instant().plusSeconds(3600)));
        assertThat(engine.outbox().due(clock.instant(), 100)).isEmpty();
        await(engine.outbox().markDead(SITE, due.get(1).seq(), "HTTP 400"));
        assertThat(engine.outbox().list(SITE, Outbox.DeliveryState.DEAD, 10))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.lastError()).isEqualTo("HTTP 400");
                });
        await(engine.outbox().retry(SITE, due.get(1).seq(), clock.instant()));
        assertThat(engine.outbox().due(clock.instant(), 100)).hasSize(1);
        assertThat(refusal(engine.outbox().markDelivered(SITE, 999, clock.instant()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void siteInfoAndSiteCodesComeFromTheConfiguration() {
        assertThat(engine.siteCodes()).containsExactly(SITE);
        assertThat(engine.site(SITE).service("B").counters()).containsExactly(2, 3);
    }

    QueueEvent lastEventOfType(EventType type) {
        return events.stream().filter(e -> e.type() == type).reduce((a, b) -> b).orElseThrow();
    }
}
