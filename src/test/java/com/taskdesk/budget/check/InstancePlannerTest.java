package com.taskdesk.budget.check;

import static com.taskdesk.budget.SampleProject.DEV_BUDGET;
import static com.taskdesk.budget.SampleProject.FUNCTIONS;
import static com.taskdesk.budget.SampleProject.PROD_BUDGET;
import static com.taskdesk.budget.SampleProject.PROD_MAX_CONNECTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan proposes the largest maxInstances per function that still fits the database (of {@link SampleProject}). */
class InstancePlannerTest {

    private static InstancePlanner.Plan plan(
            ProjectCopy copy, String stage, Integer max, Integer reserved, Map<String, Double> weights) {
        BudgetConfig config = copy.config();
        return InstancePlanner.plan(config, config.stage(stage), max, reserved, weights);
    }

    /** Writes the proposal into the stage's file, as an engineer would. */
    private static void apply(ProjectCopy copy, InstancePlanner.Plan plan) {
        for (InstancePlanner.Proposal proposal : plan.proposals()) {
            copy.set(
                    "config/" + plan.stage().name() + ".yaml",
                    "functions." + proposal.function().name() + ".maxInstances",
                    proposal.maxInstances());
        }
    }

    @Test
    void theProposalFitsTheBudgetAndPassesTheCheck(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);
        InstancePlanner.Plan plan = plan(copy, "prod", null, null, Map.of());

        apply(copy, plan);

