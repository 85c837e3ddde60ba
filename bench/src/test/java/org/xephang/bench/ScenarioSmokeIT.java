package org.xephang.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every scenario with {@code --smoke} (seconds each) so CI keeps them working: each must exit 0 and write its
 * figures. No timing is asserted; the correctness checks (duplicates, lost tickets, FCFS, deliveries) are.
 */
class ScenarioSmokeIT {

    @TempDir
    Path out;

    private JsonObject smoke(String scenario, String... extra) throws IOException {
        StringWriter printed = new StringWriter();
        StringWriter errors = new StringWriter();
        String[] args = new String[3 + extra.length + 2];
        args[0] = scenario;
        args[1] = "--smoke";
        args[2] = "--out=" + out;
        System.arraycopy(extra, 0, args, 3, extra.length);
        args[args.length - 2] = "--work";
        args[args.length - 1] = out.resolve(scenario).toString();

        int code = BenchMain.run(args, new PrintWriter(printed), new PrintWriter(errors));

        assertThat(code)
                .as("exit code; printed:%n%s%nerrors:%n%s", printed, errors)
                .isZero();
        Path json = out.resolve(scenario + ".json");
        assertThat(json).exists();
        JsonObject report = new JsonObject(Files.readString(json));
        assertThat(report.getBoolean("smoke")).isTrue();
        assertThat(report.getJsonObject("machine").getInteger("cores")).isPositive();
        return report.getJsonObject("figures");
    }

    @Test
    void issueSmokeMeasuresEachKioskCountAndFindsNoDuplicatesAndNoErrors() throws IOException {
        JsonObject figures = smoke("issue");

        assertThat(figures.getJsonArray("runs")).hasSize(2);
        JsonObject first = figures.getJsonArray("runs").getJsonObject(0);
        assertThat(first.getLong("issuesPerSecond")).isPositive();
        assertThat(first.getJsonObject("latency").getLong("count")).isPositive();
        assertThat(first.getLong("heldTicketsAtStart"))
                .as("tickets held when the first level began")
                .isZero();
        assertThat(figures.getJsonArray("runs").getJsonObject(1).getLong("heldTicketsAtStart"))
                .as("tickets held when the second level began: the first level's, all still waiting")
                .isPositive();
        for (int i = 0; i < figures.getJsonArray("runs").size(); i++) {
            JsonObject run = figures.getJsonArray("runs").getJsonObject(i);
            assertThat(run.getJsonObject("errors"))
                    .as("errors at N=%d", run.getInteger("kiosks"))
                    .isEqualTo(new JsonObject());
        }
        assertThat(figures.getJsonObject("failedRequests").getLong("count")).isZero();
        JsonObject duplicates = figures.getJsonObject("duplicateCheck");
        assertThat(duplicates.getInteger("acknowledged")).isPositive();
        assertThat(duplicates.getInteger("duplicateIds")).isZero();
        assertThat(duplicates.getInteger("duplicateNumbers")).isZero();
    }

    @Test
    void crashSmokeKillsTheServerAndLosesNothingAcknowledged() throws IOException {
        JsonObject figures = smoke("crash");

        assertThat(figures.getInteger("kills")).isEqualTo(3);
        JsonObject check = figures.getJsonObject("crashCheck");
        assertThat(check.getInteger("checkedTickets")).isPositive();
        assertThat(check.getInteger("lost")).isZero();
        assertThat(check.getInteger("duplicates")).isZero();
        assertThat(check.getInteger("doubleCalls")).isZero();
        JsonObject outbox = figures.getJsonObject("outboxCheck");
        assertThat(outbox.getBoolean("checked")).isTrue();
        assertThat(outbox.getInteger("problems")).isZero();
        JsonObject offline = figures.getJsonObject("offlineKioskCheck");
        assertThat(offline.getInteger("issued")).isPositive();
        assertThat(offline.getInteger("lost")).isZero();
        assertThat(offline.getInteger("duplicates")).isZero();
    }

