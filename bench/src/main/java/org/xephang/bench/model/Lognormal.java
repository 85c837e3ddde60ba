package org.xephang.bench.model;

import java.util.random.RandomGenerator;

/** A lognormal distribution given by its mean and coefficient of variation (standard deviation / mean). */
public record Lognormal(double mean, double cv) {

    public Lognormal {
        if (!(mean > 0) || !(cv >= 0)) {
            throw new IllegalArgumentException("need mean > 0 and cv >= 0; got " + mean + ", " + cv);
        }
    }

    /** μ of the underlying normal. */
    public double mu() {
        return Math.log(mean) - sigma() * sigma() / 2;
    }

    /** σ of the underlying normal. */
    public double sigma() {
        return Math.sqrt(Math.log(1 + cv * cv));
    }

    public double sample(RandomGenerator random) {
        return Math.exp(mu() + sigma() * random.nextGaussian());
    }
}
