package com.taskdesk.dashboard;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Today" is the UTC day of 2026-11-26 here (default zone); the clock stands at 15:00 UTC. A task
 * completed today counts for its assignee and for the agent in "completedBy", once for an agent
 * who is both; Eve is inactive, Dee's name is empty.
 */
@QuarkusTest
class AgentProgressResourceTest {

    private static final LocalDateTime TODAY_10AM = LocalDateTime.of(2026, 11, 26, 10, 0);
    private static final LocalDateTime YESTERDAY_LAST_MS = LocalDateTime.of(2026, 11, 25, 23, 59, 59, 999_000_000);
    private static final LocalDateTime TOMORROW_MIDNIGHT = LocalDateTime.of(2026, 11, 27, 0, 0);

    @Inject
    TestClock clock;

    @BeforeEach
    void dashboardDay() {
        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("m-max", "Max", "MANAGER", LocalDateTime.of(2024, 1, 1, 0, 0))
                    .user("a-ann", "Ann", "AGENT", LocalDateTime.of(2025, 1, 2, 0, 0))
                    .user("a-bob", null, "MANAGER_AGENT", LocalDateTime.of(2025, 1, 1, 0, 0))
                    .user("a-cy", "Cy", "AGENT", LocalDateTime.of(2025, 1, 3, 0, 0))
                    .user("a-eve")
                    .name("Eve")
                    .inactive()
                    .createdAt(LocalDateTime.of(2025, 1, 4, 0, 0))
                    .insert()
                    .user("a-dee", "", "AGENT", LocalDateTime.of(2025, 1, 5, 0, 0))
                    // Ann, Text Club: 2 pending, 1 in progress, 1 needing assistance; 3 completed today
                    .tasks(2, "ann-tc-pending", t -> t.status("PENDING").assignedTo("a-ann"))
                    .tasks(1, "ann-tc-progress", t -> t.status("IN_PROGRESS").assignedTo("a-ann"))
                    .tasks(
                            1,
                            "ann-tc-help",
                            t -> t.status("ASSISTANCE_REQUIRED").assignedTo("a-ann"))
                    .tasks(
                            3,
                            "ann-tc-done",
                            t -> t.status("COMPLETED").assignedTo("a-ann").endTime(TODAY_10AM))
                    // ... but not those completed at the edges of the day
                    .tasks(
                            1,
                            "ann-tc-yesterday",
                            t -> t.status("COMPLETED").assignedTo("a-ann").endTime(YESTERDAY_LAST_MS))
                    .tasks(
                            1,
                            "ann-tc-tomorrow",
                            t -> t.status("COMPLETED").assignedTo("a-ann").endTime(TOMORROW_MIDNIGHT))
                    // Ann, Text Club: 2 completed today that she is both assigned to and completed: once each
                    .tasks(
                            2,
                            "ann-tc-done-both",
                            t -> t.status("COMPLETED")
                                    .assignedTo("a-ann")
                                    .completedBy("a-ann")
                                    .endTime(TODAY_10AM))
                    // ... and 1 she completed that is Cy's: it counts for both of them
                    .task("cy-tc-done-by-ann")
                    .status("COMPLETED")
                    .assignedTo("a-cy")
                    .completedBy("a-ann")
                    .endTime(TODAY_10AM)
                    .insert()
                    // ... but not what she completed yesterday, nor her HOLDS and Yotpo completions
                    .task("ann-tc-done-by-yesterday")
                    .status("COMPLETED")
                    .completedBy("a-ann")
                    .endTime(YESTERDAY_LAST_MS)
                    .insert()
                    .task("ann-yotpo-done-by")
                    .type("YOTPO")
                    .status("COMPLETED")
                    .completedBy("a-ann")
                    .endTime(TODAY_10AM)
                    .insert()
                    // Ann, Yotpo: open, but never counted
                    .tasks(
                            2,
                            "ann-yotpo",
                            t -> t.type("YOTPO").status("PENDING").assignedTo("a-ann"))
                    // Ann, WOD: one completed today, and one she completed that is assigned to nobody
                    .task("ann-wod-done-unassigned")
                    .type("WOD_IVCS")
                    .status("COMPLETED")
                    .completedBy("a-ann")
                    .endTime(TODAY_10AM)
                    .insert()
                    .tasks(
                            1,
                            "ann-wod-done",
                            t -> t.type("WOD_IVCS")
                                    .status("COMPLETED")
                                    .assignedTo("a-ann")
                                    .endTime(TODAY_10AM))
                    // Ann, HOLDS: never counted, but it is her latest activity
                    .tasks(
                            5,
                            "ann-holds",
                            t -> t.type("HOLDS").status("PENDING").assignedTo("a-ann"))
                    .tasks(
                            2,
                            "ann-holds-done",
                            t -> t.type("HOLDS")
                                    .status("COMPLETED")
                                    .assignedTo("a-ann")
                                    .endTime(TODAY_10AM))
                    .task("ann-holds-latest")
                    .type("HOLDS")
                    .status("IN_PROGRESS")
                    .assignedTo("a-ann")
                    .updatedAt(LocalDateTime.of(2026, 11, 26, 14, 0, 0, 500_000_000))
                    .insert()
                    // Ann sent an email task back today: it is Cy's now (pending), and counts as Ann's completion
                    .task("sent-back")
                    .type("EMAIL_REQUESTS")
                    .status("PENDING")
                    .assignedTo("a-cy")
                    .sentBackBy("a-ann")
                    .endTime(TODAY_10AM)
                    .insert()
                    // ... not when sent back yesterday, nor when no longer pending
                    .task("sent-back-yesterday")
                    .type("EMAIL_REQUESTS")
                    .status("PENDING")
                    .sentBackBy("a-ann")
                    .endTime(YESTERDAY_LAST_MS)
                    .insert()
                    .task("sent-back-picked-up")
                    .type("EMAIL_REQUESTS")
                    .status("IN_PROGRESS")
                    .sentBackBy("a-ann")
                    .endTime(TODAY_10AM)
                    .insert()
                    // Bob, refunds: 3 pending, 2 in progress
                    .tasks(
                            3,
                            "bob-ref-pending",
                            t -> t.type("STANDALONE_REFUNDS").status("PENDING").assignedTo("a-bob"))
                    .tasks(
                            2,
                            "bob-ref-progress",
                            t -> t.type("STANDALONE_REFUNDS")
                                    .status("IN_PROGRESS")
                                    .assignedTo("a-bob"))
                    // Cy: 5 Text Club completed today
                    .tasks(
                            5,
                            "cy-tc-done",
                            t -> t.status("COMPLETED").assignedTo("a-cy").endTime(TODAY_10AM))
                    // not an agent
                    .tasks(
                            4,
                            "max-done",
                            t -> t.status("COMPLETED").assignedTo("m-max").endTime(TODAY_10AM));
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static ValidatableResponse progress() {
        return Api.asManager()
                .get("/api/manager/dashboard/agent-progress")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true));
    }

    @Test
    void sortsByCompletedTodayThenAssignedThenId() {
        progress().body("agentProgress.id", contains("a-ann", "a-cy", "a-bob", "a-dee", "a-eve"));
    }

    @Test
    void countsOpenWorkPerTypeAndLeavesHoldsAndYotpoOut() {
        progress()
                .body("agentProgress[0].assigned", equalTo(4))
                .body("agentProgress[0].assignedNotStarted", equalTo(2))
                .body("agentProgress[0].inProgress", equalTo(1))
                .body("agentProgress[0].taskTypeBreakdown.textClub.assigned", equalTo(4))
                .body("agentProgress[0].taskTypeBreakdown.textClub.assignedNotStarted", equalTo(2))
                .body("agentProgress[0].taskTypeBreakdown.textClub.inProgress", equalTo(1))
                .body("agentProgress[0].taskTypeBreakdown.wodIvcs.assigned", equalTo(0))
                .body("agentProgress[2].name", equalTo("Unknown"))
                .body("agentProgress[2].assigned", equalTo(5))
                .body("agentProgress[2].assignedNotStarted", equalTo(3))
                .body("agentProgress[2].inProgress", equalTo(2))
                .body("agentProgress[2].taskTypeBreakdown.standaloneRefunds.assigned", equalTo(5))
                .body("agentProgress[2].taskTypeBreakdown.standaloneRefunds.inProgress", equalTo(2))
                .body("agentProgress[2].completedToday", equalTo(0));
    }

    @Test
    void completedTodayCreditsAssigneeAndCompleterOnceEachAndTasksSentBackToday() {
        progress()
                .body("agentProgress[0].completedToday", equalTo(9))
                .body("agentProgress[0].taskTypeBreakdown.textClub.completedToday", equalTo(6))
                .body("agentProgress[0].taskTypeBreakdown.wodIvcs.completedToday", equalTo(2))
                .body("agentProgress[0].taskTypeBreakdown.emailRequests.completedToday", equalTo(1))
                .body("agentProgress[0].taskTypeBreakdown.standaloneRefunds.completedToday", equalTo(0))
                .body("agentProgress[1].completedToday", equalTo(6))
                .body("agentProgress[1].taskTypeBreakdown.textClub.completedToday", equalTo(6))
                .body("agentProgress[1].assigned", equalTo(1))
                .body("agentProgress[1].taskTypeBreakdown.emailRequests.assigned", equalTo(1))
                .body("agentProgress[1].taskTypeBreakdown.emailRequests.assignedNotStarted", equalTo(1))
                .body("agentProgress[1].taskTypeBreakdown.emailRequests.completedToday", equalTo(0));
    }

    @Test
    void showsIdentityLivenessAndLastActivityOfAnyAssignedTask() {
        progress()
                .body("agentProgress[3].id", equalTo("a-dee"))
                .body("agentProgress[3].name", equalTo("Unknown"))
                .body("agentProgress[4].id", equalTo("a-eve"))
                .body("agentProgress[4].name", equalTo("Eve"))
                .body("agentProgress[0].name", equalTo("Ann"))
                .body("agentProgress[0].email", equalTo("a-ann@taskdesk.example"))
                .body("agentProgress[0].isLive", equalTo(false))
                .body("agentProgress[0].lastActivity", equalTo("2026-11-26T14:00:00.500Z"))
                .body("agentProgress[2].lastActivity", equalTo("2025-01-01T00:00:00.000Z"))
                .body("agentProgress[3].lastActivity", nullValue());
    }
}
