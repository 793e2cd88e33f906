package com.taskdesk.spam;

import static org.hamcrest.Matchers.equalTo;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SpamCountsResourceTest {

    @Test
    void countsReadyAndSpamReviewRawMessagesOnly() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .raw("r1", "READY")
                    .raw("r2", "READY")
                    .raw("r3", "READY")
                    .raw("r4", "SPAM_REVIEW")
                    .raw("r5", "SPAM_REVIEW")
                    .raw("r6", "PROMOTED")
                    .raw("r7", "PROMOTED")
                    .raw("r8", "SPAM_ARCHIVED");
        }
        Api.asManager()
                .get("/api/manager/spam/counts")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true))
                .body("ready", equalTo(3))
                .body("spamReview", equalTo(2));
    }
}
