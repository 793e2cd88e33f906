package com.taskdesk.holds;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Holds assembly line at 2031-05-05 12:00 UTC (today starts at 00:00 UTC in the test profile):
 * fifteen Holds tasks, each built so that one rule of revision 3, §3.3, changes a number or an order
 * (HoldsQueuesFixtures says which), and a Text Club task in a Holds queue that is never read.
 */
@QuarkusTest
class HoldsQueuesResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every task in the database order: "holdsOrderDate" ASC NULLS LAST, priority DESC NULLS FIRST, "createdAt", id. */
    private static final List<String> DATABASE_ORDER = List.of(
            "h-aging",
            "h-edge-4d",
            "h-approaching",
            "h-edge-3d",
            "h-just-under-3d",
            "h-rework-earlier",
            "h-agent-mover",
            "h-paren-first",
            "h-mover-name-contains",
            "h-name-ann",
            "h-completed-only-by",
            "h-null-status",
            "h-unknown-status",
            "h-completed-primary",
            "h-completed-only-at");

    /** Never worked first, then the order date with none as 0; ties in the database order. */
    private static final List<String> NEVER_WORKED_FIRST = List.of(
            "h-completed-only-by",
            "h-null-status",
            "h-aging",
            "h-edge-4d",
            "h-approaching",
            "h-just-under-3d",
            "h-rework-earlier",
            "h-unknown-status",
            "h-completed-primary",
            "h-completed-only-at",
            "h-edge-3d",
            "h-agent-mover",
            "h-paren-first",
            "h-mover-name-contains",
            "h-name-ann");

    @Inject
    TestClock clock;

    @BeforeEach
    void theAssemblyLine() {
        clock.set(HoldsQueuesFixtures.NOW);
        try (Fixtures db = Fixtures.connect()) {
            HoldsQueuesFixtures.insert(db.reset());
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static JsonNode queues(String query) {
        RequestSpecification request = Api.asManager();
        String path = "/api/holds/queues" + (query.isEmpty() ? "" : "?" + query);
        Response response = request.urlEncodingEnabled(false).get(path);
        assertEquals(200, response.statusCode(), response.asString());
        try {
            return JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(task -> ids.add(task.get("id").asText()));
        return ids;
    }

    private static Map<String, String> queueCounts(JsonNode data) {
        Map<String, String> counts = new LinkedHashMap<>();
        data.get("queues")
                .fields()
                .forEachRemaining(queue -> counts.put(
                        queue.getKey(),
                        queue.getValue().get("total").asLong() + "/"
                                + queue.getValue().get("approaching").asLong() + " "
                                + ids(queue.getValue().get("tasks"))));
        return counts;
    }

    private static String summary(JsonNode data) {
        JsonNode summary = data.get("summary");
        return summary.get("totalTasks") + "/" + summary.get("totalApproaching") + "/" + summary.get("unassignedTasks");
    }

    @Test
    void listsEveryHoldsTaskOfEveryStatusNeverWorkedFirstByDefault() {
        JsonNode data = queues("sortBy=neverWorkedFirst").get("data");
        assertEquals(NEVER_WORKED_FIRST, ids(data.get("tasks")));
        assertEquals(NEVER_WORKED_FIRST, ids(queues("sortBy=").get("data").get("tasks")));
    }

    @Test
    void anUnknownSortKeepsTheDatabaseOrder() {
        assertEquals(
                DATABASE_ORDER, ids(queues("sortBy=newestFirst").get("data").get("tasks")));
    }

    @Test
    void oldestFirstCountsAMissingOrderDateAsTheEpoch() {
        assertEquals(
                List.of(
                        "h-completed-only-by",
                        "h-null-status",
                        "h-unknown-status",
                        "h-completed-primary",
                        "h-completed-only-at",
                        "h-aging",
                        "h-edge-4d",
                        "h-approaching",
                        "h-edge-3d",
                        "h-just-under-3d",
                        "h-rework-earlier",
                        "h-agent-mover",
                        "h-paren-first",
                        "h-mover-name-contains",
                        "h-name-ann"),
                ids(queues("sortBy=oldestFirst").get("data").get("tasks")));
    }

    @Test
    void recentlyWorkedLastPutsTheNeverWorkedThenTheNotRecentFirst() {
        assertEquals(
                List.of(
                        "h-completed-only-by",
                        "h-null-status",
                        "h-aging",
                        "h-edge-4d",
                        "h-approaching",
                        "h-just-under-3d",
                        "h-rework-earlier",
                        "h-unknown-status",
                        "h-completed-only-at",
                        "h-edge-3d",
                        "h-name-ann",
                        "h-completed-primary",
                        "h-agent-mover",
                        "h-paren-first",
                        "h-mover-name-contains"),
                ids(queues("sortBy=recentlyWorkedLast").get("data").get("tasks")));
    }

    @Test
    void groupsTheFiveQueuesInTheirOrderAndCountsTasksOfNoQueueInTheSummaryOnly() {
        JsonNode data = queues("sortBy=neverWorkedFirst").get("data");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Agent Research", "4/1 [h-aging, h-approaching, h-rework-earlier, h-name-ann]");
        expected.put("Customer Contact", "3/1 [h-edge-4d, h-edge-3d, h-paren-first]");
        expected.put("Escalated Call 4+ Day", "2/0 [h-just-under-3d, h-mover-name-contains]");
        expected.put("Duplicates", "2/0 [h-completed-only-at, h-agent-mover]");
        expected.put("Completed", "2/0 [h-completed-only-by, h-completed-primary]");
        assertEquals(expected, queueCounts(data));
        assertEquals("15/2/10", summary(data));
    }

    /** Per task: daysSinceOrder, isAging, isApproaching, hoursInQueue, needsAttention, then the work metadata. */
    @Test
    void computesAgingTimeInQueueAndWorkMetadataForEachTask() {
        JsonNode tasks = queues("includeAging=true&sortBy=none").get("data").get("tasks");
        Map<String, String> computed = new LinkedHashMap<>();
        tasks.forEach(task -> {
            JsonNode aging = task.get("aging");
            JsonNode work = task.get("workMetadata");
            computed.put(
                    task.get("id").asText(),
                    aging.get("daysSinceOrder") + " " + aging.get("isAging") + " " + aging.get("isApproaching") + " | "
                            + task.get("hoursInQueue") + " " + task.get("needsAttention") + " | "
                            + work.get("hasBeenWorked") + " " + work.get("isRework") + " "
                            + work.get("recentlyWorked") + " " + work.get("lastWorkedAt") + " "
                            + work.get("lastWorkedBy") + " " + work.get("lastWorkedByName") + " "
                            + work.get("workAttempts") + " " + work.get("hoursSinceLastWork"));
        });
        Map<String, String> expected = new LinkedHashMap<>();
        String never = "false false false null null null 0 null";
        expected.put("h-aging", "5 true false | 0 false | " + never);
        expected.put("h-edge-4d", "4 true false | 0 false | " + never);
        expected.put("h-approaching", "3 false true | 0 false | " + never);
        expected.put(
                "h-edge-3d",
                "3 false true | 84 true | true true false \"2031-05-02T00:00:00.000Z\" null \"Sam Stone\" 1 84");
        expected.put("h-just-under-3d", "2 false false | 48 true | " + never);
        expected.put("h-rework-earlier", "2 false false | 10 false | false true false null null null 0 null");
        expected.put(
                "h-agent-mover", "2 false false | 5 false | true true true \"2031-05-05T06:30:00.000Z\" null null 1 5");
        expected.put(
                "h-paren-first",
                "2 false false | 0 false | true false true \"2031-05-05T11:59:59.999Z\" \"u-zed\" \"Zed Inactive\" 1 0");
        expected.put(
                "h-mover-name-contains",
                "2 false false | 24 false | true false true \"2031-05-04T12:00:00.000Z\" \"u-bo\" \"Bo\" 1 24");
        expected.put(
                "h-name-ann",
                "1 false false | 36 false | true false false \"2031-05-04T00:00:00.000Z\" \"u-ann\" \"Ann Lee\" 1 36");
        expected.put("h-completed-only-by", "0 false false | 0 false | " + never);
        expected.put("h-null-status", "0 false false | 1 false | " + never);
        expected.put("h-unknown-status", "0 false false | 0 false | true true false null null null 1 null");
        expected.put(
                "h-completed-primary",
                "0 false false | 2 false | true true true \"2031-05-05T10:00:00.000Z\" \"u-bo\" \"Bo\" 3 2");
        expected.put(
                "h-completed-only-at", "0 false false | 0 false | true false false null \"u-kim-1\" \"Kim\" 1 null");
        assertEquals(expected, computed);
    }

    @Test
    void answersAFullTaskWithItsColumnsUsersAndStoredHistory() throws Exception {
        JsonNode queues = queues("sortBy=neverWorkedFirst").get("data").get("queues");
        JsonNode primary = queues.get("Completed").get("tasks").get(1);
        assertEquals(JSON.readTree(HoldsQueuesFixtures.COMPLETED_PRIMARY_FULL), primary);
    }

    @Test
    void dataTasksAreSlimUnlessIncludeAgingIsExactlyTrueAndQueueTasksAreAlwaysFull() {
        Set<String> slim = new TreeSet<>(List.of(
                "id",
                "text",
                "status",
                "holdsStatus",
                "holdsOrderNumber",
                "holdsCustomerEmail",
                "holdsOrderDate",
                "holdsPriority",
                "holdsDaysInSystem",
                "holdsOrderAmount",
                "holdsQueueHistory",
                "completedBy",
                "completedAt",
                "createdAt",
                "updatedAt",
                "assignedTo",
                "completedByUser"));
        Set<String> full = new TreeSet<>(slim);
        full.addAll(List.of("aging", "hoursInQueue", "needsAttention", "workMetadata"));
        JsonNode data = queues("includeAging=TRUE").get("data");
        data.get("tasks").forEach(task -> assertEquals(slim, keys(task)));
        data.get("queues").forEach(queue -> queue.get("tasks").forEach(task -> assertEquals(full, keys(task))));
        queues("includeAging=true").get("data").get("tasks").forEach(task -> assertEquals(full, keys(task)));
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void answersTextAsStoredDecimalsAsNumbersAndHistoriesAsJson() {
        JsonNode tasks = queues("sortBy=none").get("data").get("tasks");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        tasks.forEach(task -> byId.put(task.get("id").asText(), task));
        // no raw-message fallback: NULL stays null though its raw message has text, "" stays ""
        assertTrue(byId.get("h-aging").get("text").isNull());
        assertEquals("", byId.get("h-approaching").get("text").asText());
        assertEquals("0", byId.get("h-aging").get("holdsOrderAmount").toString());
        assertEquals("-12.5", byId.get("h-approaching").get("holdsOrderAmount").toString());
        assertEquals(
                "1234.567890123457",
                byId.get("h-edge-4d").get("holdsOrderAmount").toString());
        assertTrue(byId.get("h-edge-3d").get("holdsOrderAmount").isNull());
        // the stored JSON: NULL, [], an object, and a number written as JavaScript writes it (1.50 -> 1.5)
        assertTrue(byId.get("h-aging").get("holdsQueueHistory").isNull());
        assertEquals("[]", byId.get("h-approaching").get("holdsQueueHistory").toString());
        assertEquals(
                "{\"queue\":\"Customer Contact\",\"enteredAt\":\"2031-05-05T00:00:00Z\"}",
                byId.get("h-edge-4d").get("holdsQueueHistory").toString());
        assertEquals(
                "[{\"queue\":\"X\",\"score\":1.5,\"movedBy\":42,\"enteredAt\":\"2031-05-05T11:00:00Z\","
                        + "\"disposition\":\"\"}]",
                byId.get("h-null-status").get("holdsQueueHistory").toString());
        assertTrue(byId.get("h-null-status").get("holdsStatus").isNull());
        assertEquals(
                "Escalated", byId.get("h-unknown-status").get("holdsStatus").asText());
        assertTrue(!byId.get("h-aging").has("assignedToId"));
    }

    @Test
    void aQueueParameterReadsThatQueueOnlyAndKeepsTheOtherFourEmpty() {
        JsonNode data = queues("queue=Customer+Contact").get("data");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Agent Research", "0/0 []");
        expected.put("Customer Contact", "3/1 [h-edge-4d, h-edge-3d, h-paren-first]");
        expected.put("Escalated Call 4+ Day", "0/0 []");
        expected.put("Duplicates", "0/0 []");
        expected.put("Completed", "0/0 []");
        assertEquals(expected, queueCounts(data));
        assertEquals("3/1/2", summary(data));
        assertEquals(List.of("h-edge-4d", "h-edge-3d", "h-paren-first"), ids(data.get("tasks")));

        assertEquals(
                List.of("h-just-under-3d", "h-mover-name-contains"),
                ids(queues("queue=Escalated%20Call%204%2B%20Day").get("data").get("tasks")));
    }

    /** debug=1 is not served (decision 7): an unknown parameter, the normal answer. */
    @Test
    void anUnknownQueueDebugAndTheFirstOfARepeatedParameter() {
        assertEquals(15, queues("queue=agent+research").get("data").get("tasks").size());
        JsonNode debug = queues("debug=1");
        assertEquals(List.of("data", "success"), List.copyOf(new TreeSet<>(keys(debug))));
        assertEquals(NEVER_WORKED_FIRST, ids(debug.get("data").get("tasks")));
        assertEquals(
                List.of("h-just-under-3d", "h-mover-name-contains"),
                ids(queues("queue=Escalated+Call+4%2B+Day&queue=Completed")
                        .get("data")
                        .get("tasks")));
    }

    @Test
    void neverWorkedKeepsTasksWithoutWork() {
        JsonNode data = queues("filter=neverWorked").get("data");
        assertEquals(
                List.of(
                        "h-completed-only-by",
                        "h-null-status",
                        "h-aging",
                        "h-edge-4d",
                        "h-approaching",
                        "h-just-under-3d",
                        "h-rework-earlier"),
                ids(data.get("tasks")));
        assertEquals("7/1/5", summary(data));
    }

    @Test
    void reworkedKeepsTasksBackInAQueueTheyWereIn() {
        assertEquals(
                List.of("h-rework-earlier", "h-unknown-status", "h-completed-primary", "h-edge-3d", "h-agent-mover"),
                ids(queues("filter=reworked").get("data").get("tasks")));
    }

    @Test
    void workedTodayKeepsWorkSinceTodaysMidnight() {
        assertEquals(
                List.of("h-completed-primary", "h-agent-mover", "h-paren-first"),
                ids(queues("filter=workedToday").get("data").get("tasks")));
        assertEquals(
                15, queues("filter=workedYesterday").get("data").get("tasks").size());
    }

    @Test
    void summaryIsOneGroupByWithEveryListEmpty() {
        JsonNode data = queues("summary=true").get("data");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Agent Research", "4/1 []");
        expected.put("Customer Contact", "3/1 []");
        expected.put("Escalated Call 4+ Day", "2/0 []");
        expected.put("Duplicates", "2/0 []");
        expected.put("Completed", "2/0 []");
        assertEquals(expected, queueCounts(data));
        assertEquals("15/2/10", summary(data));
        assertEquals(0, data.get("tasks").size());
        assertEquals(1, SqlCounter.statements().size());
        assertTrue(
                SqlCounter.statements().get(0).contains("GROUP BY \"holdsStatus\""),
                SqlCounter.statements().get(0));
    }

    @Test
    void summaryOfOneQueueAndSummaryWithAFilter() {
        JsonNode queue = queues("summary=true&queue=Agent+Research").get("data");
        assertEquals("4/1 []", queueCounts(queue).get("Agent Research"));
        assertEquals("0/0 []", queueCounts(queue).get("Completed"));
        assertEquals("4/1/3", summary(queue));

        SqlCounter.reset();
        JsonNode filtered = queues("summary=true&filter=neverWorked").get("data");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Agent Research", "3/1 []");
        expected.put("Customer Contact", "1/0 []");
        expected.put("Escalated Call 4+ Day", "1/0 []");
        expected.put("Duplicates", "0/0 []");
        expected.put("Completed", "1/0 []");
        assertEquals(expected, queueCounts(filtered));
        assertEquals("7/1/5", summary(filtered));
        assertEquals(0, filtered.get("tasks").size());
        assertEquals(1, SqlCounter.statements().size());
    }

    @Test
    void everyCallIsOneStatementOnOneConnection() {
        queues("sortBy=oldestFirst&filter=reworked&includeAging=true");
        assertEquals(1, SqlCounter.statements().size());
        assertEquals(1, SqlCounter.checkouts());
    }

    @Test
    void aTextClubTaskInAHoldsQueueIsNeverRead() {
        JsonNode data = queues("queue=Agent+Research").get("data");
        assertTrue(!ids(data.get("tasks")).contains("tc-in-holds-queue"));
    }

    /** The Holds overview's poll: the same answer for every manager, from this instance's memory. */
    @Test
    void theParameterlessPollIsCachedAndACallWithParametersIsNot() {
        clock.set(Instant.parse("2031-05-06T08:00:00Z"));
        Response first = Api.asManager().get("/api/holds/queues");
        assertEquals(200, first.statusCode());
        assertEquals("private, max-age=10", String.join(", ", first.headers().getValues("Cache-Control")));
        assertEquals("0", first.header("X-Data-Age"));
        assertEquals("Tue, 6 May 2031 08:00:00 GMT", first.header("Last-Modified"));
        assertEquals(15, first.<Integer>path("data.summary.totalTasks").intValue());
        assertEquals(NEVER_WORKED_FIRST, first.<List<String>>path("data.tasks.id"));

        try (Fixtures db = Fixtures.connect()) {
            db.task("h-new").type("HOLDS").set("holdsStatus", "Duplicates").insert();
        }
        clock.advanceSeconds(7);
        SqlCounter.reset();
        Response cached = Api.asManager().get("/api/holds/queues");
        assertEquals("private, max-age=3", String.join(", ", cached.headers().getValues("Cache-Control")));
        assertEquals("7", cached.header("X-Data-Age"));
        assertEquals(15, cached.<Integer>path("data.summary.totalTasks").intValue());
        assertEquals(0, SqlCounter.statements().size(), "a cached answer sends no statement");

        Response withParameters =
                Api.asManager().queryParam("sortBy", "neverWorkedFirst").get("/api/holds/queues");
        assertEquals("no-store", withParameters.header("Cache-Control"));
        assertEquals(16, withParameters.<Integer>path("data.summary.totalTasks").intValue());
        assertEquals(1, SqlCounter.statements().size());

        clock.advanceSeconds(3);
        Response fresh = Api.asManager().get("/api/holds/queues");
        assertEquals("0", fresh.header("X-Data-Age"));
        assertEquals(16, fresh.<Integer>path("data.summary.totalTasks").intValue());
    }

    /** A statement that cannot finish (the table locked past the statement timeout) is a 503; nothing is cached. */
    @Test
    void aBusyDatabaseIs503WithRetryAfterAndThePollIsNotCached() {
        clock.set(Instant.parse("2031-05-07T08:00:00Z"));
        try (Fixtures locker = Fixtures.connect()) {
            locker.execute("BEGIN").execute("LOCK TABLE \"Task\" IN ACCESS EXCLUSIVE MODE");
            Response busy = Api.asManager().get("/api/holds/queues");
            assertEquals(503, busy.statusCode());
            assertEquals("2", busy.header("Retry-After"));
            assertEquals(false, busy.<Boolean>path("success"));
            locker.execute("ROLLBACK");
        }
        SqlCounter.reset();
        Response after = Api.asManager().get("/api/holds/queues");
        assertEquals(200, after.statusCode());
        assertEquals(15, after.<Integer>path("data.summary.totalTasks").intValue());
        assertEquals(1, SqlCounter.statements().size(), "the failed read left nothing to serve from memory");
    }

    @Test
    void anAgentIsForbiddenAndNoTokenIsUnauthorized() {
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.withRole("u-ann", "AGENT"))
                .get("/api/holds/queues")
                .then()
                .statusCode(403)
                .body("success", equalTo(false));
        Api.anonymous().get("/api/holds/queues").then().statusCode(401).body("success", equalTo(false));
        assertEquals(0, SqlCounter.checkouts());
    }

    static LocalDateTime utc(String text) {
        return LocalDateTime.parse(text);
    }
}
