package org.xephang.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.xephang.testkit.AgentArchitectureRules;

/** The agents' shared rules for the agent kit, and one of its own: it knows no agent. */
class AgentKitArchitectureTest extends AgentArchitectureRules {

    AgentKitArchitectureTest() {
        super("org.xephang.agent");
    }

    @Test
    void theKitKnowsNoAgent() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.kiosk..", "org.xephang.counter..", "org.xephang.board..")
                .because("the agents are built on the kit, not the other way round")
                .check(main());
    }
}
