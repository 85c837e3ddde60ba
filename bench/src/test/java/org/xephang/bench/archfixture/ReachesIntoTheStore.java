package org.xephang.bench.archfixture;

import org.xephang.core.persistence.QueueStore;
import org.xephang.core.routing.WaitingLines;

/** A bench class as it must not be: {@code BenchArchitectureRuleTest} checks the rule refuses it. */
final class ReachesIntoTheStore {

    private ReachesIntoTheStore() {}

    static String names() {
        return QueueStore.class.getName() + " " + WaitingLines.class.getName();
    }
}
