package org.xephang.core.testkit;

import java.time.Duration;
import org.xephang.core.backend.DossierConfig;
import org.xephang.core.backend.DossierConfigReader;
import org.xephang.core.backend.lookup.LookupConfig;
import org.xephang.core.site.ConfigException;
import org.xephang.dossiersim.DossierSimulator;

/** Points a server at the simulated dossier system through the {@code dossier:} YAML it offers, as an operator would. */
public final class SimulatorLink {

    private SimulatorLink() {}

    /** Lookups in {@code style} (generic, igate, dvcqg) with this timeout, and forwarding to the simulator's webhook. */
    public static DossierConfig dossierConfig(DossierSimulator simulator, String style, Duration timeout) {
        try {
            return DossierConfigReader.parse(
                    simulator.dossierYaml(style, timeout), "the simulated dossier system", name -> null);
        } catch (ConfigException e) {
            throw new IllegalStateException("the simulator's dossier: section is not valid: " + e.getMessage(), e);
        }
    }

    /** The demo's link: {@code style} lookups with a 4 s timeout and forwarding to the simulator's webhook. */
    public static DossierConfig dossierConfig(DossierSimulator simulator, String style) {
        return dossierConfig(simulator, style, Duration.ofSeconds(4));
    }

    public static LookupConfig lookup(DossierSimulator simulator, String style, Duration timeout) {
        return dossierConfig(simulator, style, timeout).lookup();
    }
}
