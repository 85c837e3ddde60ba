package org.xephang.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArrivalsAndServiceTimesTest {

    @Test
    void morningPeakProfilePutsAQuarterOfTheDayBetweenEightAndNine() {
        DayProfile profile = DayProfile.morningPeak();

        DayProfile.Segment peak = profile.segments().stream()
                .filter(s -> s.from().equals(LocalTime.of(8, 0)))
                .findFirst()
                .orElseThrow();
        assertThat(peak.share()).isEqualTo(0.25);
        assertThat(profile.segments().stream()
                        .mapToDouble(DayProfile.Segment::share)
                        .sum())
                .isCloseTo(1, within(1e-12));
    }

    @Test
    void poissonDayHasTheExpectedCountAndFollowsTheProfile() {
        DayProfile profile = DayProfile.morningPeak();
        List<Double> times = PoissonArrivals.day(profile, 100_000, new SplittableRandom(7));

        // Poisson count: sd = sqrt(100000) ≈ 316, so 1% is a > 3 sd band.
        assertThat(times).hasSizeBetween(99_000, 101_000);
        assertThat(times).isSorted();
        long inPeak = times.stream().filter(t -> t >= 8 * 3600 && t < 9 * 3600).count();
        assertThat(inPeak / (double) times.size()).isCloseTo(0.25, within(0.01));
        assertThat(times.stream().noneMatch(t -> t >= 11.5 * 3600 && t < 13.5 * 3600))
                .as("nobody arrives over lunch")
                .isTrue();
    }

    @Test
    void poissonGapsAreExponentialWithCoefficientOfVariationOne() {
        List<Double> times = PoissonArrivals.day(
                DayProfile.flat(LocalTime.of(0, 0), LocalTime.of(23, 0)), 50_000, new SplittableRandom(3));
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = times.get(i) - times.get(i - 1);
        }

        assertThat(cv(gaps)).isCloseTo(1, within(0.03));
    }

    @Test
    void lognormalSamplesHaveTheRequestedMeanAndVariation() {
        Lognormal service = new Lognormal(300, 0.6);
        SplittableRandom random = new SplittableRandom(11);
        double[] samples = new double[200_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = service.sample(random);
        }

        assertThat(mean(samples)).isCloseTo(300, within(3.0));
        assertThat(cv(samples)).isCloseTo(0.6, within(0.02));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double cv(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1)) / mean;
    }
}
