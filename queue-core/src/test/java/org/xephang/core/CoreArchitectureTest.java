package org.xephang.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** CONTRIBUTING.md's rules for queue-core. */
class CoreArchitectureTest {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xephang.core");

    @Test
    void theDomainIsFreeOfVertx() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.xephang.core.routing..",
                        "org.xephang.core.ticket..",
                        "org.xephang.core.site..",
                        "org.xephang.core.counter..",
                        "org.xephang.core.notify..",
                        "org.xephang.core.appointment..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vertx..")
                .because(
                        "routing, numbering, calendars, counters and notification rules are plain Java tested without Vert.x")
                .check(CORE);
    }

    @Test
    void theDomainDoesNotKnowTheEngineOrTheDatabase() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "org.xephang.core.routing..",
                        "org.xephang.core.ticket..",
                        "org.xephang.core.site..",
                        "org.xephang.core.counter..",
                        "org.xephang.core.notify..",
                        "org.xephang.core.appointment..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.core.engine..", "org.xephang.core.persistence..", "java.sql..")
                .check(CORE);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.xephang.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    /** Only a process entry point ({@code *Main}) owns its standard streams; everything else logs through SLF4J. */
    @Test
    void noCodeWritesToStandardStreams() {
        noClasses()
                .that()
                .haveSimpleNameNotEndingWith("Main")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(CORE);
    }

    @Test
    void noCodeUsesJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(CORE);
    }
}
