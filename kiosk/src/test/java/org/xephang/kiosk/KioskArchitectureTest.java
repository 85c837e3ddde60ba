package org.xephang.kiosk;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** CONTRIBUTING.md's rules for the kiosk module. */
class KioskArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.xephang.kiosk");

    @Test
    void onlyTheQueueApiIsUsedToReachTheServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.core..")
                .because("an agent is a client of the queue server (docs/architecture.md §2)")
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
}
