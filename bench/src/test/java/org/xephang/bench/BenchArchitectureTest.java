package org.xephang.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/** CONTRIBUTING.md rules that apply to the bench module, and what of queue-core it may see. */
@AnalyzeClasses(packages = "org.xephang.bench", importOptions = ImportOption.DoNotIncludeTests.class)
class BenchArchitectureTest {

    @ArchTest
    static final ArchRule printsOnlyThroughTheCommandsWriters = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule scenarioPackagesHaveNoCycles =
            slices().matching("org.xephang.bench.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule namesSayWhatThingsAre = noClasses()
            .should()
            .haveSimpleNameEndingWith("Manager")
            .orShould()
            .haveSimpleNameEndingWith("Helper")
            .orShould()
            .haveSimpleNameEndingWith("Util")
            .orShould()
            .haveSimpleNameEndingWith("Utils");

    /**
     * What of queue-core bench may use: the engine's published API ({@link org.xephang.core.QueueService}, its
     * commands and answers, {@link org.xephang.core.EmbeddedQueue}). Everything else (the engine, the store, the
     * routing, the site configuration…) is queue-core's to change; bench drives it through these, the HTTP API and the
     * launcher, and the microbenchmarks of internals live in queue-core's test tree.
     */
    static final Set<String> PUBLISHED_ENGINE_API = Set.of(
            "org.xephang.core.QueueService",
            "org.xephang.core.EmbeddedQueue",
            "org.xephang.core.Actor",
            "org.xephang.core.IssueCommand",
            "org.xephang.core.IssueResult",
            "org.xephang.core.RatingCommand",
            "org.xephang.core.TransferCommand",
            "org.xephang.core.DeviceStatusReport");

    static final DescribedPredicate<JavaClass> QUEUE_CORE_INTERNALS = DescribedPredicate.describe(
            "queue-core classes outside its published engine API",
            type -> type.getPackageName().startsWith("org.xephang.core")
                    && !PUBLISHED_ENGINE_API.contains(type.getName().replaceFirst("\\$.*", "")));

    @ArchTest
    static final ArchRule benchReachesNoQueueCoreInternals = noClasses()
            .that()
            .resideInAPackage("org.xephang.bench..")
            .should()
            .dependOnClassesThat(QUEUE_CORE_INTERNALS)
            .because("bench measures the server through its public API, the launcher and the published engine API");

    @ArchTest
    static final ArchRule theModelIsPlainJava = noClasses()
            .that()
            .resideInAPackage("org.xephang.bench.model..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.vertx..");
}
