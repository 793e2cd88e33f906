package com.taskdesk.agents;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AgentsResourceTest {

    @BeforeEach
    void agentsWithOpenAndClosedTasks() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user(
                            "m-max",
                            "max@taskdesk.example",
                            "Max",
                            "MANAGER",
                            true,
                            null,
                            LocalDateTime.of(2024, 6, 1, 0, 0))
                    .user(
                            "a-ann",
                            "ann@taskdesk.example",
                            "Ann",
                            "AGENT",
                            true,
                            LocalDateTime.of(2026, 11, 26, 9, 15, 30, 123_000_000),
                            LocalDateTime.of(2025, 1, 2, 0, 0))
                    .user(
                            "a-bob",
                            "bob@taskdesk.example",
                            null,
                            "MANAGER_AGENT",
                            false,
                            null,
                            LocalDateTime.of(2025, 1, 1, 0, 0))
                    .user("a-cy", "cy@taskdesk.example", "Cy", "AGENT", false, null, LocalDateTime.of(2025, 1, 3, 0, 0))
                    // Ann's open tasks: 2 email, 3 text club, 1 WOD, 4 refunds
                    .tasks(
                            2,
                            "ann-email",
                            t -> t.type("EMAIL_REQUESTS").status("PENDING").assignedTo("a-ann"))
                    .tasks(
                            3,
                            "ann-tc",
                            t -> t.type("TEXT_CLUB").status("IN_PROGRESS").assignedTo("a-ann"))
                    .tasks(
                            1,
                            "ann-wod",
                            t -> t.type("WOD_IVCS")
                                    .status("ASSISTANCE_REQUIRED")
                                    .assignedTo("a-ann"))
                    .tasks(
                            4,
                            "ann-ref",
                            t -> t.type("STANDALONE_REFUNDS").status("PENDING").assignedTo("a-ann"))
                    // not counted: HOLDS, closed statuses, spam review, unassigned, a manager's tasks
                    .tasks(
                            5,
                            "ann-holds",
                            t -> t.type("HOLDS").status("PENDING").assignedTo("a-ann"))
                    .tasks(
                            6,
                            "ann-done",
                            t -> t.type("TEXT_CLUB").status("COMPLETED").assignedTo("a-ann"))
                    .tasks(
                            1,
                            "ann-resolved",
                            t -> t.type("EMAIL_REQUESTS").status("RESOLVED").assignedTo("a-ann"))
                    .tasks(
                            1,
                            "ann-spam",
                            t -> t.type("TEXT_CLUB").status("SPAM_REVIEW").assignedTo("a-ann"))
                    .tasks(2, "queue", t -> t.type("TEXT_CLUB").status("PENDING"))
                    .tasks(1, "max", t -> t.type("TEXT_CLUB").status("PENDING").assignedTo("m-max"))
                    // Bob: 1 text club pending, 2 WOD in progress
                    .tasks(
                            1,
                            "bob-tc",
                            t -> t.type("TEXT_CLUB").status("PENDING").assignedTo("a-bob"))
                    .tasks(
                            2,
                            "bob-wod",
                            t -> t.type("WOD_IVCS").status("IN_PROGRESS").assignedTo("a-bob"));
        }
    }

    @Test
    void listsAgentsOldestFirstWithOpenCountsPerTypeAndHoldsLeftOut() {
        Api.asManager()
                .get("/api/manager/agents")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true))
                .body("agents", hasSize(3))
                .body("agents.id", contains("a-bob", "a-ann", "a-cy"))
                .body("agents[1].email", equalTo("ann@taskdesk.example"))
                .body("agents[1].name", equalTo("Ann"))
                .body("agents[1].openCount", equalTo(10))
                .body("agents[1].emailRequestCount", equalTo(2))
                .body("agents[1].textClubCount", equalTo(3))
                .body("agents[1].wodIvcsCount", equalTo(1))
                .body("agents[1].refundCount", equalTo(4))
                .body("agents[1].isLive", equalTo(true))
                .body("agents[1].lastSeen", equalTo("2026-11-26T09:15:30.123Z"))
                .body("agents[0].openCount", equalTo(3))
                .body("agents[0].textClubCount", equalTo(1))
                .body("agents[0].wodIvcsCount", equalTo(2))
                .body("agents[0].emailRequestCount", equalTo(0))
                .body("agents[0].isLive", equalTo(false))
                .body("agents[0].lastSeen", nullValue())
                .body("agents[2].openCount", equalTo(0))
                .body("agents[2].refundCount", equalTo(0));
    }

    @Test
    void agentWithoutNameIsShownByEmail() {
        Api.asManager()
                .get("/api/manager/agents")
                .then()
                .statusCode(200)
                .body("agents[0].id", equalTo("a-bob"))
                .body("agents[0].name", equalTo("bob@taskdesk.example"));
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        Api.asManager()
                .queryParam("_", "1732600000000")
                .queryParam("agent", "a-ann")
                .get("/api/manager/agents")
                .then()
                .statusCode(200)
                .body("agents", hasSize(3));
    }
}
