package org.xephang.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.xephang.core.http.TestApi.await;
import static org.xephang.core.http.TestApi.eventually;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.EventStream;
import org.xephang.api.QueueClient;
import org.xephang.api.QueueError;
import org.xephang.api.QueueEvent;
import org.xephang.api.QueueSnapshot;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.api.TicketState;
import org.xephang.api.WaitingTicket;
import org.xephang.core.QueueServer;

/** The typed client against the real server: every kind of call, refusals as QueueError, the healing event stream. */
class QueueClientIT {

    @Test
    void aTicketGoesFromKioskToDoneThroughTheClient(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir);
                QueueClient kiosk = api.client();
                QueueClient officer = api.client()) {
            assertThat(await(kiosk.login("kiosk1", TestApi.PASSWORD)).role()).isEqualTo(Role.KIOSK);
            await(officer.login("officer2", TestApi.PASSWORD));

            QueueClient.Issued first = await(kiosk.issueDetailed("demo", "A", null, "kiosk", "tap-1"));
            QueueClient.Issued replay = await(kiosk.issueDetailed("demo", "A", null, "kiosk", "tap-1"));
            assertThat(first.replayed()).isFalse();
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.ticket().id()).isEqualTo(first.ticket().id());

            assertThat(await(officer.signIn("demo", 2)).officer()).isEqualTo("officer2");
            Optional<Ticket> called = await(officer.callNext("demo", 2));
            assertThat(called).map(Ticket::id).contains(first.ticket().id());
            await(officer.recall(first.ticket().id()));
            await(officer.start(first.ticket().id()));
            await(officer.linkDossier(first.ticket().id(), "H29.26-0042"));
            Ticket done = await(officer.complete(first.ticket().id()));
            assertThat(done.state()).isEqualTo(TicketState.DONE);
            assertThat(done.callCount()).isEqualTo(2);
            assertThat(await(officer.rate(done.id(), 1, 3, "keypad-2")).id()).isEqualTo(done.id());
            assertThat(await(officer.callNext("demo", 2))).isEmpty();

            assertThat(await(kiosk.ticket(done.id())).state()).isEqualTo(TicketState.DONE);
            assertThat(await(kiosk.siteInfo("demo")).services()).isNotEmpty();
            assertThat(await(kiosk.snapshot("demo")).counters()).hasSize(17);
            await(kiosk.reportDeviceStatus(
                    "demo", "kiosk1/printer", "printer", "PAPER_NEAR_END", "Sắp hết giấy", null));
            assertThat(await(officer.pause("demo", 2, "Nghỉ giữa giờ")).pauseReason())
                    .isEqualTo("Nghỉ giữa giờ");
            await(officer.resume("demo", 2));
            await(officer.signOut("demo", 2));
        }
    }

    @Test
    void theWaitingListGivesStaffNumbersPositionsAndPriorityButNoIds(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir);
                QueueClient kiosk = api.client();
                QueueClient officer = api.client()) {
            await(kiosk.login("kiosk1", TestApi.PASSWORD));
            await(officer.login("officer2", TestApi.PASSWORD));
            Ticket first = await(kiosk.issue("demo", "A", null, "kiosk", null));
            Ticket second = await(kiosk.issue("demo", "A", null, "kiosk", null));
            Ticket other = await(kiosk.issue("demo", "B", null, "kiosk", null));

            List<WaitingTicket> fieldA = await(officer.waiting("demo", "A"));

            assertThat(fieldA)
                    .extracting(WaitingTicket::number, WaitingTicket::position)
                    .containsExactly(tuple(first.number(), 1), tuple(second.number(), 2));
            assertThat(fieldA.get(0).issuedAt()).isEqualTo(first.issuedAt());
            assertThat(await(officer.waiting("demo", null)))
                    .extracting(WaitingTicket::number)
                    .contains(first.number(), second.number(), other.number());
            assertThat(fieldA.get(0).toJson().fieldNames())
                    .containsExactlyInAnyOrder("number", "service", "priority", "issuedAt", "position", "counter");
            assertThatThrownBy(() -> await(officer.waiting("demo", "Z")))
                    .rootCause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVICE));
            assertThatThrownBy(() -> await(kiosk.waiting("demo", "A")))
                    .rootCause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
    }

    @Test
    void refusalsArriveAsQueueErrorsWithTheServersCodeAndMessage(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir);
                QueueClient kiosk = api.client()) {
            assertThatThrownBy(() -> await(kiosk.login("kiosk1", "wrong")))
                    .hasRootCauseInstanceOf(QueueError.class)
                    .rootCause()
                    .satisfies(e -> assertThat(((QueueError) e).code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
            await(kiosk.login("kiosk1", TestApi.PASSWORD));
            Ticket ticket = await(kiosk.issue("demo", "B", null, null, null));

            assertThatThrownBy(() -> await(kiosk.issue("demo", "Z", null, null, null)))
                    .rootCause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SERVICE));
            assertThatThrownBy(() -> await(kiosk.complete(ticket.id())))
                    .rootCause()
                    .isInstanceOfSatisfying(QueueError.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                        assertThat(e.getMessage()).contains("KIOSK");
                    });
        }
    }

    @Test
    void staffFindTodaysTicketByItsPrintedNumberAsTyped(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir);
                QueueClient kiosk = api.client();
                QueueClient officer = api.client()) {
            await(kiosk.login("kiosk1", TestApi.PASSWORD));
            await(officer.login("officer3", TestApi.PASSWORD));
            Ticket a = await(kiosk.issue("demo", "A", null, null, null));
            Ticket b = await(kiosk.issue("demo", "B", null, null, null));
            assertThat(a.number()).isEqualTo("A0001");

            assertThat(await(officer.ticketByNumber("demo", "A0001")).id()).isEqualTo(a.id());
            assertThat(await(officer.ticketByNumber("demo", " a 1")).id()).isEqualTo(a.id());
            assertThat(await(officer.ticketByNumber("demo", "b001")).id()).isEqualTo(b.id());

            assertThatThrownBy(() -> await(officer.ticketByNumber("demo", "A0999")))
                    .rootCause()
                    .isInstanceOfSatisfying(QueueError.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TICKET);
                        assertThat(e.getMessage()).isEqualTo("Hôm nay không có vé số A0999 tại điểm này.");
                    });
            assertThatThrownBy(() -> await(officer.ticketByNumber("demo", "12")))
                    .rootCause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
            assertThatThrownBy(() -> await(officer.ticketByNumber("nowhere", "A1")))
                    .rootCause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_SITE));
            assertThatThrownBy(() -> await(kiosk.ticketByNumber("demo", "A1")))
                    .rootCause()
                    .isInstanceOfSatisfying(
                            QueueError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
    }

    @Test
    void theEventStreamDeliversSnapshotThenEventsAndResynchronisesAfterTheServerComesBack(@TempDir Path dataDir) {
        try (TestApi api = TestApi.start(dataDir);
                QueueClient board = api.client()) {
            List<QueueSnapshot> snapshots = new CopyOnWriteArrayList<>();
            List<QueueEvent> events = new CopyOnWriteArrayList<>();
            List<Boolean> connection = new CopyOnWriteArrayList<>();
            EventStream stream = board.events("demo")
                    .onSnapshot(snapshots::add)
                    .onEvent(events::add)
                    .onConnectionChange(connection::add)
                    .start();
            eventually(Duration.ofSeconds(30), () -> snapshots.size() == 1);
            api.issue("A");
            api.issue("B");
            eventually(Duration.ofSeconds(30), () -> events.size() == 2);
            assertThat(events.get(0).seq()).isEqualTo(snapshots.get(0).seq() + 1);
            assertThat(events.get(1).seq()).isEqualTo(snapshots.get(0).seq() + 2);

            // The server goes away and comes back on the same port (a restart); the stream heals by itself.
            int port = api.port();
            await(api.server.close());
            eventually(Duration.ofSeconds(30), () -> connection.contains(false));
            api.issue(api.engine, "A");
            QueueServer again = await(QueueServer.start(
                    api.vertx,
                    api.engine,
                    new QueueServer.Options()
                            .host("127.0.0.1")
                            .port(port)
                            .accounts(TestApi.config().accounts())));
            try {
                eventually(Duration.ofSeconds(60), () -> snapshots.size() == 2);
                assertThat(snapshots.get(1).seq()).isEqualTo(snapshots.get(0).seq() + 3);
                assertThat(connection).containsExactly(true, false, true);
            } finally {
                stream.close();
                await(again.close());
            }
        }
    }
}
