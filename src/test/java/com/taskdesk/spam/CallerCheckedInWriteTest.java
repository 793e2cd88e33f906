package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A token lives 24 hours; a manager removed, deactivated or demoted since it was signed
 * loses write access at once: the write's own statement checks "User", answers 403 and
 * changes nothing (and a history row can never fail on its actorId foreign key).
 */
@QuarkusTest
class CallerCheckedInWriteTest {

    private static final String IDS = "{\"ids\": [\"r-promoted\", \"r-review\"]}";

    @BeforeEach
    void aRawMessageForEachWrite() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .raw("r-promoted", "PROMOTED")
                    .raw("r-review", "SPAM_REVIEW")
                    .task("t-open")
                    .status("IN_PROGRESS")
                    .rawMessage("r-promoted")
                    .insert()
                    .task("t-spam")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-review")
                    .insert();
        }
    }

    static Stream<Arguments> staleManagersAndWrites() {
        Consumer<Fixtures> removed = db -> db.execute("DELETE FROM \"User\" WHERE \"id\" = ?", Tokens.MANAGER_ID);
        Consumer<Fixtures> deactivated =
                db -> db.execute("UPDATE \"User\" SET \"isActive\" = false WHERE \"id\" = ?", Tokens.MANAGER_ID);
        Consumer<Fixtures> demoted =
                db -> db.execute("UPDATE \"User\" SET \"role\" = 'AGENT' WHERE \"id\" = ?", Tokens.MANAGER_ID);
        return writes().flatMap(path -> Stream.of(
                Arguments.of("removed", removed, path),
                Arguments.of("deactivated", deactivated, path),
                Arguments.of("demoted to AGENT", demoted, path)));
    }

    @ParameterizedTest(name = "{0} manager on {2}")
    @MethodSource("staleManagersAndWrites")
    void aManagerNoLongerActiveInUserIsRefusedWith403AndNothingChanges(
            String who, Consumer<Fixtures> change, String path) {
        String before;
        try (Fixtures db = Fixtures.connect()) {
            change.accept(db);
            before = db.snapshot();
        }
        Api.browserPost(IDS)
                .post(path)
                .then()
                .statusCode(403)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body(
                        "error",
                        equalTo("Your account is no longer an active manager: nothing was changed. Sign in again."));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot(), who + ": the database is unchanged");
        }
    }

    /**
     * The statement checked the caller, then the caller's row goes before the history row is
     * written (a test trigger deletes it in between, as a concurrent delete could): the history
     * row's foreign key refuses the statement, which is a 403 with nothing changed, not a 500.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aManagerRemovedWhileTheWriteRunsIsRefusedWith403AndNothingChanges(String path) {
        try (Fixtures db = Fixtures.connect();
                Fixtures.TestTrigger removeCaller = db.trigger(
                        "test_remove_caller",
                        "BEFORE INSERT ON \"TaskHistory\" FOR EACH ROW",
                        "BEGIN DELETE FROM \"User\" WHERE \"id\" = NEW.\"actorId\"; RETURN NEW; END")) {
            String before = db.snapshot();
            Api.browserPost(IDS)
                    .post(path)
                    .then()
                    .statusCode(403)
                    .body(
                            "error",
                            equalTo(
                                    "Your account is no longer an active manager: nothing was changed. Sign in again."));
            assertEquals(before, db.snapshot());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aManagerAgentWhoIsActiveMayWriteAndIsNamedInTheHistory(String path) {
        try (Fixtures db = Fixtures.connect()) {
            db.user("ma-1", "Mia", "MANAGER_AGENT", Fixtures.EPOCH);
        }
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.withRole("ma-1", "MANAGER_AGENT"))
                .contentType("application/json")
                .body(IDS)
                .post(path)
                .then()
                .statusCode(200);
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(1, db.count("SELECT count(*) FROM \"TaskHistory\" WHERE \"actorId\" = 'ma-1'"));
        }
    }

    /** Every function that changes tasks (a heartbeat changes only its caller's own row), by its route's path. */
    static Stream<String> writes() {
        return Endpoint.all().stream().filter(Endpoint::changesTasks).map(Endpoint::path);
    }
}
