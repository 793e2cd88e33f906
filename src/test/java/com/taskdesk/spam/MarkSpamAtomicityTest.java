package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Mark-spam is one statement: when its task part fails, nothing of the request remains. */
@QuarkusTest
class MarkSpamAtomicityTest {

    @Test
    void whenMovingTheTasksFailsNoRawMessageMovesAndNoHistoryIsWritten() {
        String before;
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .raw("r-1", "PROMOTED")
                    .raw("r-2", "READY")
                    .task("t-1")
                    .status("PENDING")
                    .rawMessage("r-1")
                    .insert();
            before = db.snapshot();
        }
        try (Fixtures db = Fixtures.connect();
                Fixtures.TestTrigger refuse = db.trigger(
                        "test_refuse_spam",
                        "BEFORE UPDATE ON \"Task\" FOR EACH ROW WHEN (NEW.\"status\" = 'SPAM_REVIEW')",
                        "BEGIN RAISE EXCEPTION 'test trigger refuses %', NEW.\"id\"; END")) {
            Api.browserPost("{\"ids\": [\"r-1\", \"r-2\"]}")
                    .post("/api/manager/tasks/mark-spam")
                    .then()
                    .statusCode(500)
                    .body("success", equalTo(false))
                    .body("error", startsWith("Internal error (error id "));
            assertEquals(before, db.snapshot());
            assertEquals("PROMOTED", db.rawStatus("r-1"));
            assertEquals("READY", db.rawStatus("r-2"));
            assertEquals(0, db.count("SELECT count(*) FROM \"TaskHistory\""));
        }
    }
}
