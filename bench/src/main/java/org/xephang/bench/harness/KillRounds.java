package org.xephang.bench.harness;

import org.xephang.bench.report.BenchReport;
import picocli.CommandLine.Option;

/**
 * The options of a harness that SIGKILLs servers under load ({@code bench crash}, {@code bench failover}): how many
 * kills, and the sites and counters of the centre under load. A picocli mixin; each harness makes it with its own
 * defaults ({@code @Mixin KillRounds rounds = new KillRounds(25, 2, 8)}), which the help shows.
 */
public final class KillRounds {

    @Option(names = "--kills", description = "SIGKILLs (default: ${DEFAULT-VALUE}).")
    private int kills;

    @Option(names = "--sites", description = "Sites (default: ${DEFAULT-VALUE}).")
    private int sites;

    @Option(names = "--counters", description = "Counters per site, one officer each (default: ${DEFAULT-VALUE}).")
    private int counters;

    public KillRounds(int kills, int sites, int counters) {
        this.kills = kills;
        this.sites = sites;
        this.counters = counters;
    }

    public int kills() {
        return kills;
    }

    public int sites() {
        return sites;
    }

    public int counters() {
        return counters;
    }

    /** A smoke run (CI): at most these many kills, sites and counters. */
    public void smoke(int maxKills, int maxSites, int maxCounters) {
        kills = Math.min(kills, maxKills);
        sites = Math.min(sites, maxSites);
        counters = Math.min(counters, maxCounters);
    }

    /** The centre under load: these sites and counters, {@code services} fields each. */
    public BenchCentre centre(int services) {
        return new BenchCentre(sites, services, counters, 9999, 10);
    }

    /** Records the run's kills, sites and counters per site among the report's parameters. */
    public void report(BenchReport report) {
        report.parameter("kills", kills);
        report.parameter("sites", sites);
        report.parameter("countersPerSite", counters);
    }
}
