package org.xephang.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows password guessing with growing delays, never with a lockout an attacker can cause from elsewhere. Two
 * counters are kept: one per client address and account (after {@link #FREE_FAILURES_PER_ACCOUNT} wrong passwords
 * that address waits {@link #FIRST_DELAY}, then twice as long after each further one, up to {@link #MAX_DELAY}), and
 * one per client address over every username (after {@link #FREE_FAILURES_PER_CLIENT}, so made-up usernames cost the
 * guesser too). The owner of an account signing in from another address is never delayed by a guesser.
 *
 * <p>{@link #tryAttempt} checks and records in one step: an admitted attempt counts as a failure at once (so 40
 * parallel guesses cannot all pass the check before the first is recorded) and {@link Attempt#succeeded()} takes it
 * back. Failures are forgotten {@link #FORGET_AFTER} after the last one. Thread-safe.
 */
final class LoginThrottle {

    static final int FREE_FAILURES_PER_ACCOUNT = 5;
    static final int FREE_FAILURES_PER_CLIENT = 20;
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** Usernames are cut to this many characters for the key, so a long made-up name costs no more memory. */
    private static final int MAX_KEY_LENGTH = 64;

    private static final int MAX_TRACKED = 20_000;

    private final Clock clock;
    private final Map<String, Failures> perAccount = new HashMap<>();
    private final Map<String, Failures> perClient = new HashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant notBefore;

        void record(Instant now, int free) {
            count++;
            last = now;
            notBefore = count >= free ? now.plus(delay(count - free)) : null;
        }

        void undo(int free) {
            count = Math.max(0, count - 1);
            notBefore = count >= free ? last.plus(delay(count - free)) : null;
        }

        boolean forgotten(Instant now) {
            return last.plus(FORGET_AFTER).isBefore(now) && (notBefore == null || notBefore.isBefore(now));
        }
    }

    /** {@link #FIRST_DELAY} doubled {@code extra} times, at most {@link #MAX_DELAY}. */
    static Duration delay(int extra) {
        long seconds = FIRST_DELAY.toSeconds() << Math.min(extra, 16);
        return seconds >= MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
    }

    /** The outcome of {@link #tryAttempt}: either a wait, or an admitted attempt to settle once the hash is checked. */
    interface Attempt {
        /** How long this client must wait before trying again; empty when the attempt was admitted. */
        Optional<Duration> waitBeforeTrying();

        /** The password was right: the attempt no longer counts, and the account's failures from that address go. */
        void succeeded();
    }

    /**
     * Checks and records an attempt of {@code client} (its address) on {@code username} in one step. An admitted
     * attempt already counts as a failure; call {@link Attempt#succeeded()} when the password was right.
     */
    synchronized Attempt tryAttempt(String client, String username) {
        Instant now = clock.instant();
        forgetOld(now);
        String accountKey = client + "\n" + key(username);
        Failures account = current(perAccount, accountKey, now);
        Failures address = current(perClient, client, now);
        Instant until = latest(account, address, now);
        if (until != null) {
            Duration wait = Duration.between(now, until);
            return new Attempt() {
                @Override
                public Optional<Duration> waitBeforeTrying() {
                    return Optional.of(wait);
                }

                @Override
                public void succeeded() {
                    throw new IllegalStateException("a refused attempt cannot succeed");
                }
            };
        }
        Failures accountFailures = perAccount.computeIfAbsent(accountKey, k -> new Failures());
        Failures clientFailures = perClient.computeIfAbsent(client, k -> new Failures());
        accountFailures.record(now, FREE_FAILURES_PER_ACCOUNT);
        clientFailures.record(now, FREE_FAILURES_PER_CLIENT);
        return new Attempt() {
            @Override
            public Optional<Duration> waitBeforeTrying() {
                return Optional.empty();
            }

            @Override
            public void succeeded() {
                synchronized (LoginThrottle.this) {
                    perAccount.remove(accountKey);
                    clientFailures.undo(FREE_FAILURES_PER_CLIENT);
                }
            }
        };
    }

    /** The failures under {@code key}, or null when there are none or they were forgotten. */
    private static Failures current(Map<String, Failures> failures, String key, Instant now) {
        Failures found = failures.get(key);
        if (found != null && found.forgotten(now)) {
            failures.remove(key);
            return null;
        }
        return found;
    }

    private static Instant latest(Failures account, Failures address, Instant now) {
        Instant until = null;
        for (Failures failures : new Failures[] {account, address}) {
            if (failures != null && failures.notBefore != null && now.isBefore(failures.notBefore)) {
                until = until == null || failures.notBefore.isAfter(until) ? failures.notBefore : until;
            }
        }
        return until;
    }

    private void forgetOld(Instant now) {
        if (perAccount.size() + perClient.size() <= MAX_TRACKED) {
            return;
        }
        perAccount.values().removeIf(f -> f.forgotten(now));
        perClient.values().removeIf(f -> f.forgotten(now));
        if (perAccount.size() > MAX_TRACKED / 2) {
            // Many addresses guessing many names: keep the per-address counters, which bound each guesser.
            perAccount.clear();
        }
    }

    private static String key(String username) {
        String lower = username.toLowerCase(Locale.ROOT);
        return lower.length() > MAX_KEY_LENGTH ? lower.substring(0, MAX_KEY_LENGTH) : lower;
    }
}
