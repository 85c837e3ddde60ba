package org.xephang.device.printer.escpos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.xephang.device.DeviceException;
import org.xephang.device.DeviceTimeoutException;

/**
 * The latest unclaimed answer of each kind from a printer: put by the reader thread, taken by the thread that asked
 * (which holds the status link's I/O lock, so there is one question of each kind at a time).
 *
 * <p>Thread-safe.
 */
final class StatusAnswers {

    /** The reply to {@code DLE EOT n}. */
    static final int REALTIME = 0;
    /** The reply to {@code GS r 1}, sent once everything before it is processed. */
    static final int SEQUENCED = 1;

    private final String id;
    private final BooleanSupplier linkOpen;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final int[] slots = {-1, -1};

    /**
     * @param id the printer, for messages
     * @param linkOpen whether the link is open (waits end early when it is not)
     */
    StatusAnswers(String id, BooleanSupplier linkOpen) {
        this.id = id;
        this.linkOpen = linkOpen;
    }

    void put(int slot, int value) {
        lock.lock();
        try {
            slots[slot] = value;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The answer in {@code slot} (removing it), or -1. */
    int take(int slot) {
        lock.lock();
        try {
            int v = slots[slot];
            slots[slot] = -1;
            return v;
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        take(REALTIME);
        take(SEQUENCED);
    }

    /** Waits for and takes the answer in {@code slot}; -1 on timeout or when the link is lost. */
    int await(int slot, Duration timeout) throws DeviceException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (slots[slot] < 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !linkOpen.getAsBoolean()) {
                    return -1;
                }
                arrived.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            }
            return take(slot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceTimeoutException(id + ": interrupted while waiting for the printer");
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for any answer (without taking it). */
    void awaitAny(long millis) throws DeviceException {
        lock.lock();
        try {
            if (slots[REALTIME] < 0 && slots[SEQUENCED] < 0) {
                arrived.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceTimeoutException(id + ": interrupted while waiting for the printer");
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting thread (the link was lost: they look again). */
    void wake() {
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
