package org.xephang.api.announce;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Announcement building is pure domain code (docs/architecture.md §1.5): plain Java, JSON mapping aside. */
class AnnounceArchitectureTest {

    @Test
    void announcementCodeUsesOnlyTheJdkAndVertxJson() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.vertx.core.json..", "org.xephang.api.announce..")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.xephang.api.announce"));
    }
}
