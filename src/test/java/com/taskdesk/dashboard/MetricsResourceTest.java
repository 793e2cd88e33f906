package com.taskdesk.dashboard;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Text Club metrics, cached per instance for taskdesk.metrics.cache-seconds (10 in application.properties). */
@QuarkusTest
class MetricsResourceTest {

    private static final Instant NOON = Instant.parse("2031-05-05T12:00:00Z");
    private static final LocalDateTime TODAY_9AM = LocalDateTime.of(2031, 5, 5, 9, 0);
    private static final LocalDateTime LAST_YEAR = LocalDateTime.of(2030, 5, 5, 9, 0);

    @Inject
    TestClock clock;

    @BeforeEach
    void textClubDay() {
        clock.set(NOON);
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-ann", "Ann", "AGENT", Fixtures.EPOCH)
                    .raw("r-ready-1", "READY")
                    .raw("r-ready-2", "READY")
                    .raw("r-ready-3", "READY")
                    .raw("r-spam-1", "SPAM_REVIEW")
                    .raw("r-archived-1", "SPAM_ARCHIVED")
                    .raw("r-archived-2", "SPAM_ARCHIVED")
                    .raw("r-promoted-1", "PROMOTED")
                    // pending: 4 unassigned, 3 assigned but not started
                    .tasks(4, "tc-pending", t -> t.status("PENDING"))
                    .tasks(3, "tc-assigned", t -> t.status("PENDING").assignedTo("a-ann"))
                    // sent back today (PENDING again, one of them reassigned) count as completed today;
                    // one sent back yesterday does not
                    .task("tc-sent-back-today")
                    .status("PENDING")
                    .sentBackBy("a-ann")
                    .endTime(TODAY_9AM)
                    .insert()
                    .task("tc-sent-back-today-reassigned")
                    .status("PENDING")
                    .assignedTo("a-ann")
                    .sentBackBy("a-ann")
                    .endTime(TODAY_9AM)
                    .insert()
                    .task("tc-sent-back-yesterday")
                    .status("PENDING")
                    .sentBackBy("a-ann")
                    .endTime(TODAY_9AM.minusDays(1))
                    .insert()
                    // in spam review: one without a raw message, one whose raw message is in review;
                    // those whose raw message was archived are not in review any more
                    .tasks(1, "tc-spam", t -> t.status("SPAM_REVIEW"))
                    .task("tc-spam-raw")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-spam-1")
                    .insert()
                    .task("tc-spam-archived-1")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-archived-1")
                    .insert()
                    .task("tc-spam-archived-2")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-archived-2")
                    .insert()
                    .tasks(2, "tc-done-today", t -> t.status("COMPLETED").endTime(TODAY_9AM))
                    .tasks(4, "tc-done-before", t -> t.status("COMPLETED").endTime(LAST_YEAR))
                    .tasks(2, "tc-progress", t -> t.status("IN_PROGRESS").assignedTo("a-ann"))
                    .tasks(1, "tc-help", t -> t.status("ASSISTANCE_REQUIRED"))
                    .tasks(1, "tc-resolved", t -> t.status("RESOLVED"))
                    // other types never count here
                    .tasks(5, "wod-pending", t -> t.type("WOD_IVCS").status("PENDING"))
                    .tasks(
                            2,
                            "yotpo-assigned",
                            t -> t.type("YOTPO").status("PENDING").assignedTo("a-ann"))
                    .tasks(
                            3,
                            "holds-done",
                            t -> t.type("HOLDS").status("COMPLETED").endTime(TODAY_9AM))
                    .tasks(
                            2,
                            "yotpo-sent-back",
                            t -> t.type("YOTPO")
                                    .status("PENDING")
                                    .sentBackBy("a-ann")
                                    .endTime(TODAY_9AM));
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /**
     * pending = 3 READY raw messages + 6 unassigned PENDING tasks (4, and 2 sent back); assigned not
     * started = 4 (3, and 1 sent back and reassigned); active work = 2 in progress + 4; in spam review
     * 2 of 4; completed today = 2 + 2 sent back today; total = 9 + 2 + 6 + 6 + 1 = 24; 6 / 24 = 25%.
     */
    @Test
    void countsTextClubWorkAndReadyRawMessages() {
        Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("metrics.pendingRawMessages", equalTo(3))
                .body("metrics.pending", equalTo(9))
                .body("metrics.assignedNotStarted", equalTo(4))
                .body("metrics.inProgress", equalTo(2))
                .body("metrics.activeWork", equalTo(6))
                .body("metrics.spamReview", equalTo(2))
                .body("metrics.completedToday", equalTo(4))
                .body("metrics.totalCompleted", equalTo(6))
                .body("metrics.assistanceRequired", equalTo(1))
                .body("metrics.totalAll", equalTo(24))
                .body("metrics.pctDone", equalTo(25));
    }

    @Test
    void answersTheFieldsOfRevisionTwoAndNoOthers() {
        Response response = metrics();
        assertEquals(
                java.util.Set.of(
                        "pending",
                        "pendingRawMessages",
                        "spamReview",
                        "completedToday",
                        "totalCompleted",
                        "inProgress",
                        "assignedNotStarted",
                        "activeWork",
                        "assistanceRequired",
                        "totalAll",
                        "pctDone"),
                response.<java.util.Map<String, Object>>path("metrics").keySet());
    }

    @Test
    void halfAPercentRoundsUp() {
        // 6 completed of 16 is 37.5%, shown as 38: without the READY raw messages, 2 unassigned and 3 assigned tasks
        clock.set(NOON.plusSeconds(5400));
        try (Fixtures db = Fixtures.connect()) {
            db.execute("DELETE FROM \"RawMessage\" WHERE \"status\" = 'READY'")
                    .execute("DELETE FROM \"Task\" WHERE \"id\" IN ('tc-pending-1', 'tc-pending-2', 'tc-assigned-1', "
                            + "'tc-assigned-2', 'tc-assigned-3')");
        }
        Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .body("metrics.totalAll", equalTo(16))
                .body("metrics.pctDone", equalTo(38));
    }

    @Test
    void emptyDeskReportsZeroPercentDone() {
        clock.set(NOON.plusSeconds(3600));
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
        }
        Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .body("metrics.totalAll", equalTo(0))
                .body("metrics.pctDone", equalTo(0));
    }

