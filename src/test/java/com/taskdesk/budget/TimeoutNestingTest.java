package com.taskdesk.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** poolTimeout + connectTimeout + statementTimeout + margin < functionTimeout <= 30 s. */
class TimeoutNestingTest {

    @Test
    void aChainThatReachesTheFunctionTimeoutFailsNamingTheFunctionAndEachNumber(@TempDir Path temp) {
        // 2 + 3 + 7 + 3 = 15, not below 15.
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.statementTimeoutSeconds", 7);

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertEquals("prod/agents: timeouts do not nest: poolTimeoutSeconds 2 + connectTimeoutSeconds 3"
                + " + statementTimeoutSeconds 7 + timeoutMarginSeconds 3 = 15 s is not below functionTimeoutSeconds 15"
                + " (a request that waits for the pool would be cut off instead of answering 503)",
                findings.get(0).message());
    }

    @Test
    void aChainOneSecondBelowTheFunctionTimeoutNests(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.statementTimeoutSeconds", 6);

        assertEquals(List.of(), BudgetCheck.checkConfig(copy.config()));
    }

    @Test
    void theOriginalAdvicePoolTimeoutOf20OnA10SecondFunctionFails(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.metrics.poolTimeoutSeconds", 20)
                .set("config/prod.yaml", "functions.metrics.functionTimeoutSeconds", 10);

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("prod/metrics: timeouts do not nest: poolTimeoutSeconds 20"),
                findings.get(0).message());
        assertTrue(findings.get(0).message().contains("= 31 s is not below functionTimeoutSeconds 10"));
    }

    @Test
    void aFunctionTimeoutAboveTheHttpApiLimitFails(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.mark-spam.functionTimeoutSeconds", 31);

        List<Finding> findings = BudgetCheck.checkConfig(copy.config());

        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).message().startsWith("prod/mark-spam: functionTimeoutSeconds 31 is above 30 s,"
                + " the HTTP API integration limit"), findings.get(0).message());
    }

    @Test
    void aFunctionTimeoutOfExactly30SecondsIsAllowed(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.mark-spam.functionTimeoutSeconds", 30);

        assertEquals(List.of(), BudgetCheck.checkConfig(copy.config()));
    }

    @Test
    void theCheckTableMarksTheFunctionWhoseTimeoutsDoNotNest(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).set("config/prod.yaml", "functions.agents.statementTimeoutSeconds", 7);
        copy.run("sync");

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod");

        assertEquals(1, run.exitCode());
        String row = run.out().lines().filter(l -> l.startsWith("  agents ") && l.endsWith("NO")).findFirst()
                .orElseThrow(() -> new AssertionError(run.out()));
        assertTrue(row.matches("\\s+agents\\s+2\\s+3\\s+7\\s+3\\s+15\\s+15\\s+NO"), row);
    }
}
