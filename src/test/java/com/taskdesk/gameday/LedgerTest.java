package com.taskdesk.gameday;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.db.Database;
import com.taskdesk.spam.MarkSpamResource.MarkSpamResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The game day's ledger can fail: on a real PostgreSQL with the spam desk and stage prod's roles,
 * mark-spam runs as a simulated instance of the function (its own handler) and as the broken
 * variant of {@code -Dgameday.broken=non-atomic-mark-spam}, while a trigger refuses to move tasks.
 * The function's one statement moves nothing and the ledger balances; the broken one moves the raw
 * message without its task and the ledger says so. A 200 that claims more than the history holds
 * is caught too.
 */
class LedgerTest {

    private static final String RAW = SpamDesk.RAW_PREFIX + "002"; // PROMOTED, its task IN_PROGRESS

    private final BudgetConfig config = ConfigFiles.load(Path.of(""));
    private final StageConfig prod = config.stage(GameDay.STAGE);
    private final GameClock clock = new GameClock();
    private GameDayDatabase database;
    private SpamDesk desk;
    private final Ledger ledger = new Ledger();

    @BeforeEach
    void theSpamDesk() throws Exception {
        database = GameDayDatabase.start(prod.database());
        database.applyRoles(config, prod, GameDay.SERVER_IDLE_TIMEOUT);
        desk = SpamDesk.create(database, 1, 10, clock);
        try (Connection admin = database.superuser()) {
            ledger.opening(admin);
        }
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private Outcome markSpam(FunctionInstance.HandlerFactory handlers) {
        Endpoint endpoint = Endpoint.forFunction(Ledger.MARK_SPAM.function()).orElseThrow();
        try (FunctionInstance instance = FunctionInstance.start(
                endpoint,
                GameDay.environment(prod, prod.function(endpoint.functionName()), database.port()),
                handlers)) {
            Call call = desk.write(endpoint, 1, "test");
            Call onRaw = new Call(
                    endpoint, call.query(), "{\"ids\": [\"" + RAW + "\"]}", call.caller(), List.of(RAW), "test");
            Outcome outcome = new Outcome("test", onRaw, 1, 0, 0, instance.handle(onRaw));
            ledger.record(outcome);
            return outcome;
        }
    }

    private void refuseToMoveTasks() {
        database.execute("CREATE FUNCTION refuse_task_moves() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN RAISE EXCEPTION 'tasks may not move now'; END $$");
        database.execute("CREATE TRIGGER refuse_task_moves BEFORE UPDATE ON \"Task\" FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_task_moves()");
    }

    private Ledger.Verdict close() throws Exception {
        try (Connection admin = database.superuser();
                DeskWatch watch = new DeskWatch(database, clock)) {
            watch.close(); // one look, now
            return ledger.close(admin, watch);
        }
    }

    @Test
    void aMoveLeftHalfDoneBreaksTheLedgerAndTheFunctionsOwnStatementNeverLeavesOne() throws Exception {
        refuseToMoveTasks();

        Outcome own = markSpam(FunctionInstance.OWN_HANDLER);
        assertEquals(
                500,
                own.status(),
                "the trigger's error is no database outage: " + own.answer().why());
        Ledger.Verdict afterOwn = close();
        assertTrue(afterOwn.holds(), afterOwn.violations().toString());

        Outcome broken = markSpam((endpoint, wiring) -> new NonAtomicMarkSpam(wiring.get(Database.class)));
        assertEquals(500, broken.status(), broken.answer().why());
        Ledger.Verdict afterBroken = close();
        assertTrue(
                afterBroken.violations().stream()
                        .anyMatch(v -> v.equals(
                                "raw message " + RAW + " is SPAM_REVIEW but its open tasks are" + " [IN_PROGRESS]")),
                afterBroken.violations().toString());
        assertTrue(
                afterBroken.halfMoves().stream().anyMatch(v -> v.contains(RAW + " SPAM_REVIEW with tasks IN_PROGRESS")),
                afterBroken.halfMoves().toString());
    }

    @Test
    void aWriteAcknowledgedForMoreThanItsHistoryHoldsBreaksTheLedger() throws Exception {
        Outcome moved = markSpam(FunctionInstance.OWN_HANDLER);
        assertEquals(200, moved.status(), moved.answer().why());
        assertEquals(new MarkSpamResult(true, 1, 1), moved.answer().entity());
        Ledger.Verdict balanced = close();
        assertTrue(balanced.holds(), balanced.violations().toString());
        assertEquals(1, balanced.historyRowsOfAcknowledged());

        // The same write, as if its answer had claimed two tasks.
        Answer claimsTwo = new Answer(200, null, new MarkSpamResult(true, 1, 2), null);
        ledger.record(new Outcome("test", moved.call(), 1, 0, 0, claimsTwo));
        Ledger.Verdict unbalanced = close();
        assertTrue(
                unbalanced.violations().stream()
                        .anyMatch(v -> v.contains("answered 200 with tasksMoved=2, but 1 history row(s) name it")),
                unbalanced.violations().toString());
    }
}