    /**
     * The mock event server splits a list header into one HTTP header per item, so the
     * values are joined back here (ApiGatewayEventTest shows the response event has one).
     */
    private static String cacheControl(Response response) {
        return String.join(", ", response.headers().getValues("Cache-Control"));
    }

    private static Response metrics() {
        return Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    @Test
    void servesFromThisInstancesCacheWithinTheTtlWithoutAStatement() {
        clock.set(NOON.plusSeconds(7200));
        Response first = metrics();
        assertEquals("private, max-age=10", cacheControl(first));
        assertEquals("Mon, 5 May 2031 14:00:00 GMT", first.header("Last-Modified"));
        assertEquals("0", first.header("X-Data-Age"));
        assertEquals(9, first.<Integer>path("metrics.pending").intValue());

        try (Fixtures db = Fixtures.connect()) {
            db.task("tc-pending-new").status("PENDING").insert();
        }
        clock.advanceSeconds(4);
        SqlCounter.reset();
        Response cached = metrics();
        assertEquals("private, max-age=6", cacheControl(cached));
        assertEquals("Mon, 5 May 2031 14:00:00 GMT", cached.header("Last-Modified"));
        assertEquals("4", cached.header("X-Data-Age"));
        assertEquals(9, cached.<Integer>path("metrics.pending").intValue());
        assertEquals(0, SqlCounter.statements().size(), "a cached answer sends no statement");
        assertEquals(0, SqlCounter.checkouts(), "a cached answer takes no connection");

        clock.advanceSeconds(6);
        Response fresh = metrics();
        assertEquals("private, max-age=10", cacheControl(fresh));
        assertEquals("0", fresh.header("X-Data-Age"));
        assertEquals(10, fresh.<Integer>path("metrics.pending").intValue());
        assertEquals(1, SqlCounter.statements().size(), "an expired cache reads again, in one statement");
    }
}
