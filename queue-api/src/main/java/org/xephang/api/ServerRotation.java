package org.xephang.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Which server of a {@link ServerList} a client uses now, and when it moves on: the client stays on the server that
 * answers; when a request to it fails for want of a server (connection refused or lost, a timeout, HTTP 502, 503 or
 * 504) it tries the next one at once, and only after every server failed in a row it waits (backoff: {@code
 * firstDelay} doubling up to {@code maxDelay}, each wait drawn between its half and its whole so that a site's devices
 * do not come back in step), until the request's {@code budget} is spent. A cluster's standby nodes answer 503 while
 * the failed node's sites move, so a request keeps going round the nodes until one serves it.
 *
 * <p>Which failures may be retried is the caller's decision ({@link Failure}): a request that never reached a server
 * may be sent again whatever it does; one that may have had an effect (its answer lost, or 502/503/504) only when it
 * is safe to repeat: a read, the sign-in, or a command carrying its idempotency key.
 *
 * <p>Plain Java, time from the injected {@link Clock}; thread-safe (the current server is shared by every request of a
 * client, each request has its own {@link Attempts}).
 */
public final class ServerRotation {

    /** Why an attempt failed, as far as retrying is concerned. */
    public enum Failure {
        /**
         * The request had no effect: it reached no server (connection refused, unknown host), or a cluster node refused
         * it before anything ran (503 marked {@code X-Xephang-Not-Applied}: its site had no owner or was moving).
         */
        NOT_APPLIED,
        /**
         * The request may have been applied: its answer was lost (timeout, connection closed) or a server answered 502,
         * 503 or 504 (a node forwarding to the site's owner answers 503 also when the owner's answer was lost).
         */
        IN_DOUBT
    }

    /**
     * How long and how often one request is retried.
     *
     * @param firstDelay the wait after the first round of servers failed
     * @param maxDelay the longest wait between rounds
     * @param budget how long after its first attempt a request may still be retried; zero sends each request once
     *     (to the current server), as a client of one server did before lists
     */
    public record Settings(Duration firstDelay, Duration maxDelay, Duration budget) {
        public Settings {
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(budget, "budget");
            if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || budget.isNegative()) {
                throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay and budget >= 0, got " + firstDelay
                        + ", " + maxDelay + ", " + budget);
            }
        }

        /**
         * The default: 0.25 s doubling up to 4 s, for 20 s (a cluster's takeover takes up to 7 s) when there are
         * several servers; with one server each request is sent once, as before.
         */
        public static Settings defaults(int servers) {
            return new Settings(
                    Duration.ofMillis(250),
                    Duration.ofSeconds(4),
                    servers > 1 ? Duration.ofSeconds(20) : Duration.ZERO);
        }

        public Settings withBudget(Duration newBudget) {
            return new Settings(firstDelay, maxDelay, newBudget);
        }
    }

    private final ServerList servers;
    private final Settings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final AtomicInteger current = new AtomicInteger();

    public ServerRotation(ServerList servers, Settings settings, Clock clock, RandomGenerator random) {
        this.servers = Objects.requireNonNull(servers, "servers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public ServerList servers() {
        return servers;
    }

    public Settings settings() {
        return settings;
    }

    /** The same servers and clock with other settings; starts at the server in use now. */
    public ServerRotation with(Settings newSettings) {
        ServerRotation copy = new ServerRotation(servers, newSettings, clock, random);
        copy.current.set(current.get());
        return copy;
    }

    /** The server to send the next request to. */
    public URI current() {
        return servers.urls().get(Math.floorMod(current.get(), servers.size()));
    }

    /**
     * {@code server} failed to serve a request: later requests go to the next server, unless another request already
     * moved on from it.
     */
    public void failed(URI server) {
        int index = current.get();
        if (servers.urls().get(Math.floorMod(index, servers.size())).equals(server)) {
            current.compareAndSet(index, index + 1);
        }
    }

    /** The attempts of one request, starting now. */
    public Attempts attempts(boolean repeatable) {
        return new Attempts(clock.instant(), repeatable);
    }

    /** One request's attempts: after each failure, whether and when to try again (on {@link #current()}). */
    public final class Attempts {
        private final Instant started;
        private final boolean repeatable;
        private int failures;

        private Attempts(Instant started, boolean repeatable) {
            this.started = started;
            this.repeatable = repeatable;
        }

        /**
         * The attempt sent to {@code server} failed: moves the client on, and tells how long to wait before the next
         * attempt, or empty when the request must fail now (not safe to repeat, or the budget is spent).
         */
        public Optional<Duration> failed(URI server, Failure failure) {
            ServerRotation.this.failed(server);
            failures++;
            if (settings.budget().isZero() || (failure == Failure.IN_DOUBT && !repeatable)) {
                return Optional.empty();
            }
            Duration delay = Duration.ZERO;
            if (failures % servers.size() == 0) {
                int round = failures / servers.size();
                long full = settings.firstDelay().toMillis() << Math.min(round - 1, 20);
                full = Math.min(full, settings.maxDelay().toMillis());
                long half = full / 2;
                delay = Duration.ofMillis(half + (full - half == 0 ? 0 : random.nextLong(full - half + 1)));
            }
            Instant next = clock.instant().plus(delay);
            if (next.isAfter(started.plus(settings.budget()))) {
                return Optional.empty();
            }
            return Optional.of(delay);
        }

        /** How many attempts failed so far. */
        public int failures() {
            return failures;
        }
    }
}
