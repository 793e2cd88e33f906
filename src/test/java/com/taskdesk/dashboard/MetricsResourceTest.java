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
                    .raw("r-ready-1", "READY")
                    .raw("r-ready-2", "READY")
                    .raw("r-ready-3", "READY")
                    .raw("r-spam-1", "SPAM_REVIEW")
                    .raw("r-promoted-1", "PROMOTED")
                    .tasks(4, "tc-pending", t -> t.status("PENDING"))
                    .tasks(1, "tc-spam", t -> t.status("SPAM_REVIEW"))
                    .tasks(2, "tc-done-today", t -> t.status("COMPLETED").endTime(TODAY_9AM))
                    .tasks(4, "tc-done-before", t -> t.status("COMPLETED").endTime(LAST_YEAR))
                    .tasks(2, "tc-progress", t -> t.status("IN_PROGRESS"))
                    .tasks(1, "tc-help", t -> t.status("ASSISTANCE_REQUIRED"))
                    .tasks(1, "tc-resolved", t -> t.status("RESOLVED"))
                    // other types never count here
                    .tasks(5, "wod-pending", t -> t.type("WOD_IVCS").status("PENDING"))
                    .tasks(
                            3,
                            "holds-done",
                            t -> t.type("HOLDS").status("COMPLETED").endTime(TODAY_9AM));
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void countsTextClubWorkAndReadyRawMessages() {
        Api.asManager()
                .get("/api/manager/dashboard/metrics")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("metrics.pendingRawMessages", equalTo(3))
                .body("metrics.pending", equalTo(7))
                .body("metrics.spamReview", equalTo(1))
                .body("metrics.completedToday", equalTo(2))
                .body("metrics.totalCompleted", equalTo(6))
                .body("metrics.inProgress", equalTo(2))
                .body("metrics.assistanceRequired", equalTo(1))
                .body("metrics.totalAll", equalTo(17))
                .body("metrics.pctDone", equalTo(35));
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
        assertEquals(7, first.<Integer>path("metrics.pending").intValue());

        try (Fixtures db = Fixtures.connect()) {
            db.task("tc-pending-new").status("PENDING").insert();
        }
        clock.advanceSeconds(4);
        SqlCounter.reset();
        Response cached = metrics();
        assertEquals("private, max-age=6", cacheControl(cached));
        assertEquals("Mon, 5 May 2031 14:00:00 GMT", cached.header("Last-Modified"));
        assertEquals("4", cached.header("X-Data-Age"));
        assertEquals(7, cached.<Integer>path("metrics.pending").intValue());
        assertEquals(0, SqlCounter.statements().size(), "a cached answer sends no statement");
        assertEquals(0, SqlCounter.checkouts(), "a cached answer takes no connection");

        clock.advanceSeconds(6);
        Response fresh = metrics();
        assertEquals("private, max-age=10", cacheControl(fresh));
        assertEquals("0", fresh.header("X-Data-Age"));
        assertEquals(8, fresh.<Integer>path("metrics.pending").intValue());
        assertEquals(1, SqlCounter.statements().size(), "an expired cache reads again, in one statement");
    }
}
