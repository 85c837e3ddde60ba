package org.xephang.core.engine;

import static org.xephang.core.engine.EngineFixture.KIOSK;
import static org.xephang.core.engine.EngineFixture.MONDAY_MORNING;
import static org.xephang.core.engine.EngineFixture.SITE;
import static org.xephang.core.engine.EngineFixture.officer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.Ticket;
import org.xephang.core.IssueCommand;
import org.xephang.core.RatingCommand;
import org.xephang.core.TransferCommand;
import org.xephang.core.TransferCommand.Position;
import org.xephang.testkit.MutableClock;

/**
 * Wrote {@code src/test/resources/fixtures/schema-v1/xephang.db} with the code of the release whose schema was V1 (the
 * {@code PRAGMA user_version} migrations, before Flyway). Kept to show how the fixture was made; it is run only when
 * asked ({@code -Dxephang.writeSchemaV1Fixture=DIR}) and must not be re-run with newer code.
 */
@EnabledIfSystemProperty(named = "xephang.writeSchemaV1Fixture", matches = ".+")
@Timeout(60)
class SchemaV1FixtureGenerator {

    @TempDir
    Path dir;

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Test
    void writesADatabaseWithTicketsEventsAndRatingsOfTwoDays() throws Exception {
        MutableClock clock = MutableClock.at(MONDAY_MORNING);
        try (QueueEngine engine = EngineFixture.open(dir, clock)) {
            await(engine.signIn(SITE, 1, officer(1)));
            await(engine.signIn(SITE, 2, officer(2)));
            Ticket a1 = issue(engine, "A", null, "key-a1");
            Ticket a2 = issue(engine, "A", null, null);
            Ticket b1 = issue(engine, "B", null, null);
            issue(engine, "A", null, "key-a1"); // the same key again: the same ticket
            clock.advance(Duration.ofMinutes(3));
            Ticket called = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
            await(engine.start(called.id(), officer(1)));
            await(engine.linkDossier(called.id(), "000.00.00.H00-261123-0001", officer(1)));
            clock.advance(Duration.ofMinutes(7));
            await(engine.complete(called.id(), officer(1)));
            await(engine.rate(called.id(), new RatingCommand(1, 5, "keypad-1"), KIOSK));
            await(engine.transfer(a2.id(), new TransferCommand("B", null, Position.FRONT), officer(2)));
            Ticket second = await(engine.callNext(SITE, 2, officer(2))).orElseThrow();
            clock.advance(Duration.ofMinutes(2));
            await(engine.noShow(second.id(), officer(2)));
            await(engine.pause(SITE, 2, "Họp giao ban", officer(2)));
            if (!a1.id().equals(called.id()) || b1 == null) {
                throw new IllegalStateException("unexpected call order");
            }
        }
        clock.advance(Duration.ofDays(1));
        try (QueueEngine engine = EngineFixture.open(dir, clock)) {
            Ticket tuesday = issue(engine, "A", null, null);
            issue(engine, "B", "elderly", null);
            await(engine.signIn(SITE, 1, officer(1)));
            Ticket called = await(engine.callNext(SITE, 1, officer(1))).orElseThrow();
            await(engine.complete(called.id(), officer(1)));
            await(engine.rate(called.id(), new RatingCommand(3, 3, null), officer(1)));
            if (!tuesday.id().equals(called.id())) {
                throw new IllegalStateException("unexpected call order on Tuesday");
            }
        }
        Path target = Path.of(System.getProperty("xephang.writeSchemaV1Fixture"));
        Files.createDirectories(target);
        Files.copy(dir.resolve("xephang.db"), target.resolve("xephang.db"), StandardCopyOption.REPLACE_EXISTING);
        if (Files.exists(dir.resolve("xephang.db-wal")) && Files.size(dir.resolve("xephang.db-wal")) > 0) {
            throw new IllegalStateException("the WAL was not checkpointed into the file");
        }
    }

    private static Ticket issue(QueueEngine engine, String service, String priority, String key) {
        return await(engine.issue(SITE, new IssueCommand(service, priority, null, key), KIOSK))
                .ticket();
    }
}
