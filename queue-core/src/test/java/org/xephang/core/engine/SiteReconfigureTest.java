package org.xephang.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.officer;
import static org.xephang.core.engine.QueueEngineTest.await;
import static org.xephang.core.engine.QueueEngineTest.refusal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;
import org.xephang.api.Role;
import org.xephang.api.Ticket;
import org.xephang.core.Actor;
import org.xephang.core.IssueCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.notify.PhoneNumber;
import org.xephang.core.persistence.NotificationStore.Message;
import org.xephang.core.site.CentreConfigLoader;
import org.xephang.testkit.MutableClock;

/**
 * A saved site configuration that would strand tickets is refused with its reason, naming the key (issue #14): a field
 * with open tickets is not retired but may be closed for new tickets (kiosks stop offering it, issuing is refused, its
 * tickets are still called); the last counter of a line does not give the field up while tickets wait in it; a counter
 * with tickets transferred to it stays. Notification settings saved live apply at the next command, no restart.
 */
@Timeout(60)
class SiteReconfigureTest {

    private static final Actor ADMIN = new Actor("admin", Role.ADMIN);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at(MONDAY_MORNING);
    private QueueEngine engine;
    private long version;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private void open() {
        engine = EngineFixture.open(dir, clock);
    }

    private static JsonObject document() throws Exception {
        Map<?, ?> tree = (Map<?, ?>) CentreConfigLoader.readTree(EngineFixture.YAML, "fixture");
        return new JsonObject(new JsonObject((Map<String, Object>) tree)
                .getJsonArray("sites")
                .getJsonObject(0)
                .encode());
    }

    private void save(JsonObject document) {
        version = await(engine.saveSiteConfiguration(SITE, version, plain(document), ADMIN))
                .version();
    }

    private QueueError refused(JsonObject document) {
        return refusal(engine.saveSiteConfiguration(SITE, version, plain(document), ADMIN));
    }

    /** As the API hands it over: maps and lists decoded from JSON. */
    private static Map<String, Object> plain(JsonObject document) {
        return new JsonObject(document.encode()).getMap();
    }

    private Ticket issue(String service) {
        return await(engine.issue(SITE, new IssueCommand(service, null, null, null), KIOSK))
                .ticket();
    }

