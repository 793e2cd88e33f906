package com.taskdesk.holds;

import static org.hamcrest.Matchers.equalTo;

import com.taskdesk.dashboard.TodayInConfiguredZoneTest;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * filter=workedToday starts at today's midnight in the stage's zone (New York here), not the host's
 * (UTC), as every "today" of a stage [fix].
 */
@QuarkusTest
@TestProfile(TodayInConfiguredZoneTest.NewYork.class)
class WorkedTodayInConfiguredZoneTest {

    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void workedTodayStartsAtLocalMidnight() {
        clock.set(Instant.parse("2031-05-05T12:00:00Z")); // 08:00 in New York (UTC-4)
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user("u-bo").name("Bo").insert();
            completed(db, "before-local-midnight", "2031-05-05T03:59:59.999"); // 23:59:59.999 on the 4th, New York
            completed(db, "at-local-midnight", "2031-05-05T04:00:00"); // 00:00 on the 5th
            completed(db, "yesterday-utc", "2031-05-04T23:00:00");
        }
        Api.asManager()
                .queryParam("filter", "workedToday")
                .get("/api/holds/queues")
                .then()
                .statusCode(200)
                .body("data.tasks.id", equalTo(List.of("at-local-midnight")));
    }

    private static void completed(Fixtures db, String id, String utc) {
        db.task(id)
                .type("HOLDS")
                .status("COMPLETED")
                .completedBy("u-bo")
                .set("completedAt", LocalDateTime.parse(utc))
                .set("holdsStatus", "Completed")
                .insert();
    }
}
