package org.xephang.board;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** CONTRIBUTING.md's rules for display-board. */
class BoardArchitectureTest {

    static final JavaClasses BOARD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xephang.board");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.xephang.board.(**)").should().beFreeOfCycles().check(BOARD);
    }

    @Test
    void theLedFeatureDoesNotKnowThePageOrTheAgent() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.board.led..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.board", "io.vertx.ext.web..")
                .check(BOARD);
    }

    @Test
    void theVoiceFeatureIsPlainJava() {
        noClasses()
                .that()
                .resideInAPackage("org.xephang.board.voice..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vertx..")
                .check(BOARD);
    }

    @Test
    void onlyTheQueueApiIsUsedToReachTheServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.core..")
                .because("a board is a client of the queue server (docs/architecture.md §2)")
                .check(BOARD);
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
                .check(BOARD);
    }

    @Test
    void noCodeWritesToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(BOARD);
    }
}
