package org.xephang.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

class GroupCommitWriterTest {

    @TempDir
    Path dir;

    SqliteStore database;
    Connection connection;
    Connection reader;
    GroupCommitWriter writer;
    final AtomicInteger rollbacks = new AtomicInteger();
    final AtomicInteger groups = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        database = SqliteStore.open(dir);
        connection = database.connect();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE item (name TEXT PRIMARY KEY)");
        }
        reader = database.connect();
        writer = new GroupCommitWriter(
                connection,
                new ReentrantLock(),
                groups::incrementAndGet,
                rollbacks::incrementAndGet,
                64,
                "test-writer");
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        connection.close();
        reader.close();
        database.close();
    }

    CompletableFuture<String> insert(String name) {
        return writer.submit(tx -> {
                    try (Statement s = tx.connection().createStatement()) {
                        s.execute("INSERT INTO item VALUES ('" + name + "')");
                    }
                    return name;
                })
                .toCompletableFuture();
    }

    List<String> stored() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = reader.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM item ORDER BY name")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** Keeps the writer busy until the returned latch is released, so that the next requests form one group. */
    CountDownLatch holdWriter() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        writer.submit(tx -> {
            held.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        return release;
    }

    @Test
    void aCompletedRequestIsAlreadyCommitted() throws Exception {
        assertThat(insert("a").join()).isEqualTo("a");

        assertThat(stored()).containsExactly("a");
    }

    @Test
    void requestsWaitingTogetherShareOneTransaction() throws Exception {
        CountDownLatch release = holdWriter();
        long before = writer.transactions();
        List<CompletableFuture<String>> inserts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            inserts.add(insert("n" + i));
        }
        release.countDown();
        CompletableFuture.allOf(inserts.toArray(CompletableFuture[]::new)).join();

        assertThat(writer.transactions() - before).isEqualTo(2); // the holding request's group, then all 20
        assertThat(stored()).hasSize(20);
    }

    @Test
    void aRefusalFailsOnlyItsOwnRequest() throws Exception {
        CountDownLatch release = holdWriter();
        CompletableFuture<String> good = insert("good");
        CompletableFuture<Object> refused = writer.submit(tx -> {
                    throw new QueueError(ErrorCode.CONFLICT, "không", "no");
                })
                .toCompletableFuture();
        CompletableFuture<String> alsoGood = insert("also-good");
        release.countDown();

        assertThat(good.join()).isEqualTo("good");
        assertThat(alsoGood.join()).isEqualTo("also-good");
        assertThat(catchThrowable(refused::join)).hasCauseInstanceOf(QueueError.class);
        assertThat(stored()).containsExactly("also-good", "good");
        assertThat(rollbacks).hasValue(0);
    }

    @Test
    void aFailureRollsBackTheWholeGroupAndFailsEveryRequestWithUnavailable() throws Exception {
        CountDownLatch release = holdWriter();
        CompletableFuture<String> first = insert("first");
        CompletableFuture<String> duplicate = insert("first"); // violates the primary key: an SQLException
        CompletableFuture<String> third = insert("third");
        release.countDown();

        for (CompletableFuture<String> request : List.of(first, duplicate, third)) {
            Throwable thrown = catchThrowable(request::join);
            assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(QueueError.class);
            assertThat(((QueueError) thrown.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        }
        assertThat(stored()).isEmpty();
        assertThat(rollbacks).hasValue(1);
        assertThat(insert("after").join()).isEqualTo("after");
    }

    @Test
    void afterCommitActionsRunInOrderBeforeTheRequestCompletes() {
        List<String> order = new ArrayList<>();
        String result = writer.submit(tx -> {
                    tx.afterCommit(() -> order.add("one"));
                    tx.afterCommit(() -> order.add("two"));
                    return "done";
                })
                .toCompletableFuture()
                .join();

        assertThat(result).isEqualTo("done");
        assertThat(order).containsExactly("one", "two");
    }

    @Test
    void afterCloseRequestsAreRefused() {
        writer.close();

        Throwable thrown = catchThrowable(() -> insert("late").join());
        assertThat(thrown).hasCauseInstanceOf(QueueError.class);
    }

    @Test
    void aWriterWithARenewalReplacesALostConnectionAfterTheGroupThatFoundIt() throws Exception {
        writer.close();
        List<Connection> renewed = new ArrayList<>();
        GroupCommitWriter renewing = new GroupCommitWriter(
                connection,
                new ReentrantLock(),
                groups::incrementAndGet,
                rollbacks::incrementAndGet,
                64,
                "test-renewing-writer",
                database::connect,
                renewed::add);
        try {
            connection.close(); // lost, as when the database server restarts

            Throwable failed = catchThrowable(() -> renewing.submit(tx -> {
                        try (Statement s = tx.connection().createStatement()) {
                            s.execute("INSERT INTO item VALUES ('lost')");
                        }
                        return null;
                    })
                    .toCompletableFuture()
                    .join());
            String stored = renewing.submit(tx -> {
                        try (Statement s = tx.connection().createStatement()) {
                            s.execute("INSERT INTO item VALUES ('after')");
                        }
                        return "after";
                    })
                    .toCompletableFuture()
                    .join();

            assertThat(failed).hasCauseInstanceOf(QueueError.class);
            assertThat(((QueueError) failed.getCause()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(stored).isEqualTo("after");
            assertThat(renewed).singleElement().isSameAs(renewing.connection());
            assertThat(stored()).containsExactly("after");
        } finally {
            renewing.close();
            renewing.connection().close();
        }
    }
}
