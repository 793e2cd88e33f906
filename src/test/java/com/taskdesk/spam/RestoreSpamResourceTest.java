package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /api/manager/spam/restore: what both restores do (SpamRestoreBehaviour), and what it alone does. */
@QuarkusTest
class RestoreSpamResourceTest extends SpamRestoreBehaviour {

    @Override
    String path() {
        return "/api/manager/spam/restore";
    }

    @Test
    void theRestoredRawMessagesPreviewMatchesBecomeEmptyOthersStay() {
        restore(ALL).statusCode(200).body("restored", equalTo(3)).body("$", not(hasKey("rulesDisabled")));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals("[]", previewMatches(db, "s-with-tasks"));
            assertEquals("[]", previewMatches(db, "s-no-task"));
            assertEquals("[]", previewMatches(db, "s-done-task"), "NULL before");
            assertEquals("[\"kept\"]", previewMatches(db, "s-ready"), "not in SPAM_REVIEW: not restored");
        }
    }

    @Test
    void addToWhitelistWithAddMatchedIsRefusedAndChangesNothing() {
        String before;
        try (Fixtures db = Fixtures.connect()) {
            before = db.snapshot();
        }
        restore("{\"ids\": [\"s-with-tasks\"], \"addToWhitelist\": true, \"addMatched\": true}")
                .statusCode(400)
                .contentType("application/json")
                .body("success", equalTo(false))
                .body(
                        "error",
                        equalTo("Adding the matched phrases to the whitelist (addToWhitelist with addMatched) is not"
                                + " done here, so nothing was restored: send the ids without them."));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"addToWhitelist\": true",
                "\"addMatched\": true",
                "\"addToWhitelist\": true, \"addMatched\": false",
                "\"addToWhitelist\": false, \"addMatched\": true"
            })
    void eitherFlagAloneRestoresAsUsual(String flags) {
        restore("{\"ids\": [\"s-with-tasks\"], " + flags + "}")
                .statusCode(200)
                .body("restored", equalTo(1))
                .body("tasksRestored", equalTo(2));
    }

    @Test
    void disablePhrasesIsRefusedHereAndChangesNothing() {
        String before;
        try (Fixtures db = Fixtures.connect()) {
            db.spamRule("rule-gift", "free gift", null);
            before = db.snapshot();
        }
        restore("{\"ids\": [\"s-with-tasks\"], \"disablePhrases\": true}")
                .statusCode(400)
                .body(
                        "error",
                        equalTo("disablePhrases is done by /api/manager/spam/review/restore (the Spam Review page's"
                                + " Restore), not here, so nothing was restored: send it there."));
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(before, db.snapshot());
        }
    }

    @Test
    void aFlagThatIsNotABooleanIsRefused() {
        restore("{\"ids\": [\"s-with-tasks\"], \"addToWhitelist\": \"yes\", \"addMatched\": true}")
                .statusCode(400)
                .body("error", equalTo("\"addToWhitelist\" must be true or false, not string"));
    }
}
