package com.taskdesk.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.db.DatabaseUnavailableException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The game day's invariants on made-up records, one way to break each: they are checks that can
 * fail, not counts. Stage prod's budget from config/; one phase from 0 to 100 s.
 */
class VerdictTest {

    private static final BudgetConfig CONFIG = ConfigFiles.load(Path.of(""));
    private static final StageConfig PROD = CONFIG.stage(GameDay.STAGE);
    private static final Phase PHASE = new Phase("direct", CONFIG, PROD, false, 0, 100_000, 50_000);
    private static final Endpoint AGENTS = Endpoint.forFunction("agents").orElseThrow();
    private static final Endpoint MARK_SPAM =
            Endpoint.forFunction(Ledger.MARK_SPAM.function()).orElseThrow();
    private static final Answer OK = new Answer(200, null, "ok", null);
    private static final Answer UNAVAILABLE =
            new Answer(503, "2", "busy", new DatabaseUnavailableException("the statement timed out", null));

    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<ConnectionSampler.Sample> samples = new ArrayList<>();
    private final List<Faults.Window> faults = new ArrayList<>();
    private final List<AppOverrun.Result> overruns = new ArrayList<>();

    private void answered(Endpoint endpoint, long sentMs, Answer answer) {
        outcomes.add(new Outcome(
                "direct", Call.get(endpoint, Map.of(), Bearer.manager("m"), "test"), 1, sentMs, sentMs + 50, answer));
    }

    private void fault(Faults.Kind kind, long startMs, long endMs) {
        faults.add(new Faults.Window(kind, "direct", startMs, endMs, "test"));
    }

    private Verdict verdict() {
        for (long ms = 0; ms < 100_000; ms += 1_000) {
            samples.add(new ConnectionSampler.Sample(ms, Map.of(PROD.roleName("agents"), 3), 30, false));
        }
        Ledger.Verdict ledger = new Ledger.Verdict(Map.of(), Map.of(), 0, 0, 0, 0, 1, 1, 0, 10, List.of(), List.of());
        return new Verdict(List.of(PHASE), outcomes, samples, faults, overruns, ledger);
    }

    private static List<Verdict.Invariant> broken(Verdict verdict) {
        return verdict.violations().stream().map(Verdict.Violation::invariant).toList();
    }

    @Test
    void aFailureInsideAFaultThatMayFailItHoldsAndItsRecoveryIsTheWaitForTheNext200() {
        fault(Faults.Kind.NETWORK_STALL, 20_000, 30_000);
        answered(AGENTS, 25_000, UNAVAILABLE);
        answered(AGENTS, 31_000, OK);

        Verdict verdict = verdict();

        assertTrue(verdict.holds(), verdict.violations().toString());
        assertEquals(Map.of("agents", 1_050L), verdict.recoveries().get(0).recoveryMs());
    }

    @Test
    void aFailureIsPutDownToTheFaultUnderWayWhenItWasSentNotToOneThatFollowed() {
        fault(Faults.Kind.NETWORK_STALL, 20_000, 30_000);
        fault(Faults.Kind.BACKENDS_TERMINATED, 35_000, 35_000);
        answered(AGENTS, 25_000, UNAVAILABLE); // within reach of both
        answered(AGENTS, 36_000, OK);

        Verdict verdict = verdict();

        assertEquals(Map.of("agents", 1), verdict.recoveries().get(0).failures());
        assertEquals(Map.of(), verdict.recoveries().get(1).failures());
    }

    @Test
    void a503NoFaultExplainsBreaksAnInvariant() {
        fault(Faults.Kind.NETWORK_STALL, 20_000, 30_000);
        answered(AGENTS, 40_000, UNAVAILABLE); // sent 10 s after the stall ended
        answered(AGENTS, 41_000, OK);

        assertEquals(List.of(Verdict.Invariant.EXPLAINED), broken(verdict()));
    }

