package com.taskdesk.portal;

import static com.taskdesk.portal.PortalApi.ANN;
import static com.taskdesk.portal.PortalApi.ANN_EMAIL;
import static com.taskdesk.portal.PortalApi.ANN_TOKEN;
import static com.taskdesk.portal.PortalApi.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The result cap (decision 1) at 3 rows: a longer list answers its first 3 in the contract's order,
 * Holds places included, marked X-Result-Truncated and logged; a list of exactly 3 is whole.
 */
@QuarkusTest
@TestProfile(AgentTasksCapTest.ThreeRows.class)
class AgentTasksCapTest {

    public static class ThreeRows implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("taskdesk.results.max-rows", "3");
        }
    }

    @BeforeEach
    void ann() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset().user(ANN).email(ANN_EMAIL).insert();
        }
    }

    private static void tasks(String... typeAndQueue) {
        try (Fixtures db = Fixtures.connect()) {
            for (int i = 0; i < typeAndQueue.length; i++) {
                String[] parts = typeAndQueue[i].split(":");
                db.task("t" + (i + 1))
                        .type(parts[0])
                        .set("holdsStatus", parts.length > 1 ? parts[1] : null)
                        .assignedTo(ANN)
                        .createdAt(LocalDateTime.of(2026, 5, 1, i + 1, 0))
                        .insert();
            }
        }
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        PortalApi.body(response, 200)
                .path("tasks")
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    @Test
    void aLongerListAnswersItsFirstRowsInTheContractsOrderMarkedAndLogged() {
        // by time t1..t5; the Escalated HOLDS t5 takes the first Holds place (t2's), t2 the last
        tasks("TEXT_CLUB", "HOLDS:Completed", "TEXT_CLUB", "WOD_IVCS", "HOLDS:Escalated Call 4+ Day");

        try (CapturedLog log = new CapturedLog()) {
            Response response = get(ANN_TOKEN, "/api/agent/tasks", "");

            assertEquals(List.of("t1", "t5", "t3"), ids(response));
            assertEquals("true", response.header("X-Result-Truncated"));
            assertEquals(
                    1,
                    log.lines().stream()
                            .filter(line -> line.startsWith("WARN")
                                    && line.contains("com.taskdesk.http.ResultCap: The answer's list was cut to its"
                                            + " first 3 rows"))
                            .count(),
                    log.all());
        }
        Response newestFirst = get(ANN_TOKEN, "/api/agent/tasks", "order=desc");
        assertEquals(List.of("t5", "t4", "t3"), ids(newestFirst));
        assertEquals("true", newestFirst.header("X-Result-Truncated"));
    }

    @Test
    void aListOfExactlyTheCapIsWholeAndUnmarked() {
        tasks("HOLDS:Completed", "TEXT_CLUB", "HOLDS:Duplicates");

        Response response = get(ANN_TOKEN, "/api/agent/tasks", "");

        assertEquals(List.of("t3", "t2", "t1"), ids(response));
        assertNull(response.header("X-Result-Truncated"));
        JsonNode whole = PortalApi.body(get(ANN_TOKEN, "/api/agent/tasks", ""), 200);
        assertEquals(true, whole.path("success").asBoolean());
    }
}
