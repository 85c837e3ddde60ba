package org.xephang.counter;

import org.xephang.testkit.AgentArchitectureRules;

/** CONTRIBUTING.md's rules for the counter-client module: the agents' shared rules, nothing of its own yet. */
class CounterArchitectureTest extends AgentArchitectureRules {

    CounterArchitectureTest() {
        super("org.xephang.counter");
    }
}
