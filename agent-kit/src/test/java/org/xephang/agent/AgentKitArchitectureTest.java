package org.xephang.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The style rules for the agent kit. */
class AgentKitArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.xephang.agent");

    @Test
    void onlyTheQueueApiIsUsedToReachTheServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.core..")
                .because("an agent is a client of the queue server, never a part of it")
                .check(MAIN);
    }

    @Test
    void devicesAreReachedThroughTheirPublicInterfacesNotTheirSimulatorsOrInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.device..sim..", "org.xephang.device..internal..")
                .because("a real site runs the same code with real devices; simulators are chosen by URI")
                .check(MAIN);
    }

    @Test
    void noGrabBagNames() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .check(MAIN);
    }

    @Test
    void noCodeWritesToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    @Test
    void loggingGoesThroughSlf4jNotJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(MAIN);
    }

    @Test
    void theKitKnowsNoAgent() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.kiosk..", "org.xephang.counter..", "org.xephang.board..")
                .because("the agents are built on the kit, not the other way round")
                .check(MAIN);
    }
}