    @Test
    void theReserveTakenAndAFreezeMayFailNothingAndLockedRowsOnlyTheWrites() {
        fault(Faults.Kind.RESERVE_TAKEN, 10_000, 16_000);
        answered(AGENTS, 12_000, UNAVAILABLE);
        fault(Faults.Kind.ENVIRONMENTS_FROZEN, 30_000, 42_000);
        answered(AGENTS, 42_500, UNAVAILABLE); // a thawed environment handing out a closed connection
        fault(Faults.Kind.ROWS_LOCKED, 60_000, 70_000);
        answered(AGENTS, 65_000, UNAVAILABLE);
        answered(MARK_SPAM, 65_000, UNAVAILABLE);
        answered(AGENTS, 80_000, OK);
        answered(MARK_SPAM, 80_000, OK);

        assertEquals(
                List.of(Verdict.Invariant.EXPLAINED, Verdict.Invariant.EXPLAINED, Verdict.Invariant.EXPLAINED),
                broken(verdict()),
                "the three agents 503s; mark-spam's, under the lock, is explained");
    }

    /** The app's overrun: 600 attempts every 100 ms over 60 s, from 10 s; its share 28. */
    private void overrun(int refused, Map<String, Integer> otherFailures, int peakHeld) {
        AppOverrun.Result result = new AppOverrun.Result(
                "direct", 10_000, 70_000, "taskdesk_app", 28, 600, 0, refused, otherFailures, peakHeld);
        overruns.add(result);
        faults.add(result.window());
    }

    @Test
    void theAppRefusedPastItsShareWithItsRolesErrorHolds() {
        overrun(600, Map.of(), 28);
        answered(AGENTS, 30_000, OK);

        assertTrue(verdict().holds());
    }

    @Test
    void theAppsOverrunExplainsNoFunctionsFailure() {
        overrun(600, Map.of(), 28);
        answered(AGENTS, 30_000, UNAVAILABLE);
        answered(AGENTS, 31_000, OK);

        assertEquals(List.of(Verdict.Invariant.EXPLAINED), broken(verdict()));
    }

    @Test
    void theAppPastItsShareOrRefusedOtherwiseOrNeverRefusedBreaksTheBulkhead() {
        overrun(590, Map.of("53300 sorry, too many clients already", 10), 29);
        overrun(0, Map.of(), 28);

        assertEquals(
                List.of(Verdict.Invariant.BULKHEAD, Verdict.Invariant.BULKHEAD, Verdict.Invariant.BULKHEAD),
                broken(verdict()),
                "refused by the server, not the role; held 29 of 28; never refused");
    }

    @Test
    void a500OrA503WithoutRetryAfterBreaksAnInvariantEvenDuringAFault() {
        fault(Faults.Kind.POSTGRES_RESTART, 20_000, 23_000);
        answered(AGENTS, 21_000, new Answer(500, null, "error id", new IllegalStateException("boom")));
        answered(AGENTS, 21_500, new Answer(503, null, "busy", null));
        answered(AGENTS, 25_000, OK);

        assertEquals(List.of(Verdict.Invariant.NO_500, Verdict.Invariant.ONLY_503_OR_429), broken(verdict()));
    }

    @Test
    void aFunctionThatNeverAnswers200AfterAFaultBreaksAnInvariant() {
        fault(Faults.Kind.NETWORK_STALL, 20_000, 30_000);
        answered(AGENTS, 25_000, UNAVAILABLE);

        assertEquals(List.of(Verdict.Invariant.RECOVERS), broken(verdict()));
    }

    @Test
    void connectionsAboveARolesLimitOrTheBudgetBreakAnInvariant() {
        int agentsLimit = PHASE.roleLimits().get(PROD.roleName("agents"));
        int metricsHeld = PHASE.connectionBudget(); // above its role's limit, and the two together above the budget
        samples.add(new ConnectionSampler.Sample(
                50_000,
                Map.of(PROD.roleName("agents"), agentsLimit + 1, PROD.roleName("metrics"), metricsHeld),
                30,
                false));

        Verdict verdict = verdict();

        assertEquals(
                List.of(Verdict.Invariant.CONNECTIONS, Verdict.Invariant.CONNECTIONS, Verdict.Invariant.CONNECTIONS),
                broken(verdict));
        String found = verdict.violations().toString();
        assertTrue(
                found.contains("the functions held " + (agentsLimit + 1 + metricsHeld)
                        + " connections, above the budget of " + PHASE.connectionBudget()),
                found);
        assertTrue(found.contains(PROD.roleName("agents") + " held " + (agentsLimit + 1)), found);
        assertTrue(found.contains(PROD.roleName("metrics") + " held " + metricsHeld), found);
    }
}
