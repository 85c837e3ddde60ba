package org.xephang.bench.model;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * How a day's arrivals spread over the opening hours: piecewise-constant shares per segment. The default follows
 * docs/domain-vn.md §6: open 07:30–11:30 and 13:30–17:00, a quarter of the day's tickets in the morning peak hour
 * (08:00–09:00), the rest spread evenly over the other opening hours.
 */
public record DayProfile(List<Segment> segments) {

    /** A time span of the day with the share of the day's arrivals that fall in it. */
    public record Segment(LocalTime from, LocalTime to, double share) {
        public Segment {
            if (!to.isAfter(from) || !(share >= 0)) {
                throw new IllegalArgumentException("bad segment " + from + "–" + to + " share " + share);
            }
        }

        public double seconds() {
            return Duration.between(from, to).toSeconds();
        }

        /** Arrival rate per second in this segment for a day of {@code ticketsPerDay}. */
        public double rate(double ticketsPerDay) {
            return ticketsPerDay * share / seconds();
        }
    }

    public DayProfile {
        segments = List.copyOf(segments);
        double total = segments.stream().mapToDouble(Segment::share).sum();
        if (Math.abs(total - 1) > 1e-9) {
            throw new IllegalArgumentException("segment shares must add up to 1, not " + total);
        }
        for (int i = 1; i < segments.size(); i++) {
            if (segments.get(i).from().isBefore(segments.get(i - 1).to())) {
                throw new IllegalArgumentException(
                        "segments overlap at " + segments.get(i).from());
            }
        }
    }

    public static DayProfile morningPeak() {
        double peak = 0.25;
        LocalTime open = LocalTime.of(7, 30);
        LocalTime peakFrom = LocalTime.of(8, 0);
        LocalTime peakTo = LocalTime.of(9, 0);
        LocalTime lunch = LocalTime.of(11, 30);
        LocalTime afternoon = LocalTime.of(13, 30);
        LocalTime close = LocalTime.of(17, 0);
        double offPeakSeconds = Duration.between(open, peakFrom).toSeconds()
                + Duration.between(peakTo, lunch).toSeconds()
                + Duration.between(afternoon, close).toSeconds();
        double perSecond = (1 - peak) / offPeakSeconds;
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(
                open, peakFrom, perSecond * Duration.between(open, peakFrom).toSeconds()));
        segments.add(new Segment(peakFrom, peakTo, peak));
        segments.add(new Segment(
                peakTo, lunch, perSecond * Duration.between(peakTo, lunch).toSeconds()));
        double lastShare = 1 - segments.stream().mapToDouble(Segment::share).sum();
        segments.add(new Segment(afternoon, close, lastShare));
        return new DayProfile(segments);
    }

    /** The constant profile over one span, for model checks in steady state. */
    public static DayProfile flat(LocalTime from, LocalTime to) {
        return new DayProfile(List.of(new Segment(from, to, 1)));
    }
}
