package com.taskdesk.holds;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Holds specialists: active AGENT or MANAGER_AGENT users with HOLDS in "agentTypes", by name
 * (the database's collation, NULLs last), then id; each with its open Holds tasks.
 */
@QuarkusTest
class HoldsAgentsResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void specialistsAndOthers() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    // listed: by name, "" before any other, two named Bea by id, NULL last
                    .user("u-cy")
                    .name("Cy")
                    .email("cy@taskdesk.example")
                    .live(true, LocalDateTime.of(2031, 5, 5, 11, 59, 30, 250_000_000))
                    .agentTypes("TEXT_CLUB", "HOLDS")
                    .insert()
                    .user("u-bea-2")
                    .name("Bea")
                    .role("MANAGER_AGENT")
                    .agentTypes("HOLDS")
                    .insert()
                    .user("u-bea-1")
                    .name("Bea")
                    .agentTypes("HOLDS", "YOTPO")
                    .insert()
                    .user("u-nameless")
                    .agentTypes("HOLDS")
                    .insert()
                    .user("u-empty")
                    .name("")
                    .agentTypes("HOLDS")
                    .insert()
                    // not listed: inactive, a manager, NULL, empty or other "agentTypes"
                    .user("u-paused")
                    .name("Al")
                    .inactive()
                    .agentTypes("HOLDS")
                    .insert()
                    .user("u-boss")
                    .name("Ab")
                    .role("MANAGER")
                    .agentTypes("HOLDS")
                    .insert()
                    .user("u-untyped")
                    .name("Aa")
                    .agentTypes((String[]) null)
                    .insert()
                    .user("u-none")
                    .name("Ac")
                    .agentTypes()
                    .insert()
                    .user("u-yotpo")
                    .name("Ad")
                    .agentTypes("YOTPO")
                    .insert()
                    // Cy's open Holds tasks: 2 pending, 1 in progress, 1 needing assistance = 4
                    .tasks(
                            2,
                            "cy-pending",
                            t -> t.type("HOLDS").status("PENDING").assignedTo("u-cy"))
                    .tasks(
                            1,
                            "cy-progress",
                            t -> t.type("HOLDS").status("IN_PROGRESS").assignedTo("u-cy"))
                    .tasks(
                            1,
                            "cy-help",
                            t -> t.type("HOLDS").status("ASSISTANCE_REQUIRED").assignedTo("u-cy"))
                    // not counted: resolved, completed, spam review, other types, unassigned
                    .tasks(
                            1,
                            "cy-resolved",
                            t -> t.type("HOLDS").status("RESOLVED").assignedTo("u-cy"))
                    .tasks(
                            1,
                            "cy-done",
                            t -> t.type("HOLDS").status("COMPLETED").assignedTo("u-cy"))
                    .tasks(
                            1,
                            "cy-spam",
                            t -> t.type("HOLDS").status("SPAM_REVIEW").assignedTo("u-cy"))
                    .tasks(
                            3,
                            "cy-text",
                            t -> t.type("TEXT_CLUB").status("PENDING").assignedTo("u-cy"))
                    .tasks(
                            1,
                            "cy-yotpo",
                            t -> t.type("YOTPO").status("IN_PROGRESS").assignedTo("u-cy"))
                    .tasks(2, "nobody", t -> t.type("HOLDS").status("PENDING"))
                    // Bea (u-bea-1): 1
                    .tasks(1, "bea", t -> t.type("HOLDS").status("IN_PROGRESS").assignedTo("u-bea-1"));
        }
    }

    private static ValidatableResponse agents() {
        return Api.asManager()
                .get("/api/holds/agents")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("success", equalTo(true));
    }

    @Test
    void listsActiveHoldsSpecialistsByNameNullsLastThenId() {
        agents().body("agents.id", equalTo(List.of("u-empty", "u-bea-1", "u-bea-2", "u-cy", "u-nameless")));
    }

    @Test
    void countsOpenHoldsTasksOnlyAndZeroWithoutAny() {
        agents().body("agents.holdsCount", equalTo(List.of(0, 1, 0, 4, 0)));
    }

    @Test
    void answersEachAgentsSevenFieldsNameAsStored() throws Exception {
        JsonNode agents = JSON.readTree(agents().extract().asString()).get("agents");
        assertEquals(
                JSON.readTree("{\"id\":\"u-cy\",\"email\":\"cy@taskdesk.example\",\"name\":\"Cy\",\"isLive\":true,"
                        + "\"lastSeen\":\"2031-05-05T11:59:30.250Z\",\"agentTypes\":[\"TEXT_CLUB\",\"HOLDS\"],"
                        + "\"holdsCount\":4}"),
                agents.get(3));
        assertEquals(
                JSON.readTree("{\"id\":\"u-nameless\",\"email\":\"u-nameless@taskdesk.example\",\"name\":null,"
                        + "\"isLive\":false,\"lastSeen\":null,\"agentTypes\":[\"HOLDS\"],\"holdsCount\":0}"),
                agents.get(4));
        assertEquals("", agents.get(0).get("name").asText());
    }

    @Test
    void oneStatementOnOneConnection() {
        SqlCounter.reset();
        agents();
        assertEquals(1, SqlCounter.statements().size());
        assertEquals(1, SqlCounter.checkouts());
    }

    @Test
    void anAgentIsForbiddenAndNoTokenIsUnauthorized() {
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.withRole("u-cy", "AGENT"))
                .get("/api/holds/agents")
                .then()
                .statusCode(403)
                .body("success", equalTo(false));
        Api.anonymous().get("/api/holds/agents").then().statusCode(401).body("success", equalTo(false));
    }
}
