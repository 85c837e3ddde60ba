package org.xephang.kiosk;

import org.xephang.testkit.AgentArchitectureRules;

/** CONTRIBUTING.md's rules for the kiosk module: the agents' shared rules, nothing of its own yet. */
class KioskArchitectureTest extends AgentArchitectureRules {

    KioskArchitectureTest() {
        super("org.xephang.kiosk");
    }
}
