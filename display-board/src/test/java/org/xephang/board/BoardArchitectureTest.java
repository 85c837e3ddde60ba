package org.xephang.board;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;
import org.xephang.testkit.AgentArchitectureRules;

/** CONTRIBUTING.md's rules for display-board: the agents' shared rules, and the board's feature packages. */
class BoardArchitectureTest extends AgentArchitectureRules {

    BoardArchitectureTest() {
        super("org.xephang.board");
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.xephang.board.(**)").should().beFreeOfCycles().check(main());
    }

    @Test
    void theLedFeatureDoesNotKnowThePageOrTheAgent() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.board.led..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.board", "io.vertx.ext.web..")
                .check(main());
    }

    @Test
    void theVoiceFeatureIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.board.voice..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vertx..")
                .check(main());
    }
}
