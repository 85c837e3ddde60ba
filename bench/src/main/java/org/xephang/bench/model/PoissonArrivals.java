package org.xephang.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Non-homogeneous Poisson arrivals with a piecewise-constant rate: within each segment of a {@link DayProfile} the
 * gaps are exponential at that segment's rate (exact, since the exponential is memoryless at segment borders).
 */
public final class PoissonArrivals {

    private PoissonArrivals() {}

    /**
     * The arrival times of one day, in seconds after midnight, ascending.
     *
     * @param ticketsPerDay the expected number of arrivals over the whole profile
     */
    public static List<Double> day(DayProfile profile, double ticketsPerDay, RandomGenerator random) {
        List<Double> times = new ArrayList<>((int) (ticketsPerDay * 1.1) + 16);
        for (DayProfile.Segment segment : profile.segments()) {
            double rate = segment.rate(ticketsPerDay);
            if (rate <= 0) {
                continue;
            }
            double start = segment.from().toSecondOfDay();
            double end = segment.to().toSecondOfDay();
            double t = start + exponential(rate, random);
            while (t < end) {
                times.add(t);
                t += exponential(rate, random);
            }
        }
        return times;
    }

    /** An exponential sample with the given rate per second. */
    public static double exponential(double rate, RandomGenerator random) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }
}
