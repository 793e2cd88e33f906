package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What both restores do (SpamRestore), proven on each: {@link RestoreSpamResourceTest} for
 * /spam/restore and {@link ReviewRestoreResourceTest} for /spam/review/restore add what differs.
 */
abstract class SpamRestoreBehaviour {

    static final String ALL =
            "{\"ids\": [\"s-with-tasks\", \"s-no-task\", \"s-done-task\", \"s-ready\", \"s-archived\"]}";

    /** The route under test. */
    abstract String path();

    @BeforeEach
    void rawMessagesInSpamReview() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-ann", "Ann", "AGENT", Fixtures.EPOCH)
                    .raw("s-with-tasks")
                    .status("SPAM_REVIEW")
                    .brand("Acme")
                    .previewMatches("[\"free gift\"]")
                    .insert()
                    .raw("s-no-task")
                    .status("SPAM_REVIEW")
                    .previewMatches("\"win big\"")
                    .insert()
                    .raw("s-done-task", "SPAM_REVIEW")
                    .raw("s-ready")
                    .previewMatches("[\"kept\"]")
                    .insert()
                    .raw("s-archived", "SPAM_ARCHIVED")
                    .task("t1")
                    .status("SPAM_REVIEW")
                    .assignedTo("a-ann")
                    .rawMessage("s-with-tasks")
                    .insert()
                    .task("t2")
                    .status("SPAM_REVIEW")
                    .rawMessage("s-with-tasks")
                    .insert()
                    .task("t-done")
                    .status("COMPLETED")
                    .rawMessage("s-done-task")
                    .endTime(Fixtures.EPOCH)
                    .insert()
                    .task("t-ready")
                    .status("PENDING")
                    .rawMessage("s-ready")
                    .insert()
                    .task("t4")
                    .status("SPAM_REVIEW")
                    .rawMessage("s-archived")
                    .insert()
                    // a task without a raw message, sent to spam review by its own id
                    .task("t-lone")
                    .type("YOTPO")
                    .status("SPAM_REVIEW")
                    .assignedTo("a-ann")
                    .insert();
        }
    }

    ValidatableResponse restore(String json) {
        return Api.browserPost(json).post(path()).then();
    }

    @Test
    void tasksReturnToPendingAndRawMessagesWithAnyTaskToPromotedTheOthersToReady() {
        restore(ALL)
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true))
                .body("restored", equalTo(3))
                .body("tasksRestored", equalTo(3));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("PROMOTED", db.rawStatus("s-with-tasks"), "its tasks came back");
            assertEquals("READY", db.rawStatus("s-no-task"), "no task references it");
            assertEquals(
                    "PROMOTED",
                    db.rawStatus("s-done-task"),
                    "a COMPLETED task references it: it was promoted once, READY would let it be promoted again");
            assertEquals("READY", db.rawStatus("s-ready"));
            assertEquals("SPAM_ARCHIVED", db.rawStatus("s-archived"), "only SPAM_REVIEW raw messages move");
            assertEquals("PENDING", db.taskStatus("t1"));
            assertEquals("PENDING", db.taskStatus("t2"));
            assertEquals("PENDING", db.taskStatus("t4"));
            assertEquals("COMPLETED", db.taskStatus("t-done"));
            assertEquals("SPAM_REVIEW", db.taskStatus("t-lone"), "not named");
            assertEquals("a-ann", db.value("SELECT \"assignedToId\" FROM \"Task\" WHERE \"id\" = 't1'"));
        }
    }

    @Test
    void aTaskIdStandsForItsRawMessageAndATaskWithoutOneIsRestoredByItsOwnId() {
        restore("{\"ids\": [\"t2\", \"t-lone\"]}")
                .statusCode(200)
                .body("restored", equalTo(1))
                .body("tasksRestored", equalTo(3));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("PROMOTED", db.rawStatus("s-with-tasks"));
            assertEquals("PENDING", db.taskStatus("t1"), "restored with its raw message, named through t2");
            assertEquals("PENDING", db.taskStatus("t-lone"));
            assertEquals("a-ann", db.value("SELECT \"assignedToId\" FROM \"Task\" WHERE \"id\" = 't-lone'"));
            assertEquals(
                    "Restored from spam review by its task id",
                    db.value("SELECT \"note\" FROM \"TaskHistory\" WHERE \"taskId\" = 't-lone'"));
        }
    }

    @Test
    void writesHistoryForEachRestoredTask() {
        restore(ALL).statusCode(200);
        try (Fixtures db = Fixtures.connect()) {
            List<Map<String, Object>> history = db.rows(
                    "SELECT \"taskId\", \"actorId\", \"action\", \"note\", "
                            + "\"prevStatus\"::text AS prev, \"newStatus\"::text AS next FROM \"TaskHistory\" ORDER BY \"taskId\"");
            assertEquals(
                    List.of("t1", "t2", "t4"),
                    history.stream().map(row -> row.get("taskId")).toList());
            for (Map<String, Object> row : history) {
                assertEquals(Tokens.MANAGER_ID, row.get("actorId"));
                assertEquals("RESTORED_FROM_SPAM", row.get("action"));
                assertEquals("Restored from spam review with its raw message", row.get("note"));
                assertEquals("SPAM_REVIEW", row.get("prev"));
                assertEquals("PENDING", row.get("next"));
            }
        }
    }

    @Test
    void repeatingTheRequestChangesNothingMore() {
        restore(ALL).statusCode(200);
        String after;
        try (Fixtures db = Fixtures.connect()) {
            after = db.snapshot();
        }
        restore(ALL).statusCode(200).body("restored", equalTo(0)).body("tasksRestored", equalTo(0));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(after, db.snapshot());
        }
    }

    @Test
    void markSpamThenRestoreBringsAPromotedMessageBackAsPromoted() {
        try (Fixtures db = Fixtures.connect()) {
            db.raw("p", "PROMOTED")
                    .task("tp")
                    .status("IN_PROGRESS")
                    .assignedTo("a-ann")
                    .rawMessage("p")
                    .insert();
        }
        Api.browserPost("{\"ids\": [\"p\"]}")
                .post("/api/manager/tasks/mark-spam")
                .then()
                .statusCode(200)
                .body("rawsUpdated", equalTo(1))
                .body("tasksMoved", equalTo(1));
        restore("{\"ids\": [\"p\"]}")
                .statusCode(200)
                .body("restored", equalTo(1))
                .body("tasksRestored", equalTo(1));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("PROMOTED", db.rawStatus("p"));
            assertEquals("PENDING", db.taskStatus("tp"));
            assertEquals("a-ann", db.value("SELECT \"assignedToId\" FROM \"Task\" WHERE \"id\" = 'tp'"));
            assertEquals(2, db.count("SELECT count(*) FROM \"TaskHistory\" WHERE \"taskId\" = 'tp'"));
        }
    }

    /** "previewMatches" of a raw message, as JSON text (null for NULL). */
    static String previewMatches(Fixtures db, String rawId) {
        Object value = db.value("SELECT \"previewMatches\"::text FROM \"RawMessage\" WHERE \"id\" = ?", rawId);
        return value == null ? null : value.toString();
    }
}
