package com.taskdesk.budget.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.PageCalls;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two things check counts that the warm path hides: the first request after a SnapStart restore
 * (the restore and a Secrets Manager read before the warm chain) must end before the function's
 * timeout, and a moved route's burst must admit what one page of the app sends it at once.
 */
class TimeoutsAndBurstsTest {

    @TempDir
    Path temp;

    @Test
    void everyShippedFunctionOutlastsTheFirstRequestAfterARestore() {
        BudgetConfig config = ProjectCopy.of(temp).config();
        for (StageConfig stage : config.stages()) {
            for (FunctionBudget function : stage.functions()) {
                int chain = FunctionBudget.RESTORE_SECONDS
                        + FunctionBudget.SECRET_READ_SECONDS
                        + function.poolTimeoutSeconds()
                        + function.connectTimeoutSeconds()
                        + function.statementTimeoutSeconds()
                        + function.timeoutMarginSeconds();
                assertTrue(
                        chain < function.functionTimeoutSeconds(),
                        stage.name() + "/" + function.name() + ": " + chain + " s against "
                                + function.functionTimeoutSeconds());
            }
        }
    }

    @Test
    void aFunctionTimeoutThatHoldsOnlyTheWarmChainFailsCheckNamingEveryPart() {
        // 2 + 2 + 5 + 3 = 12 s warm nests in 15; with the restore (1) and a secret read (5) it is 18.
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "functions.agents.functionTimeoutSeconds", 15)
                .rendered();

        assertEquals(
                List.of(
                        "prod/agents: SnapStart restore 1 + secret read 5 + poolTimeoutSeconds 2 + connectTimeoutSeconds"
                                + " 2 + statementTimeoutSeconds 5 + timeoutMarginSeconds 3 = 18 s is not below"
                                + " functionTimeoutSeconds 15: the first request after a restore could outlast the function;"
                                + " set functionTimeoutSeconds to at least 19"),
                copy.messages(Finding.Kind.TIMEOUTS_DO_NOT_NEST));
        assertEquals(1, copy.run("check", "--stage", "prod").exitCode());
    }

    @Test
    void aMovedRouteWhoseBurstIsBelowWhatOnePageSendsAtOnceFailsCheck() {
        PageCalls holds = PageCalls.all().get(0);
        assertEquals(2, holds.calls().get("holds-queues"));
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "functions.holds-queues.maxInstances", 2)
                .set("config/prod.yaml", "functions.health.maxInstances", 2)
                .rendered();

        assertEquals(
                List.of("prod/holds-queues: throttle burst 1 is below the 2 requests the app's /holds page sends it at"
                        + " once (HoldsOverview's loadData and AssemblyLineQueues' first load, both on mount): the"
                        + " gateway answers the others 429, which no page retries; set maxInstances to at least 3"
                        + " (burst = 80% of the requests its instances serve at once)"),
                copy.messages(Finding.Kind.BURST_BELOW_PAGE));
    }

    @Test
    void aRouteTheFrontDoorDoesNotMoveIsNotHeldToThePagesBurst() {
        ProjectCopy copy = ProjectCopy.of(temp)
                .set("config/prod.yaml", "functions.holds-queues.maxInstances", 2)
                .set("config/prod.yaml", "functions.health.maxInstances", 2)
                .set("config/prod.yaml", "frontDoor.moves", List.of("agents"))
                .rendered();

        assertEquals(List.of(), copy.messages(Finding.Kind.BURST_BELOW_PAGE));
    }

    @Test
    void everyShippedMovedRouteAdmitsWhatOnePageSendsItAtOnce() {
        BudgetConfig config = ProjectCopy.of(temp).config();
        for (StageConfig stage : config.stages()) {
            for (PageCalls page : PageCalls.all()) {
                page.calls()
                        .forEach((function, atOnce) -> assertTrue(
                                stage.function(function).throttle().burst() >= atOnce,
                                stage.name() + "/" + function + " burst "
                                        + stage.function(function).throttle().burst()));
            }
        }
    }
}
