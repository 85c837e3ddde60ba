package org.xephang.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * CONTRIBUTING.md's rules for every agent module (agent-kit, kiosk, counter-client, display-board), written once. A
 * module's architecture test extends this class, names its package, and adds only the rules of its own:
 *
 * <pre>{@code
 * class KioskArchitectureTest extends AgentArchitectureRules {
 *     KioskArchitectureTest() { super("org.xephang.kiosk"); }
 * }
 * }</pre>
 */
public abstract class AgentArchitectureRules {

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private final String rootPackage;

    protected AgentArchitectureRules(String rootPackage) {
        this.rootPackage = rootPackage;
    }

    /** The module's production classes (no tests, no jars), imported once per package. */
    protected final JavaClasses main() {
        return IMPORTED.computeIfAbsent(
                rootPackage,
                p -> new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages(p));
    }

    @Test
    void onlyTheQueueApiIsUsedToReachTheServer() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.xephang.core..")
                .because("an agent is a client of the queue server (docs/architecture.md §2)")
                .check(main());
    }

    @Test
    void devicesAreReachedThroughTheirPublicInterfacesNotTheirSimulatorsOrInternals() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.xephang.device..sim..", "org.xephang.device..internal..")
                .because("a real site runs the same code with real devices; simulators are chosen by URI")
                .check(main());
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
                .check(main());
    }

    @Test
    void noCodeWritesToStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(main());
    }

    @Test
    void loggingGoesThroughSlf4jNotJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main());
    }
}
