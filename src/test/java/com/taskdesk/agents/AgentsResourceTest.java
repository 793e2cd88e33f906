package com.taskdesk.agents;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Agents oldest first, each with a specialization profile that one filter rule tells apart:
 * Bob's "agentTypes" is NULL and Cy's empty (both take Text Club), Dan and Fay are inactive
 * specialists, Gus takes email only.
 */
@QuarkusTest
class AgentsResourceTest {

    private static final List<String> EVERY_AGENT =
            List.of("a-bob", "a-ann", "a-cy", "a-dan", "a-eve", "a-fay", "a-gus");

    @BeforeEach
    void agentsWithOpenAndClosedTasks() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("m-max")
                    .name("Max")
                    .role("MANAGER")
                    .agentTypes("TEXT_CLUB", "HOLDS")
                    .createdAt(LocalDateTime.of(2024, 6, 1, 0, 0))
                    .insert()
                    .user("a-bob")
                    .email("bob@taskdesk.example")
                    .role("MANAGER_AGENT")
                    .agentTypes((String[]) null)
                    .createdAt(LocalDateTime.of(2025, 1, 1, 0, 0))
                    .insert()
                    .user("a-ann")
                    .email("ann@taskdesk.example")
                    .name("Ann")
                    .live(true, LocalDateTime.of(2026, 11, 26, 9, 15, 30, 123_000_000))
                    .agentTypes("TEXT_CLUB", "HOLDS")
                    .rosterTeam("Team Blue")
                    .createdAt(LocalDateTime.of(2025, 1, 2, 0, 0))
                    .insert()
                    .user("a-cy")
                    .name("Cy")
                    .agentTypes()
                    .createdAt(LocalDateTime.of(2025, 1, 3, 0, 0))
                    .insert()
                    .user("a-dan")
                    .name("Dan")
                    .inactive()
                    .agentTypes("HOLDS", "YOTPO", "TEXT_CLUB")
                    .createdAt(LocalDateTime.of(2025, 1, 4, 0, 0))
                    .insert()
                    .user("a-eve")
                    .name("Eve")
                    .agentTypes("YOTPO", "WOD_IVCS")
                    .rosterTeam("Team Red")
                    .createdAt(LocalDateTime.of(2025, 1, 5, 0, 0))
                    .insert()
                    .user("a-fay")
                    .name("Fay")
                    .inactive()
                    .agentTypes()
                    .createdAt(LocalDateTime.of(2025, 1, 6, 0, 0))
                    .insert()
                    .user("a-gus")
                    .name("")
                    .agentTypes("EMAIL_REQUESTS")
                    .createdAt(LocalDateTime.of(2025, 1, 7, 0, 0))
                    .insert()
                    // Ann's open tasks: 2 email, 3 text club, 1 WOD, 4 refunds, 5 holds, 2 Yotpo
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
                    .tasks(
                            5,
                            "ann-holds",
                            t -> t.type("HOLDS").status("PENDING").assignedTo("a-ann"))
                    .tasks(
                            2,
                            "ann-yotpo",
                            t -> t.type("YOTPO").status("IN_PROGRESS").assignedTo("a-ann"))
                    // not open: closed statuses and spam review; not hers: unassigned, a manager's,
                    // and one she completed that is assigned to nobody
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
                            t -> t.type("YOTPO").status("SPAM_REVIEW").assignedTo("a-ann"))
                    .tasks(
                            1,
                            "ann-completed-unassigned",
                            t -> t.type("HOLDS").status("COMPLETED").completedBy("a-ann"))
                    .tasks(2, "queue", t -> t.type("TEXT_CLUB").status("PENDING"))
                    .tasks(1, "max", t -> t.type("TEXT_CLUB").status("PENDING").assignedTo("m-max"))
                    // Bob: 1 text club pending, 2 WOD in progress, 1 Yotpo needing assistance
                    .tasks(
                            1,
                            "bob-tc",
                            t -> t.type("TEXT_CLUB").status("PENDING").assignedTo("a-bob"))
                    .tasks(
                            2,
                            "bob-wod",
                            t -> t.type("WOD_IVCS").status("IN_PROGRESS").assignedTo("a-bob"))
                    .tasks(
                            1,
                            "bob-yotpo",
                            t -> t.type("YOTPO").status("ASSISTANCE_REQUIRED").assignedTo("a-bob"));
        }
    }

    private static io.restassured.response.ValidatableResponse agents(String filter) {
        io.restassured.specification.RequestSpecification request = Api.asManager();
        if (filter != null) {
            request.queryParam("filter", filter);
        }
        return request.get("/api/manager/agents")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true));
    }

    @Test
    void withoutAFilterListsEveryAgentActiveOrNotOldestFirst() {
        agents(null).body("agents.id", equalTo(EVERY_AGENT));
    }

    @Test
    void countsOpenTasksOfAllSixTypes() {
        agents(null)
                .body("agents[1].id", equalTo("a-ann"))
                .body("agents[1].email", equalTo("ann@taskdesk.example"))
                .body("agents[1].name", equalTo("Ann"))
                .body("agents[1].openCount", equalTo(17))
                .body("agents[1].emailRequestCount", equalTo(2))
                .body("agents[1].textClubCount", equalTo(3))
                .body("agents[1].wodIvcsCount", equalTo(1))
                .body("agents[1].refundCount", equalTo(4))
                .body("agents[1].holdsCount", equalTo(5))
                .body("agents[1].yotpoCount", equalTo(2))
                .body("agents[1].isLive", equalTo(true))
                .body("agents[1].lastSeen", equalTo("2026-11-26T09:15:30.123Z"))
                .body("agents[0].openCount", equalTo(4))
                .body("agents[0].textClubCount", equalTo(1))
                .body("agents[0].wodIvcsCount", equalTo(2))
                .body("agents[0].yotpoCount", equalTo(1))
                .body("agents[0].holdsCount", equalTo(0))
                .body("agents[0].emailRequestCount", equalTo(0))
                .body("agents[0].isLive", equalTo(false))
                .body("agents[0].lastSeen", nullValue())
                .body("agents[2].openCount", equalTo(0))
                .body("agents[2].refundCount", equalTo(0));
    }

    @Test
    void sendsSpecializationsAsStoredWithNullAsEmptyAndTheRosterTeam() {
        agents(null)
                .body("agents[0].agentTypes", empty())
                .body("agents[1].agentTypes", contains("TEXT_CLUB", "HOLDS"))
                .body("agents[2].agentTypes", empty())
                .body("agents[4].agentTypes", contains("YOTPO", "WOD_IVCS"))
                .body("agents[1].rosterTeam", equalTo("Team Blue"))
                .body("agents[4].rosterTeam", equalTo("Team Red"))
                .body("agents[0].rosterTeam", nullValue());
    }

    @Test
    void textClubTakesActiveAgentsWithTextClubOrNoSpecializationAtAll() {
        agents("TEXT_CLUB").body("agents.id", contains("a-bob", "a-ann", "a-cy"));
    }

    @Test
    void anyOtherTypeTakesOnlyActiveAgentsWhoHaveIt() {
        agents("HOLDS").body("agents.id", contains("a-ann")).body("agents[0].holdsCount", equalTo(5));
        agents("YOTPO").body("agents.id", contains("a-eve"));
        agents("WOD_IVCS").body("agents.id", contains("a-eve"));
        agents("EMAIL_REQUESTS").body("agents.id", contains("a-gus"));
        agents("STANDALONE_REFUNDS").body("agents", hasSize(0));
    }

    @Test
    void theFilterIsTrimmed() {
        agents("  HOLDS ").body("agents.id", contains("a-ann"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "holds", "Text_Club", "TEXT CLUB", "EVERYONE", "HOLDS,YOTPO"})
    void anEmptyUnknownOrDifferentlyCasedFilterIsNoFilter(String filter) {
        agents(filter).body("agents.id", equalTo(EVERY_AGENT));
    }

    @Test
    void agentWithoutNameIsShownByEmailAndAnEmptyNameStaysEmpty() {
        agents(null)
                .body("agents[0].id", equalTo("a-bob"))
                .body("agents[0].name", equalTo("bob@taskdesk.example"))
                .body("agents[6].id", equalTo("a-gus"))
                .body("agents[6].name", equalTo(""));
    }

    @Test
    void unknownQueryParametersAreIgnored() {
        Api.asManager()
                .queryParam("_", "1732600000000")
                .queryParam("agent", "a-ann")
                .queryParam("filter", "HOLDS")
                .get("/api/manager/agents")
                .then()
                .statusCode(200)
                .body("agents.id", contains("a-ann"));
    }
}