    private static JsonObject service(JsonObject document, String code) {
        return document.getJsonArray("services").stream()
                .map(JsonObject.class::cast)
                .filter(s -> code.equals(s.getString("code")))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject counter(JsonObject document, int number) {
        return document.getJsonArray("counters").stream()
                .map(JsonObject.class::cast)
                .filter(c -> number == c.getInteger("number"))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject withoutService(JsonObject document, String code) {
        JsonObject copy = document.copy();
        JsonArray services = new JsonArray();
        copy.getJsonArray("services").stream()
                .map(JsonObject.class::cast)
                .filter(s -> !code.equals(s.getString("code")))
                .forEach(services::add);
        copy.put("services", services);
        for (Object c : copy.getJsonArray("counters")) {
            JsonArray kept = new JsonArray();
            ((JsonObject) c)
                    .getJsonArray("services").stream()
                            .filter(s -> !code.equals(s))
                            .forEach(kept::add);
            ((JsonObject) c).put("services", kept.isEmpty() ? new JsonArray(List.of("A")) : kept);
        }
        return copy;
    }

    @Test
    void aFieldWithWaitingTicketsIsNotRetiredButClosedForNewTicketsAndItsTicketsAreStillCalled() throws Exception {
        open();
        Ticket waiting = issue("B");

        QueueError retire = refused(withoutService(document(), "B"));
        assertThat(retire.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(retire.getMessage()).startsWith("services: ").contains("B (Chứng thực)", "1 vé", "Ngừng cấp số mới");
        assertThat(retire.toJson().getString("field")).isEqualTo("services");
        assertThat(retire.toJson().getString("service")).isEqualTo("B");
        assertThat(retire.toJson().getBoolean("canClose")).isTrue();

        JsonObject closing = document();
        service(closing, "B").put("closed", true);
        save(closing);
        assertThat(engine.site(SITE).service("B").closed()).isTrue();
        assertThat(engine.site(SITE).service("B").toJson().getBoolean("closed")).isTrue();
        assertThat(engine.site(SITE).service("A").toJson().containsKey("closed"))
                .isFalse();
        QueueError closedIssue = refusal(engine.issue(SITE, new IssueCommand("B", null, null, null), KIOSK));
        assertThat(closedIssue.code()).isEqualTo(ErrorCode.SERVICE_CLOSED);
        assertThat(closedIssue.getMessage()).contains("Chứng thực").contains("ngừng cấp số mới");
        // The check-in's channel, which a closed field still takes, is not a way round it.
        QueueError asCheckIn = refusal(engine.issue(SITE, new IssueCommand("B", null, "appointment", null), KIOSK));
        assertThat(asCheckIn.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(issue("A").number()).isEqualTo("A001");

        await(engine.signIn(SITE, 3, officer(3)));
        Ticket called = await(engine.callNext(SITE, 3, officer(3))).orElseThrow();
        assertThat(called.id()).isEqualTo(waiting.id());
        await(engine.complete(called.id(), officer(3)));
        save(withoutService(closing, "B"));
        assertThat(engine.site(SITE).service("B")).isNull();
    }

    @Test
    void theLastCounterOfALineKeepsItsFieldWhileTicketsWaitAndTheRefusalSaysWhy() throws Exception {
        open();
        issue("B");
        issue("B");
        JsonObject document = document();
        counter(document, 2).put("services", new JsonArray(List.of("A")));
        counter(document, 3).put("services", new JsonArray(List.of("A")));

        QueueError refused = refused(document);
        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused.getMessage())
                .startsWith("counters: các quầy 2, 3 là những quầy cuối cùng phục vụ lĩnh vực B (Chứng thực)")
                .contains("2 vé đang chờ");
        assertThat(refused.toJson().getString("field")).isEqualTo("counters");
        assertThat(refused.toJson().getString("service")).isEqualTo("B");

        // one counter giving B up is fine: counter 3 still serves it
        JsonObject one = document();
        counter(one, 2).put("services", new JsonArray(List.of("A")));
        save(one);
        assertThat(engine.site(SITE).service("B").counters()).containsExactly(3);
    }

    @Test
    void aCounterWithATicketTransferredToItStaysUntilTheTicketIsCalled() throws Exception {
        open();
        Ticket ticket = issue("B");
        await(engine.signIn(SITE, 2, officer(2)));
        await(engine.callNext(SITE, 2, officer(2))).orElseThrow();
        await(engine.transfer(ticket.id(), new TransferCommand(null, 3, TransferCommand.Position.BACK), officer(2)));
        JsonObject document = document();
        JsonArray counters = new JsonArray();
        document.getJsonArray("counters").stream()
                .map(JsonObject.class::cast)
                .filter(c -> c.getInteger("number") != 3)
                .forEach(counters::add);
        document.put("counters", counters);

        QueueError refused = refused(document);
        assertThat(refused.getMessage()).startsWith("counters: không thể bỏ quầy 3 khi còn 1 vé được chuyển đến");
        assertThat(refused.toJson().getInteger("counter")).isEqualTo(3);
    }

    @Test
    void notificationSettingsSavedLiveApplyAtTheNextCommandWithoutARestart() throws Exception {
        open();
        PhoneNumber phone = PhoneNumber.require("0912345678");
        await(engine.signIn(SITE, 1, officer(1)));
        issue("A");
        issue("A");
        Ticket mine = issue("A"); // position 3
        assertThat(refusal(engine.subscribeNotifications(mine.id(), phone)).code())
                .isEqualTo(ErrorCode.CONFLICT);

        engine.acceptNotificationProviders("sms"::equals);
        JsonObject zalo = document().put("notifications", new JsonObject().put("provider", "zalo"));
        QueueError noAccount = refused(zalo);
        assertThat(noAccount.getMessage())
                .startsWith("notifications.provider: ")
                .contains("zalo");

        save(document()
                .put(
                        "notifications",
                        new JsonObject()
                                .put("provider", "sms")
                                .put("nearPosition", 2)
                                .put("nearMinutes", 0)));
        await(engine.subscribeNotifications(mine.id(), phone));
        assertThat(messages()).isEmpty();
        Ticket first = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
        await(engine.complete(first.id(), officer(1))); // mine at position 2: near
        assertThat(messages()).extracting(Message::id).containsExactly(mine.id() + ":near-turn");

        // turned off live: the call sends nothing more
        save(document());
        Ticket second = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
        await(engine.complete(second.id(), officer(1)));
        await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
        assertThat(messages()).hasSize(1);
    }

    private List<Message> messages() throws Exception {
        return engine.notificationOutbox().due(clock.instant().plus(Duration.ofDays(1)), 100);
    }
}
