package org.xephang.core.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xephang.api.ErrorCode;
import org.xephang.api.QueueError;

/**
 * The one thread that writes the database (docs/architecture.md §7). Requests queue up; the thread takes every request
 * waiting (up to a maximum) and runs them in ONE transaction with ONE commit, so many concurrent ticket issues cost one
 * fsync. A request's stage completes only after its group is committed and the group's after-commit actions (event
 * publication) have run.
 *
 * <p><b>Refusals</b>: a task that throws {@link QueueError} must not have changed anything after its checks (check
 * first, then write); it is refused alone and the rest of the group commits, including what the task wrote before its
 * checks (shared preliminary work such as the day rollover) and that work's after-commit actions. <b>Failures</b>: any other exception, or a failed commit, rolls the
 * whole group back, runs the {@code onRollback} action (the engine rebuilds its memory from the database) and fails
 * every request of the group with {@code UNAVAILABLE}; nothing is half-applied.
 *
 * <p>Tasks and the commit run without any lock; {@code publishLock} is held only while the committed group's
 * after-commit actions and {@code afterGroup} run (or {@code onRollback} after a failure). Readers that need a view
 * atomic with the published events (a new subscription) take it; others read what {@code afterGroup} published.
 */
public final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** Work done on the writer thread inside the group's transaction. */
    @FunctionalInterface
    public interface Task<T> {
        T run(Transaction transaction) throws SQLException;
    }

    /** What a task sees: the connection (inside a transaction) and a place for actions to run after the commit. */
    public interface Transaction {
        Connection connection();

        /** Runs after the group is committed, in registration order, on the writer thread, still under the lock. */
        void afterCommit(Runnable action);
    }

    private static final class Request<T> {
        final Task<T> task;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;
        QueueError refusal;

        Request(Task<T> task) {
            this.task = task;
        }

        void run(Transaction transaction) throws SQLException {
            result = task.run(transaction);
        }

        void complete() {
            if (refusal != null) {
                future.completeExceptionally(refusal);
            } else {
                future.complete(result);
            }
        }
    }

    /** Queued by {@link #close()} after the last accepted request. */
    private static final Request<Object> STOP = new Request<>(tx -> null);

    /** Written only on the writer thread (a renewal), read by it; {@link #close()} joins the thread first. */
    private Connection connection;

    private final ConnectionRenewal renewal;
    private final Task<Void> beforeCommit;
    private final Consumer<Connection> onRenewed;
    private final Lock publishLock;
    private final Runnable afterGroup;
    private final Runnable onRollback;
    private final int maxGroupSize;
    private final BlockingQueue<Request<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong committedRequests = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param connection the writer's own connection; auto-commit is turned off and the writer owns it from now on
     * @param publishLock held while a group's after-commit actions and {@code afterGroup} run, or {@code onRollback}
     * @param afterGroup run after each committed group's after-commit actions (the engine publishes its state)
     * @param onRollback run after a group was rolled back (the engine rebuilds its state from the database)
     */
    public GroupCommitWriter(
            Connection connection,
            Lock publishLock,
            Runnable afterGroup,
            Runnable onRollback,
            int maxGroupSize,
            String name)
            throws SQLException {
        this(connection, publishLock, afterGroup, onRollback, maxGroupSize, name, null, c -> {});
    }

    /**
     * A writer that replaces its connection when a failed group finds it lost (a database restart), so that it serves
     * again once the database is back, without a restart of the process.
     *
     * @param renewal where a new connection comes from; null = never replaced
     * @param onRenewed told the new connection (writer thread, under the publish lock, before {@code onRollback}): the
     *     owner of statements prepared on the old one prepares them again; the old connection is closed by the writer
     */
    public GroupCommitWriter(
            Connection connection,
            Lock publishLock,
            Runnable afterGroup,
            Runnable onRollback,
            int maxGroupSize,
            String name,
            ConnectionRenewal renewal,
            Consumer<Connection> onRenewed)
            throws SQLException {
        this(connection, publishLock, afterGroup, onRollback, maxGroupSize, name, renewal, onRenewed, null);
    }

    /**
     * A writer that also runs {@code beforeCommit} at the end of every group, inside its transaction (the site leases'
     * fence in a cluster): when it throws, the whole group is rolled back and failed with {@code UNAVAILABLE}.
     */
    public GroupCommitWriter(
            Connection connection,
            Lock publishLock,
            Runnable afterGroup,
            Runnable onRollback,
            int maxGroupSize,
            String name,
            ConnectionRenewal renewal,
            Consumer<Connection> onRenewed,
            Task<Void> beforeCommit)
            throws SQLException {
        this.connection = connection;
        this.beforeCommit = beforeCommit;
        this.renewal = renewal;
        this.onRenewed = onRenewed;
        this.publishLock = publishLock;
        this.afterGroup = afterGroup;
        this.onRollback = onRollback;
        this.maxGroupSize = maxGroupSize;
        connection.setAutoCommit(false);
        this.thread = new Thread(this::loop, name);
        // A daemon: a forgotten close() must not keep the JVM alive. Nothing acknowledged is lost when the JVM exits,
        // since a request completes only after its commit.
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a task; the stage completes after its group's commit, or fails with the task's refusal or UNAVAILABLE. */
    public <T> CompletionStage<T> submit(Task<T> task) {
        Request<T> request = new Request<>(task);
        synchronized (queue) {
            if (closing) {
                request.future.completeExceptionally(new QueueError(
                        ErrorCode.UNAVAILABLE,
                        "Máy chủ đang dừng, vui lòng thử lại sau.",
                        "The server is stopping, please try again later."));
                return request.future;
            }
            queue.add(request);
        }
        return request.future;
    }

    /** How many transactions were committed (each may hold many requests). */
    public long transactions() {
        return transactions.get();
    }

    /** How many requests were committed. */
    public long committedRequests() {
        return committedRequests.get();
    }

    /** Whether the caller is the writer thread. */
    public boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    private void loop() {
        List<Request<?>> group = new ArrayList<>(maxGroupSize);
        boolean stop = false;
        while (!stop) {
            try {
                group.add(queue.take());
                queue.drainTo(group, maxGroupSize - 1);
                stop = group.remove(STOP);
                if (!group.isEmpty()) {
                    runGroup(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(group, e);
                return;
            } catch (RuntimeException e) {
                LOG.error("Writer thread: unexpected failure; the group is failed and the writer continues", e);
                failAll(group, e);
            } catch (Error e) {
                LOG.error("Writer thread stops on a fatal error", e);
                failAll(group, e);
                throw e;
            } finally {
                group.clear();
            }
        }
    }

    private void runGroup(List<Request<?>> group) {
        List<Runnable> afterCommit = new ArrayList<>();
        Transaction transaction = new Transaction() {
            @Override
            public Connection connection() {
                return connection;
            }

            @Override
            public void afterCommit(Runnable action) {
                afterCommit.add(action);
            }
        };
        Exception failure = null;
        try {
            for (Request<?> request : group) {
                try {
                    request.run(transaction);
                } catch (QueueError refusal) {
                    // What the task wrote before refusing (e.g. the day rollover that precedes every command) is
                    // committed with the group, so its after-commit actions are kept too.
                    request.refusal = refusal;
                }
            }
            if (beforeCommit != null) {
                beforeCommit.run(transaction);
            }
            connection.commit();
            transactions.incrementAndGet();
            committedRequests.addAndGet(group.size());
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
        publishLock.lock();
        try {
            if (failure == null) {
                for (Runnable action : afterCommit) {
                    runLogged(action, "After-commit action failed (the change itself is committed)");
                }
                runLogged(afterGroup, "Publishing the committed state failed");
            } else {
                rollback(failure);
            }
        } finally {
            publishLock.unlock();
        }
        if (failure != null) {
            failAll(group, failure);
        } else {
            group.forEach(Request::complete);
        }
    }

    private static void runLogged(Runnable action, String message) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.error(message, e);
        }
    }

    private void rollback(Exception cause) {
        LOG.error("Write group failed and was rolled back; state is rebuilt from the database", cause);
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.error("Rollback failed too", e);
        }
        renewIfLost();
        try {
            onRollback.run();
        } catch (RuntimeException e) {
            LOG.error("Rebuilding state after a rollback failed", e);
        }
    }

    /** After a failed group: when the connection is gone, take a new one (or try again after the next failure). */
    private void renewIfLost() {
        if (renewal == null) {
            return;
        }
        boolean valid;
        try {
            valid = connection.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (valid) {
            return;
        }
        Connection fresh;
        try {
            fresh = renewal.renew();
            fresh.setAutoCommit(false);
        } catch (SQLException | RuntimeException e) {
            LOG.error(
                    "Writer: the database connection is lost and cannot be replaced yet ({}); the next group tries"
                            + " again",
                    e.getMessage());
            return;
        }
        Connection lost = connection;
        connection = fresh;
        onRenewed.accept(fresh);
        try {
            lost.close();
        } catch (SQLException e) {
            LOG.debug("Closing the lost writer connection failed: {}", e.getMessage());
        }
        LOG.warn("Writer: the database connection was lost and has been replaced");
    }

    /** The connection the writer uses now (it changes after a renewal); for its owner to close after {@link #close()}. */
    public Connection connection() {
        return connection;
    }

    private static void failAll(List<Request<?>> group, Throwable cause) {
        QueueError error = new QueueError(
                ErrorCode.UNAVAILABLE,
                "Không lưu được thay đổi, không có gì bị thay đổi. Vui lòng thử lại.",
                "The change could not be saved; nothing was changed. Please try again.");
        error.initCause(cause);
        for (Request<?> request : group) {
            request.future.completeExceptionally(error);
        }
    }

    /** Stops taking requests, finishes the queued ones, then stops the thread (the connection is the caller's). */
    @Override
    public void close() {
        synchronized (queue) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(STOP);
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Writer thread did not finish within 30 s");
        }
    }
}
