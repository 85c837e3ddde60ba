package org.xephang.core.backend;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** How the dossier back-end's parts may depend on each other. */
class BackendArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xephang.core");

    @Test
    void lookupAndForwardingAreIndependentOfEachOther() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.core.backend.lookup..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.xephang.core.backend.forward..",
                        "org.xephang.dossiersim..",
                        "org.xephang.core.persistence..",
                        "org.xephang.core.engine..")
                .because("a lookup only talks HTTP to the dossier system and knows nothing of the outbox")
                .check(CORE);
        noClasses()
                .that()
                .resideInAPackage("org.xephang.core.backend.forward..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.core.backend.lookup..", "org.xephang.dossiersim..")
                .check(CORE);
    }

    @Test
    void theSimulatorIsUsedByNoServerCode() {
        noClasses()
                .that()
                .resideOutsideOfPackage("org.xephang.dossiersim..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.dossiersim..")
                .because("the simulated dossier system is a separate product the demo and tests start")
                .check(CORE);
    }

    @Test
    void backendPartsHaveNoCycles() {
        slices().matching("org.xephang.core.backend.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CORE);
    }

    @Test
    void jdbcIsLeftToThePersistenceLayer() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.core.backend..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("java.sql..")
                .because("outbox reads go through org.xephang.core.persistence.Outbox on a worker")
                .check(CORE);
    }
}