    @Test
    @org.junit.jupiter.api.Timeout(240)
    void failoverSmokeKillsOwningNodesOfAPostgresqlClusterAndLosesNothingAcknowledged() throws IOException {
        if (!org.xephang.bench.failover.FailoverScenario.postgresqlAvailable()) {
            String message = "bench failover needs XEPHANG_TEST_POSTGRES_URL or the PostgreSQL server binaries"
                    + " (/usr/lib/postgresql/N/bin, Debian package postgresql)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }

        JsonObject figures = smoke("failover");

        assertThat(figures.getInteger("kills")).isEqualTo(2);
        JsonObject check = figures.getJsonObject("crashCheck");
        assertThat(check.getInteger("checkedTickets")).isPositive();
        assertThat(check.getInteger("lost")).isZero();
        assertThat(check.getInteger("duplicates")).isZero();
        assertThat(check.getInteger("doubleCalls")).isZero();
        assertThat(figures.getJsonObject("outboxCheck").getInteger("problems")).isZero();
        assertThat(figures.getJsonArray("takeoverMillis"))
                .as("every kill hit a node owning sites")
                .isNotEmpty();
        assertThat(figures.getInteger("takeoverSitesNotServedAgainBeforeTheNextKill"))
                .as("every site of a killed node served again")
                .isZero();
    }

    @Test
    @org.junit.jupiter.api.Timeout(240)
    void issueAndProvinceDaySmokeRunOnPostgresqlWithTheSameChecks() throws IOException {
        if (!org.xephang.bench.failover.FailoverScenario.postgresqlAvailable()) {
            String message = "--store postgresql needs XEPHANG_TEST_POSTGRES_URL or the PostgreSQL server binaries"
                    + " (/usr/lib/postgresql/N/bin, Debian package postgresql)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: " + message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }

        JsonObject issue = smoke("issue", "--store=postgresql");
        for (int i = 0; i < issue.getJsonArray("runs").size(); i++) {
            JsonObject run = issue.getJsonArray("runs").getJsonObject(i);
            assertThat(run.getLong("issuesPerSecond")).isPositive();
            assertThat(run.getJsonObject("errors")).isEqualTo(new JsonObject());
        }
        assertThat(issue.getJsonObject("failedRequests").getLong("count")).isZero();
        assertThat(issue.getJsonObject("duplicateCheck").getInteger("duplicateNumbers"))
                .isZero();

        JsonObject day = smoke("province-day", "--store=postgresql");
        assertThat(day.getLong("tickets")).isPositive();
        assertThat(day.getJsonObject("fcfsViolations").getLong("count")).isZero();
        assertThat(day.getLong("unservedAtClose")).isZero();
    }

    @Test
    void provinceDaySmokeServesEveryTicketInFcfsOrderAndComparesWithErlangC() throws IOException {
        JsonObject figures = smoke("province-day");

        assertThat(figures.getLong("tickets")).isPositive();
        assertThat(figures.getJsonObject("fcfsViolations").getLong("count")).isZero();
        assertThat(figures.getLong("unservedAtClose")).isZero();
        assertThat(figures.getLong("events")).isGreaterThanOrEqualTo(figures.getLong("tickets") * 4);
        assertThat(figures.getJsonArray("waitsBySegment")).hasSize(4);
        assertThat(figures.getJsonObject("printedEstimate").getLong("tickets")).isPositive();
    }

    @Test
    void callLatencySmokeDeliversEveryCallToEverySubscriber() throws IOException {
        JsonObject figures = smoke("call-latency");

        JsonObject deliveries = figures.getJsonObject("deliveries");
        assertThat(deliveries.getLong("expected")).isPositive();
        assertThat(deliveries.getLong("received")).isEqualTo(deliveries.getLong("expected"));
        assertThat(figures.getJsonObject("callToEvent").getLong("count")).isEqualTo(deliveries.getLong("received"));
        assertThat(figures.getJsonObject("serverResidentMiB").getLong("connected"))
                .isPositive();
    }

    @Test
    void printSmokeEncodesTheSampleTicketForEveryProfileAndMode() throws IOException {
        JsonObject figures = smoke("print");

        assertThat(figures.getJsonArray("sampleTicket")).isNotEmpty();
        JsonObject first = figures.getJsonArray("sampleTicket").getJsonObject(0);
        assertThat(first.getInteger("bytes")).isPositive();
        assertThat(first.getJsonObject("serialTransferSecondsByBaud").getDouble("9600"))
                .isGreaterThan(
                        first.getJsonObject("serialTransferSecondsByBaud").getDouble("115200"));
    }

    @Test
    void jmhSmokeRunsEveryMicrobenchmarkOnce() throws IOException {
        StringWriter printed = new StringWriter();
        int code = BenchMain.run(
                new String[] {"jmh", "--smoke", "--out=" + out}, new PrintWriter(printed), new PrintWriter(printed));

        assertThat(code).as(printed.toString()).isZero();
        assertThat(new JsonArray(Files.readString(out.resolve("jmh.json")))).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void startupSmokeMeasuresTimeToReadyAndIdleMemory() throws IOException {
        JsonObject figures = smoke("startup");

        assertThat(figures.getLong("startupMillisMedian")).isPositive();
        assertThat(figures.getLong("idleResidentMiBMedian")).isPositive();
    }
}
