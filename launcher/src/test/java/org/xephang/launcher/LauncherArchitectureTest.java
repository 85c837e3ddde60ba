package org.xephang.launcher;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * CONTRIBUTING.md's rules for the launcher: commands print through picocli's writers (so tests and {@code bench} capture
 * them) and log through SLF4J; only {@link Xephang} is public among the commands; the launcher reaches the bench module
 * by reflection only (bench depends on the launcher); it starts the server through {@code QueueServerMain}, never
 * touching the engine, the database or the HTTP layer of queue-core; no package cycles.
 */
class LauncherArchitectureTest {

    static final JavaClasses LAUNCHER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xephang.launcher");

    @Test
    void noCodeWritesToStandardStreams() {
        noClasses()
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("commands print through spec.commandLine().getOut()/getErr(), which tests and bench redirect")
                .check(LAUNCHER);
    }

    @Test
    void noCodeUsesJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(LAUNCHER);
    }

    @Test
    void onlyTheRootCommandIsPublic() {
        classes()
                .that()
                .areAnnotatedWith(Command.class)
                .and()
                .doNotHaveFullyQualifiedName(Xephang.class.getName())
                .should()
                .notBePublic()
                .because("subcommands are reached through Xephang.commandLine(); package-private wherever possible")
                .check(LAUNCHER);
    }

    @Test
    void theBenchModuleIsReachedByReflectionOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.bench..")
                .because("bench depends on the launcher; a dependency back would make a cycle between the modules")
                .check(LAUNCHER);
    }

    @Test
    void theServerIsStartedThroughQueueServerMainOnly() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.xephang.core.engine..", "org.xephang.core.persistence..", "org.xephang.core.http..")
                .because("xephang server and the demo wire the server exactly as QueueServerMain does")
                .check(LAUNCHER);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.xephang.(**)").should().beFreeOfCycles().check(LAUNCHER);
    }
}
