package org.xephang.bench.model;

/**
 * The M/M/c queue (Erlang C): Poisson arrivals at rate λ, exponential service at rate μ per server, c servers, one FCFS
 * queue. Rates are per second. Used to check the simulated waits of {@code province-day} and to explain them.
 *
 * <p>The probability of waiting is computed from the Erlang B recursion, which stays stable for large c.
 */
public record ErlangC(double arrivalRate, double serviceRate, int servers) {

    public ErlangC {
        if (!(arrivalRate >= 0) || !(serviceRate > 0) || servers < 1) {
            throw new IllegalArgumentException("need arrivalRate >= 0, serviceRate > 0, servers >= 1; got "
                    + arrivalRate + ", " + serviceRate + ", " + servers);
        }
    }

    /** Offered load a = λ/μ in Erlangs. */
    public double offeredLoad() {
        return arrivalRate / serviceRate;
    }

    /** Utilisation ρ = a / c; the queue is stable only below 1. */
    public double utilisation() {
        return offeredLoad() / servers;
    }

    public boolean stable() {
        return utilisation() < 1;
    }

    /** Erlang B: the blocking probability of the loss system with the same load and servers. */
    public double erlangB() {
        double a = offeredLoad();
        double b = 1;
        for (int k = 1; k <= servers; k++) {
            b = a * b / (k + a * b);
        }
        return b;
    }

    /** Erlang C: the probability that an arrival has to wait. 1 when the queue is unstable. */
    public double probabilityOfWaiting() {
        if (!stable()) {
            return 1;
        }
        double a = offeredLoad();
        double b = erlangB();
        return servers * b / (servers - a * (1 - b));
    }

    /** Mean time in queue Wq in seconds; infinite when unstable. */
    public double meanWaitSeconds() {
        if (!stable()) {
            return Double.POSITIVE_INFINITY;
        }
        return probabilityOfWaiting() / (servers * serviceRate - arrivalRate);
    }

    /** P(W > t): the probability that the wait in queue exceeds {@code seconds}. */
    public double probabilityWaitExceeds(double seconds) {
        if (!stable()) {
            return 1;
        }
        return probabilityOfWaiting() * Math.exp(-(servers * serviceRate - arrivalRate) * seconds);
    }

    /**
     * The Allen–Cunneen approximation of the mean wait for general service times (M/G/c): the M/M/c wait scaled by
     * (1 + cs²) / 2, where cs is the coefficient of variation of the service time (1 for exponential).
     */
    public double meanWaitSecondsAllenCunneen(double serviceCv) {
        return meanWaitSeconds() * (1 + serviceCv * serviceCv) / 2;
    }
}