        assertEquals(List.of(), copy.findings());
        assertEquals(PROD_BUDGET, plan.total(), "the whole budget, each instance costing 1 x 2");
    }

    @Test
    void noFunctionCanTakeOneMoreInstanceThanProposed(@TempDir Path temp) {
        // One more reserved makes the budget odd: a plan in whole instances of 2 connections leaves one over.
        ProjectCopy copy = SampleProject.in(temp);
        InstancePlanner.Plan plan = plan(copy, "prod", PROD_MAX_CONNECTIONS, 41, Map.of());
        apply(copy, plan);
        copy.set("config/databases.yaml", "prod-db.reservedFor.humans.share", 4);
        assertEquals(List.of(), copy.findings());

        for (InstancePlanner.Proposal proposal : plan.proposals()) {
            ProjectCopy more = SampleProject.in(temp.resolve(proposal.function().name()));
            apply(more, plan);
            more.set("config/databases.yaml", "prod-db.reservedFor.humans.share", 4)
                    .set(
                            "config/prod.yaml",
                            "functions." + proposal.function().name() + ".maxInstances",
                            proposal.maxInstances() + 1);
            assertTrue(
                    more.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.OVER_BUDGET),
                    proposal.function().name() + " + 1 should not fit");
        }
    }

    @Test
    void weightsGiveAFunctionAProportionalShare(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);

        InstancePlanner.Plan plan = plan(copy, "prod", null, null, Map.of("agent-progress", 3.0, "health", 0.0));

        assertEquals(1, plan.proposal("health").maxInstances(), "weight 0 keeps one instance");
        int agentProgress = plan.proposal("agent-progress").maxInstances();
        int agents = plan.proposal("agents").maxInstances();
        assertTrue(
                agentProgress >= 3 * agents - 3 && agentProgress <= 3 * agents + 3,
                "agent-progress " + agentProgress + " vs agents " + agents);
        assertEquals(PROD_BUDGET, plan.total());
    }

    @Test
    void aStageOnASharedDatabaseGetsWhatTheOtherStagesLeave(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);

        InstancePlanner.Plan plan = plan(copy, "staging", null, null, Map.of());

        assertEquals(2 * FUNCTIONS, plan.otherStages(), "dev holds every function x 1 x 2");
        assertEquals(DEV_BUDGET - 2 * FUNCTIONS, plan.available());
        assertEquals(DEV_BUDGET - 2 * FUNCTIONS, plan.total());
        apply(copy, plan);
        assertEquals(List.of(), copy.findings());
    }

    @Test
    void whatIfLimitsComeFromTheCommandLine(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);

        InstancePlanner.Plan plan = plan(copy, "prod", 200, 50, Map.of());

        assertEquals(150, plan.total());
        assertEquals(
                75,
                plan.proposals().stream()
                        .mapToInt(InstancePlanner.Proposal::maxInstances)
                        .sum());
    }

    @Test
    void behindAPoolerTheServerPoolBoundsStatementsInFlight(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.empty(temp)
                .stage(
                        "pooled",
                        "p",
                        100,
                        40,
                        2,
                        "{kind: pgbouncer, serverConnections: 30, maxClientConnections: 1000}",
                        1,
                        ProjectCopy.each(1));

        InstancePlanner.Plan plan = plan(copy, "pooled", null, null, Map.of());

        assertEquals(
                29,
                plan.proposals().stream()
                        .mapToInt(InstancePlanner.Proposal::maxInstances)
                        .sum(),
                "29 in flight, one of PgBouncer's 30 kept free; the overlap only costs client connections");
        apply(copy, plan);
        assertEquals(List.of(), copy.findings());
    }

    @Test
    void aBudgetTooSmallForOneInstanceEachIsRefusedWithTheNumbers(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);
        int oneEach = 2 * FUNCTIONS; // one instance of each function, x 2 for the overlap
        int budget = oneEach - 1;

        ProjectCopy.ToolRun run = copy.run(
                "plan", "--stage", "prod", "--max-connections", Integer.toString(10 + budget), "--reserved", "10");

        assertEquals(1, run.exitCode());
        assertEquals(1, run.errors().size(), run.err());
        assertTrue(
                run.errors().get(0).contains(Integer.toString(oneEach))
                        && run.errors().get(0).contains(Integer.toString(budget)),
                run.err());
    }

    @Test
    void theCommandAnswersHowManyConcurrentRequestsEachEndpointTakes(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp);

        ProjectCopy.ToolRun run =
                copy.run("plan", "--stage", "prod", "--weight", "agents=2,metrics=0.5", "--weight", "health=0");

        assertEquals(0, run.exitCode(), run.err());
        InstancePlanner.Plan plan =
                plan(copy, "prod", null, null, Map.of("agents", 2.0, "metrics", 0.5, "health", 0.0));
        for (InstancePlanner.Proposal proposal : plan.proposals()) {
            assertTrue(
                    run.out()
                            .contains("    " + proposal.function().name() + ": " + proposal.maxInstances() + " ("
                                    + proposal.maxInstances() + " instance(s) x 1 request(s) each)"),
                    run.out());
        }
        assertTrue(run.out().contains(PROD_BUDGET + " of " + PROD_BUDGET), run.out());
    }

    @Test
    void onManagedInstancesEachEnvironmentCostsItsPoolAndPlanSaysWhatQueues(@TempDir Path temp) {
        // agents: 32 requests per environment on 4 connections; each environment costs 4 x 2 of the budget.
        ProjectCopy copy = SampleProject.in(temp)
                .set(
                        "config/prod.yaml",
                        "functions.agents",
                        Map.of(
                                "maxInstances",
                                1,
                                "connectionLimit",
                                4,
                                "memoryMb",
                                2048,
                                "lambdaManagedInstances",
                                Map.of("perExecutionEnvironmentMaxConcurrency", 32)));

        InstancePlanner.Plan plan = plan(copy, "prod", null, null, Map.of());
        ProjectCopy.ToolRun run = copy.run("plan", "--stage", "prod");

        InstancePlanner.Proposal agents = plan.proposal("agents");
        assertEquals(4, agents.connectionLimit(), "config/'s pool cap, not one connection per request");
        assertEquals(agents.maxInstances() * 4 * 2, agents.connections());
        assertTrue(plan.total() <= PROD_BUDGET && plan.total() > PROD_BUDGET - 8, plan.total() + " of " + PROD_BUDGET);
        apply(copy, plan);
        assertEquals(
                List.of(Finding.Kind.POOL_QUEUE),
                copy.findings().stream().map(Finding::kind).toList(),
                "the proposal fits; only the queue is reported");
        assertTrue(
                run.out()
                        .contains("    agents: " + agents.maxInstances() * 32 + " (" + agents.maxInstances()
                                + " environment(s) x 32 request(s) each); of each environment's 32, 28 queue on its pool of 4 for at most"
                                + " poolTimeoutSeconds 2 (then 503)"),
                run.out());
    }
}
