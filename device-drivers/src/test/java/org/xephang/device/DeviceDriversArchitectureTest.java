package org.xephang.device;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** CONTRIBUTING.md's rules for device-drivers (main code only). */
@AnalyzeClasses(packages = "org.xephang.device", importOptions = ImportOption.DoNotIncludeTests.class)
class DeviceDriversArchitectureTest {

    @ArchTest
    static final ArchRule driversAreFreeOfVertx = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.vertx..")
            .because("device-drivers is plain Java (docs/architecture.md §2)");

    @ArchTest
    static final ArchRule transportsKnowNoDeviceKind = noClasses()
            .that()
            .resideInAPackage("org.xephang.device.transport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.xephang.device.printer..",
                    "org.xephang.device.led..",
                    "org.xephang.device.scanner..",
                    "org.xephang.device.keypad..",
                    "org.xephang.device.framing..")
            .because("transports move bytes; what they mean belongs to the device (CONTRIBUTING.md)");

    @ArchTest
    static final ArchRule theSpineKnowsNoDeviceKind = noClasses()
            .that()
            .resideInAPackage("org.xephang.device")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.xephang.device.transport..",
                    "org.xephang.device.printer..",
                    "org.xephang.device.led..",
                    "org.xephang.device.scanner..",
                    "org.xephang.device.keypad..",
                    "org.xephang.device.framing..")
            .because("devices are found through DeviceProvider, not named by the spine");

    @ArchTest
    static final ArchRule featuresHaveNoCycles =
            slices().matching("org.xephang.device.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noStandardStreams = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

    @ArchTest
    static final ArchRule noJavaUtilLogging = GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule namesSayWhatThingsAre = noClasses()
            .should()
            .haveSimpleNameEndingWith("Manager")
            .orShould()
            .haveSimpleNameEndingWith("Helper")
            .orShould()
            .haveSimpleNameEndingWith("Util")
            .orShould()
            .haveSimpleNameEndingWith("Utils")
            .because("CONTRIBUTING.md: no Manager, Helper, Util grab-bags");
}
