package org.xephang.core.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The HTTP layer and auth reach the queue only through QueueService, never the engine or the database. */
class HttpArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xephang.core");

    @Test
    void httpAndAuthUseTheQueueOnlyThroughQueueService() {
        noClasses()
                .that()
                .resideInAnyPackage("org.xephang.core.http..", "org.xephang.core.auth..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.xephang.core.engine..",
                        "org.xephang.core.persistence..",
                        "org.xephang.core.ticket..",
                        "org.xephang.core.routing..",
                        "java.sql..")
                .because("the API is a client of the one writer (docs/architecture.md §1.1)")
                .check(CORE);
    }

    @Test
    void authDoesNotKnowTheHttpRoutes() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.core.auth..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.core.http..")
                .check(CORE);
    }
}
