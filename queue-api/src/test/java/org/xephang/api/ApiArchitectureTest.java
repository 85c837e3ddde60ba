package org.xephang.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/**
 * CONTRIBUTING.md's rules for queue-api, the module every other one depends on (docs/architecture.md §2): it depends on no other
 * xephang module; its wire model (records, enums, errors, announcements) knows Vert.x's JSON types only, the transport
 * (HTTP, WebSocket, futures) being the typed client's business; it logs through SLF4J and never writes to standard
 * streams.
 */
class ApiArchitectureTest {

    static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.xephang.api");

    /** The typed client and its event stream, with their nested and anonymous classes. */
    private static final String CLIENT =
            "org\\.xephang\\.api\\.(QueueClient|ApiTransport|FailoverSender|EventStream)(\\$.*)?";

    @Test
    void queueApiDependsOnNoOtherXephangModuleAndOnlyOnTheJdkVertxSlf4jAndZxing() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..",
                        "javax.crypto..",
                        "io.vertx..",
                        "org.slf4j..",
                        "com.google.zxing..",
                        "org.xephang.api..")
                .because(
                        "every module depends on queue-api, so it depends on none of ours (docs/architecture.md §2); javax.crypto"
                                + " signs webhooks; zxing draws the QR codes of QrCodeSvg")
                .check(API);
    }

    @Test
    void theWireModelUsesVertxOnlyForJson() {
        noClasses()
                .that()
                .haveNameNotMatching(CLIENT)
                .should()
                .dependOnClassesThat(resideInAPackage("io.vertx..").and(not(resideInAPackage("io.vertx.core.json.."))))
                .because(
                        "tickets, events, snapshots and errors are plain values with JSON mapping; only the client talks"
                                + " HTTP")
                .check(API);
    }

    @Test
    void onlyTheClientLogs() {
        noClasses()
                .that()
                .haveNameNotMatching(CLIENT)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.slf4j..")
                .because("the wire model reports problems by exceptions, not by logging")
                .check(API);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("org.xephang.(**)").should().beFreeOfCycles().check(API);
    }

    @Test
    void noCodeWritesToStandardStreamsOrUsesJavaUtilLogging() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(API);
        GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(API);
    }
}
