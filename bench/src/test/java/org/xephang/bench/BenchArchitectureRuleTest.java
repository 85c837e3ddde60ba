package org.xephang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rule that keeps bench out of queue-core's internals does refuse them, and does let the published API through. */
class BenchArchitectureRuleTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("org.xephang.bench.archfixture");

    @Test
    void aBenchClassImportingTheStoreOrTheRoutingFailsTheRuleNamingThem() {
        EvaluationResult result = BenchArchitectureTest.benchReachesNoQueueCoreInternals.evaluate(FIXTURES);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(
                        line -> assertThat(line).contains("ReachesIntoTheStore").contains("QueueStore"))
                .anySatisfy(
                        line -> assertThat(line).contains("ReachesIntoTheStore").contains("WaitingLines"))
                .noneSatisfy(line -> assertThat(line).contains("DrivesThePublishedApi"));
    }
}
