package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MarkSpamResourceTest {

    private static final String ALL_KINDS = """
            {"ids": ["r-ready", "r-promoted", "r-review", "r-archived", "r-promoted", "no-such-raw-message"]}""";

    @BeforeEach
    void rawMessagesInEveryStatusWithTheirTasks() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-ann", "Ann", "AGENT", Fixtures.EPOCH)
                    .user("a-bob", "Bob", "AGENT", Fixtures.EPOCH)
                    .raw("r-ready", "READY")
                    .raw("r-promoted", "PROMOTED")
                    .raw("r-review", "SPAM_REVIEW")
                    .raw("r-archived", "SPAM_ARCHIVED")
                    .raw("r-other", "PROMOTED")
                    .task("t-pending")
                    .status("PENDING")
                    .assignedTo("a-ann")
                    .rawMessage("r-promoted")
                    .insert()
                    .task("t-progress")
                    .status("IN_PROGRESS")
                    .assignedTo("a-ann")
                    .rawMessage("r-promoted")
                    .insert()
                    .task("t-help")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("a-bob")
                    .rawMessage("r-promoted")
                    .insert()
                    .task("t-resolved")
                    .status("RESOLVED")
                    .assignedTo("a-bob")
                    .rawMessage("r-promoted")
                    .insert()
                    .task("t-done")
                    .status("COMPLETED")
                    .assignedTo("a-ann")
                    .rawMessage("r-promoted")
                    .endTime(Fixtures.EPOCH)
                    .insert()
                    .task("t-already")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-review")
                    .insert()
                    .task("t-archived")
                    .status("PENDING")
                    .rawMessage("r-archived")
                    .insert()
                    .task("t-other")
                    .status("PENDING")
                    .rawMessage("r-other")
                    .insert()
                    // tasks without a raw message (imported some other way)
                    .task("t-lone-open")
                    .type("YOTPO")
                    .status("IN_PROGRESS")
                    .assignedTo("a-bob")
                    .insert()
                    .task("t-lone-done")
                    .type("HOLDS")
                    .status("COMPLETED")
                    .assignedTo("a-bob")
                    .endTime(Fixtures.EPOCH)
                    .insert()
                    .execute("INSERT INTO \"TaskHistory\" (\"id\", \"taskId\", \"actorId\", \"action\", \"newStatus\") "
                            + "VALUES ('h-old', 't-done', 'a-ann', 'COMPLETED', 'COMPLETED')");
        }
    }

    private static io.restassured.response.ValidatableResponse markSpam(String json) {
        return Api.browserPost(json).post("/api/manager/tasks/mark-spam").then();
    }

    @Test
    void movesReadyAndPromotedRawMessagesAndTheirOpenTasksToSpamReview() {
        markSpam(ALL_KINDS)
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true))
                .body("rawsUpdated", equalTo(2))
                .body("tasksMoved", equalTo(5));

        try (Fixtures db = Fixtures.connect()) {
            assertEquals("SPAM_REVIEW", db.rawStatus("r-ready"));
            assertEquals("SPAM_REVIEW", db.rawStatus("r-promoted"));
            assertEquals("SPAM_REVIEW", db.rawStatus("r-review"));
            assertEquals("SPAM_ARCHIVED", db.rawStatus("r-archived"));
            assertEquals("PROMOTED", db.rawStatus("r-other"));
            for (String moved : List.of("t-pending", "t-progress", "t-help", "t-resolved", "t-archived")) {
                assertEquals("SPAM_REVIEW", db.taskStatus(moved), moved);
            }
            assertEquals("COMPLETED", db.taskStatus("t-done"));
            assertEquals("PENDING", db.taskStatus("t-other"));
            assertEquals("a-ann", db.value("SELECT \"assignedToId\" FROM \"Task\" WHERE \"id\" = 't-progress'"));
            assertEquals("a-bob", db.value("SELECT \"assignedToId\" FROM \"Task\" WHERE \"id\" = 't-help'"));
        }
    }

    @Test
    void writesOneHistoryRowPerMovedTaskAndStampsUpdatedAtInUtc() {
        markSpam(ALL_KINDS).statusCode(200);
        LocalDateTime utcNow = LocalDateTime.now(ZoneOffset.UTC);
        try (Fixtures db = Fixtures.connect()) {
            List<Map<String, Object>> history = db.rows("SELECT \"taskId\", \"actorId\", \"action\", "
                    + "\"prevStatus\"::text AS prev, \"newStatus\"::text AS next, \"createdAt\" "
                    + "FROM \"TaskHistory\" WHERE \"id\" <> 'h-old' ORDER BY \"taskId\"");
            assertEquals(
                    List.of("t-archived", "t-help", "t-pending", "t-progress", "t-resolved"),
                    history.stream().map(row -> row.get("taskId")).toList());
            assertEquals(
                    List.of("PENDING", "ASSISTANCE_REQUIRED", "PENDING", "IN_PROGRESS", "RESOLVED"),
                    history.stream().map(row -> row.get("prev")).toList());
            for (Map<String, Object> row : history) {
                assertEquals(Tokens.MANAGER_ID, row.get("actorId"));
                assertEquals("MARKED_SPAM", row.get("action"));
                assertEquals("SPAM_REVIEW", row.get("next"));
                assertCloseToNow(utcNow, ((java.sql.Timestamp) row.get("createdAt")).toLocalDateTime());
            }
            assertCloseToNow(
                    utcNow,
                    ((java.sql.Timestamp) db.value("SELECT \"updatedAt\" FROM \"Task\" WHERE \"id\" = 't-pending'"))
                            .toLocalDateTime());
            assertEquals(
                    Fixtures.EPOCH,
                    ((java.sql.Timestamp) db.value("SELECT \"updatedAt\" FROM \"Task\" WHERE \"id\" = 't-done'"))
                            .toLocalDateTime());
        }
    }

    private static void assertCloseToNow(LocalDateTime utcNow, LocalDateTime written) {
        assertTrue(
                Duration.between(written, utcNow).abs().toSeconds() < 60,
                "written " + written + ", UTC now " + utcNow + " (the database session runs in Pacific/Auckland)");
    }

    @Test
    void repeatingTheRequestChangesNothingMore() {
        markSpam(ALL_KINDS).statusCode(200).body("rawsUpdated", equalTo(2));
        String after;
        try (Fixtures db = Fixtures.connect()) {
            after = db.snapshot();
        }
        markSpam(ALL_KINDS)
                .statusCode(200)
                .body("success", equalTo(true))
                .body("rawsUpdated", equalTo(0))
                .body("tasksMoved", equalTo(0));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(after, db.snapshot());
        }
    }

    @Test
    void deletesNothing() {
        markSpam(ALL_KINDS).statusCode(200);
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(10, db.count("SELECT count(*) FROM \"Task\""));
            assertEquals(5, db.count("SELECT count(*) FROM \"RawMessage\""));
            assertEquals(1, db.count("SELECT count(*) FROM \"TaskHistory\" WHERE \"id\" = 'h-old'"));
        }
    }

    /**
     * The page's bulk button sends the task id of every row that has a task: a task id stands for its
     * raw message (all of that message's open tasks move with it), and a task without a raw message
     * moves by itself, unless it is COMPLETED.
     */
    @Test
    void aTaskIdStandsForItsRawMessageAndATaskWithoutOneMovesByItself() {
        markSpam("{\"ids\": [\"t-progress\", \"t-lone-open\", \"t-lone-done\", \"t-other\"]}")
                .statusCode(200)
                .body("rawsUpdated", equalTo(2))
                .body("tasksMoved", equalTo(6));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("SPAM_REVIEW", db.rawStatus("r-promoted"));
            assertEquals("SPAM_REVIEW", db.rawStatus("r-other"));
            assertEquals("READY", db.rawStatus("r-ready"));
            for (String moved : List.of("t-pending", "t-progress", "t-help", "t-resolved", "t-other", "t-lone-open")) {
                assertEquals("SPAM_REVIEW", db.taskStatus(moved), moved);
            }
            assertEquals("COMPLETED", db.taskStatus("t-done"));
            assertEquals("COMPLETED", db.taskStatus("t-lone-done"));
            assertEquals("a-bob", db.value("SELECT \"assignedToId\" FROM \"Task\" WHERE \"id\" = 't-lone-open'"));
            assertEquals(
                    "Moved to spam review by its task id",
                    db.value("SELECT \"note\" FROM \"TaskHistory\" WHERE \"taskId\" = 't-lone-open'"));
            assertEquals(
                    "Moved to spam review with its raw message",
                    db.value("SELECT \"note\" FROM \"TaskHistory\" WHERE \"taskId\" = 't-help'"));
        }
    }

    @Test
    void aRawMessageNamedByItsIdAndByItsTasksIdsMovesOnce() {
        markSpam("{\"ids\": [\"r-promoted\", \"t-pending\", \"t-progress\"]}")
                .statusCode(200)
                .body("rawsUpdated", equalTo(1))
                .body("tasksMoved", equalTo(4));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(4, db.count("SELECT count(*) FROM \"TaskHistory\" WHERE \"action\" = 'MARKED_SPAM'"));
        }
    }

    @Test
    void unknownIdsAloneChangeNothing() {
        String before;
        try (Fixtures db = Fixtures.connect()) {
            before = db.snapshot();
        }
        markSpam("{\"ids\": [\"nope-1\", \"nope-2\"]}")
                .statusCode(200)
                .body("rawsUpdated", equalTo(0))
                .body("tasksMoved", equalTo(0));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    @Test
    void acceptsTheFrontEndsRawMessageIdsAndSingleIdForms() {
        markSpam("{\"rawMessageIds\": [\"r-ready\"]}").statusCode(200).body("rawsUpdated", equalTo(1));
        markSpam("{\"id\": \"r-other\"}")
                .statusCode(200)
                .body("rawsUpdated", equalTo(1))
                .body("tasksMoved", equalTo(1));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("SPAM_REVIEW", db.rawStatus("r-ready"));
            assertEquals("SPAM_REVIEW", db.rawStatus("r-other"));
            assertEquals("SPAM_REVIEW", db.taskStatus("t-other"));
        }
    }

    @Test
    void firstKeyPresentDecidesInTheOrderRawMessageIdsIdsId() {
        markSpam("{\"id\": \"r-other\", \"ids\": [\"r-promoted\"], \"rawMessageIds\": [\"r-ready\"]}")
                .statusCode(200)
                .body("rawsUpdated", equalTo(1))
                .body("tasksMoved", equalTo(0));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("SPAM_REVIEW", db.rawStatus("r-ready"));
            assertEquals("PROMOTED", db.rawStatus("r-promoted"));
            assertEquals("PROMOTED", db.rawStatus("r-other"));
        }
    }

    @Test
    void invalidFirstKeyIsRejectedWithoutFallingThroughToTheNext() {
        String before;
        try (Fixtures db = Fixtures.connect()) {
            before = db.snapshot();
        }
        markSpam("{\"rawMessageIds\": \"r-ready\", \"ids\": [\"r-ready\"]}")
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", equalTo("\"rawMessageIds\" must be an array of raw message or task ids (strings)"));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    @Test
    void sqlMetacharactersAndUnicodeInIdsArePlainValues() {
        try (Fixtures db = Fixtures.connect()) {
            db.raw("r'); DROP TABLE \"Task\";--", "READY").raw("r-ünï-😀", "READY");
        }
        markSpam("{\"ids\": [\"r'); DROP TABLE \\\"Task\\\";--\", \"r-ünï-😀\", \"' OR '1'='1\"]}")
                .statusCode(200)
                .body("rawsUpdated", equalTo(2))
                .body("tasksMoved", equalTo(0));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("SPAM_REVIEW", db.rawStatus("r-ünï-😀"));
            assertEquals(10, db.count("SELECT count(*) FROM \"Task\""));
            assertEquals("PROMOTED", db.rawStatus("r-promoted"));
        }
    }
}
