package com.taskdesk.portal;

import static com.taskdesk.portal.PortalApi.ANN;
import static com.taskdesk.portal.PortalApi.ANN_EMAIL;
import static com.taskdesk.portal.PortalApi.ANN_TOKEN;
import static com.taskdesk.portal.PortalApi.body;
import static com.taskdesk.portal.PortalApi.get;
import static com.taskdesk.portal.PortalApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.taskdesk.dashboard.ShippedStagesTodayTest;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /api/agent/completed-today (contract revision 3, §3.2) in the shipped stages' zone (config/,
 * Etc/GMT+8: the app's UTC-8 reporting day): 2026-05-20 is [08:00Z, next day 08:00Z). Ann's tasks and Holds
 * sessions of that day and around it, each built for one rule: who completed a task, Holds tasks
 * only through sessions, sessions that do not count, the day's edges, absent keys, ties.
 */
@QuarkusTest
@TestProfile(ShippedStagesTodayTest.Prod.class) // the shipped stages' zone, and one application start fewer
class CompletedTodayResourceTest {

    private static final String PATH = "/api/agent/completed-today";
    /** 08:04:05 on 2026-05-20 in UTC-8. */
    private static final Instant NOW = Instant.parse("2026-05-20T16:04:05Z");

    private static final String ANNS = "email=ann%40taskdesk.example";

    @Inject
    TestClock clock;

    private static LocalDateTime at(String utc) {
        return LocalDateTime.parse(utc);
    }

    @BeforeEach
    void annsDay() {
        clock.set(NOW);
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user(ANN)
                    .email(ANN_EMAIL)
                    .insert()
                    .user("a-bob")
                    .email("bob@taskdesk.example")
                    .insert()
                    .user("a-pat")
                    .email("pat@taskdesk.example")
                    .inactive()
                    .insert()
                    .user("a-cap")
                    .email("Cap@TaskDesk.example")
                    .insert()
                    .raw("r-full")
                    .brand("RawBrand")
                    .phone("+1 555 0100")
                    .text("raw says hi")
                    .insert()
                    // tasks: completed by Ann as assignee, as completer, as both
                    .task("t-assigned")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T10:00:00"))
                    .insert()
                    .task("t-completed-by")
                    .type("WOD_IVCS")
                    .status("COMPLETED")
                    .assignedTo("a-bob")
                    .completedBy(ANN)
                    .endTime(at("2026-05-20T12:00:00"))
                    .insert()
                    .task("t-both")
                    .type("EMAIL_REQUESTS")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .completedBy(ANN)
                    .rawMessage("r-full")
                    .set("brand", "Acme")
                    .set("phone", "")
                    .set("startTime", at("2026-05-20T10:40:00"))
                    .endTime(at("2026-05-20T11:00:00"))
                    .set("durationSec", 1200)
                    .set("disposition", "Sent")
                    .set("customerName", "Cara")
                    .createdAt(at("2026-05-19T09:00:00"))
                    .updatedAt(at("2026-05-20T11:00:00.123"))
                    .insert()
                    .task("t-unassigned")
                    .type("STANDALONE_REFUNDS")
                    .status("COMPLETED")
                    .completedBy(ANN)
                    .endTime(at("2026-05-20T09:00:00"))
                    .insert()
                    .task("t-tie-b")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T09:30:00"))
                    .insert()
                    .task("t-tie-a")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T09:30:00"))
                    .insert()
                    // the day's edges: its first instant is in, the next day's is not
                    .task("t-day-start")
                    .type("YOTPO")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T08:00:00"))
                    .insert()
                    .task("t-last-ms")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-21T07:59:59.999"))
                    .insert()
                    .task("t-next-day")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-21T08:00:00"))
                    .insert()
                    .task("t-day-before")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T07:59:59.999"))
                    .insert()
                    // never task rows: a completed HOLDS task, open tasks, another agent's
                    .task("t-holds-completed")
                    .type("HOLDS")
                    .status("COMPLETED")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T10:30:00"))
                    .insert()
                    .task("t-in-progress")
                    .status("IN_PROGRESS")
                    .assignedTo(ANN)
                    .endTime(at("2026-05-20T10:00:00"))
                    .insert()
                    .task("t-sent-back")
                    .status("PENDING")
                    .assignedTo(ANN)
                    .sentBackBy(ANN)
                    .endTime(at("2026-05-20T10:00:00"))
                    .insert()
                    .task("t-bob")
                    .status("COMPLETED")
                    .assignedTo("a-bob")
                    .completedBy("a-bob")
                    .endTime(at("2026-05-20T10:00:00"))
                    .insert()
                    // Holds tasks Ann worked on: one still open and unassigned, one assigned to Bob
                    .task("h-1")
                    .type("HOLDS")
                    .rawMessage("r-full")
                    .set("holdsStatus", "Agent Research")
                    .set("holdsOrderNumber", "HO-1")
                    .set("holdsCustomerEmail", "c@x.example")
                    .set("customerName", "Cara")
                    .createdAt(at("2026-05-01T00:00:00"))
                    .updatedAt(at("2026-05-20T13:30:00"))
                    .insert()
                    .task("h-2")
                    .type("HOLDS")
                    .status("IN_PROGRESS")
                    .assignedTo("a-bob")
                    .set("brand", "Globex")
                    .insert()
                    .workSession("s-full", "h-1", ANN, at("2026-05-20T13:30:00"))
                    .set("startedAt", at("2026-05-20T13:00:00"))
                    .set("durationSec", 1800)
                    .set("fromQueue", "Agent Research")
                    .set("toQueue", "Customer Contact")
                    .set("disposition", "Called")
                    .set("outcomeType", "MOVED")
                    .insert()
                    .workSession("s-bare", "h-1", ANN, at("2026-05-20T14:00:00"))
                    .set("outcomeType", "NOTE")
                    .set("isFinalResolution", true)
                    .insert()
                    .workSession("s-no-queue", "h-2", ANN, at("2026-05-20T15:00:00"))
                    .insert()
                    .workSession("s-tie", "h-1", ANN, at("2026-05-20T10:00:00"))
                    .insert()
                    .workSession("s-tie-b", "h-2", ANN, at("2026-05-20T09:30:00"))
                    .insert()
                    .workSession("s-tie-a", "h-2", ANN, at("2026-05-20T09:30:00"))
                    .insert()
                    .workSession("s-day-start", "h-2", ANN, at("2026-05-20T08:00:00"))
                    .insert()
                    // never session rows: not productive, not Holds, another agent's, another day
                    .workSession("s-unproductive", "h-1", ANN, at("2026-05-20T12:30:00"))
                    .set("countsTowardProductivity", false)
                    .insert()
                    .workSession("s-text-club", "t-assigned", ANN, at("2026-05-20T12:30:00"))
                    .set("taskType", "TEXT_CLUB")
                    .insert()
                    .workSession("s-bob", "h-1", "a-bob", at("2026-05-20T12:30:00"))
                    .insert()
                    .workSession("s-next-day", "h-1", ANN, at("2026-05-21T08:00:00"))
                    .insert();
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("tasks").forEach(entry -> ids.add(entry.path("id").asText()));
        return ids;
    }

    private static JsonNode entry(JsonNode answer, String id) {
        for (JsonNode entry : answer.path("tasks")) {
            if (entry.path("id").asText().equals(id)) {
                return entry;
            }
        }
        throw new AssertionError(id + " is not in " + answer);
    }

    private static final List<String> TODAY = List.of(
            "t-last-ms",
            "session:s-no-queue",
            "session:s-bare",
            "session:s-full",
            "t-completed-by",
            "t-both",
            "t-assigned",
            "session:s-tie",
            "t-tie-a",
            "t-tie-b",
            "session:s-tie-a",
            "session:s-tie-b",
            "t-unassigned",
            "t-day-start",
            "session:s-day-start");

    @Test
    void todaysTasksAndHoldsSessionsMergedNewestFirstTasksBeforeSessionsOnATieThenById() {
        assertEquals(TODAY, ids(body(get(ANN_TOKEN, PATH, ANNS), 200)));
        assertEquals(1, SqlCounter.statements().size());
    }

    @Test
    void aTaskRowCarriesTheTasksFieldsAndNoSessionKeys() {
        JsonNode answer = body(get(ANN_TOKEN, PATH, ANNS), 200);

        assertEquals(json("""
                        {"id": "t-both", "status": "COMPLETED", "taskType": "EMAIL_REQUESTS", "assignedToId": "a-ann",
                         "brand": "Acme", "phone": "+1 555 0100", "text": "raw says hi",
                         "startTime": "2026-05-20T10:40:00.000Z", "endTime": "2026-05-20T11:00:00.000Z",
                         "durationSec": 1200, "disposition": "Sent",
                         "createdAt": "2026-05-19T09:00:00.000Z", "updatedAt": "2026-05-20T11:00:00.123Z",
                         "holdsStatus": null, "holdsOrderNumber": null, "holdsCustomerEmail": null,
                         "customerName": "Cara", "completionSource": "TASK"}
                        """), entry(answer, "t-both"));
        assertEquals(json("""
                        {"id": "t-unassigned", "status": "COMPLETED", "taskType": "STANDALONE_REFUNDS",
                         "assignedToId": null, "brand": "Unknown", "phone": "", "text": "",
                         "startTime": null, "endTime": "2026-05-20T09:00:00.000Z", "durationSec": null, "disposition": null,
                         "createdAt": "2025-01-01T00:00:00.000Z", "updatedAt": "2025-01-01T00:00:00.000Z",
                         "holdsStatus": null, "holdsOrderNumber": null, "holdsCustomerEmail": null,
                         "customerName": null, "completionSource": "TASK"}
                        """), entry(answer, "t-unassigned"));
    }

    @Test
    void aSessionRowIsCompletedWithTheSessionsTimesAndQueuesAndLeavesOutWhatIsNull() {
        JsonNode answer = body(get(ANN_TOKEN, PATH, ANNS), 200);

        assertEquals(json("""
                        {"id": "session:s-full", "taskId": "h-1", "workSessionId": "s-full",
                         "completionSource": "TASK_WORK_SESSION", "status": "COMPLETED", "taskType": "HOLDS",
                         "assignedToId": "", "brand": "RawBrand", "phone": "+1 555 0100", "text": "raw says hi",
                         "startTime": "2026-05-20T13:00:00.000Z", "endTime": "2026-05-20T13:30:00.000Z",
                         "durationSec": 1800, "disposition": "Called",
                         "createdAt": "2026-05-01T00:00:00.000Z", "updatedAt": "2026-05-20T13:30:00.000Z",
                         "holdsStatus": "Customer Contact", "holdsFromQueue": "Agent Research",
                         "holdsToQueue": "Customer Contact", "outcomeType": "MOVED", "isFinalResolution": false,
                         "holdsOrderNumber": "HO-1", "holdsCustomerEmail": "c@x.example", "customerName": "Cara"}
                        """), entry(answer, "session:s-full"));
        assertEquals(
                json("""
                        {"id": "session:s-bare", "taskId": "h-1", "workSessionId": "s-bare",
                         "completionSource": "TASK_WORK_SESSION", "status": "COMPLETED", "taskType": "HOLDS",
                         "assignedToId": "", "brand": "RawBrand", "phone": "+1 555 0100", "text": "raw says hi",
                         "endTime": "2026-05-20T14:00:00.000Z",
                         "createdAt": "2026-05-01T00:00:00.000Z", "updatedAt": "2026-05-20T13:30:00.000Z",
                         "holdsStatus": "Agent Research", "outcomeType": "NOTE", "isFinalResolution": true,
                         "holdsOrderNumber": "HO-1", "holdsCustomerEmail": "c@x.example", "customerName": "Cara"}
                        """),
                entry(answer, "session:s-bare"),
                "no startTime, durationSec, disposition, holdsFromQueue, holdsToQueue; holdsStatus is the task's");
        assertEquals(
                json("""
                        {"id": "session:s-no-queue", "taskId": "h-2", "workSessionId": "s-no-queue",
                         "completionSource": "TASK_WORK_SESSION", "status": "COMPLETED", "taskType": "HOLDS",
                         "assignedToId": "a-bob", "brand": "Globex", "phone": "", "text": "",
                         "endTime": "2026-05-20T15:00:00.000Z",
                         "createdAt": "2025-01-01T00:00:00.000Z", "updatedAt": "2025-01-01T00:00:00.000Z",
                         "outcomeType": "RESOLVED", "isFinalResolution": false,
                         "holdsOrderNumber": null, "holdsCustomerEmail": null, "customerName": null}
                        """),
                entry(answer, "session:s-no-queue"),
                "status COMPLETED though its task is IN_PROGRESS; no holdsStatus when both queues are NULL");
    }

    // ---- the day ----

    @ParameterizedTest(name = "date={0}")
    @CsvSource({
        "2026-05-20, true",
        "2026-5-20, true",
        "'%20%C2%A02026-05-20%09', true",
        "'', true",
        "'%20', true",
    })
    void aDateNamesTheSameDayAsTodayWrittenAnyWayThePageMay(String date, boolean today) {
        assertEquals(TODAY, ids(body(get(ANN_TOKEN, PATH, ANNS + "&date=" + date), 200)));
    }

    @Test
    void anotherDateIsThatReportingDayInTheConfiguredZone() {
        assertEquals(List.of("t-day-before"), ids(body(get(ANN_TOKEN, PATH, ANNS + "&date=2026-05-19"), 200)));
        assertEquals(
                List.of("t-next-day", "session:s-next-day"),
                ids(body(get(ANN_TOKEN, PATH, ANNS + "&date=2026-05-21"), 200)));
    }

    @Test
    void todayTurnsAtMidnightInTheConfiguredZoneNotInUtc() {
        clock.set(Instant.parse("2026-05-21T07:59:59.999Z"));
        assertEquals(TODAY, ids(body(get(ANN_TOKEN, PATH, ANNS), 200)), "23:59:59.999 on the 20th in UTC-8");

        clock.set(Instant.parse("2026-05-21T08:00:00Z"));
        assertEquals(List.of("t-next-day", "session:s-next-day"), ids(body(get(ANN_TOKEN, PATH, ANNS), 200)));
    }

    @ParameterizedTest(name = "date={0}")
    @ValueSource(
            strings = {
                "2026-02-30",
                "2026-13-01",
                "2026-00-10",
                "2026-05-00",
                "2026-05-5.5",
                "0x7EA-1-1",
                "-05-01",
                "2026-05",
                "20260520",
                "2026-05-20T00%3A00",
                "2026%2F05%2F20",
                "26-05-20",
                "12026-05-20",
                "2026-005-20",
                "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-05-20",
                "today"
            })
    void aDateThatIsNoCalendarDateIs400BeforeAnyStatementEvenForAnUnknownUser(String date) {
        assertEquals(
                json("{\"success\": false, \"error\": \"Invalid date format. Use YYYY-MM-DD\"}"),
                body(get(Tokens.manager(), PATH, "email=nobody%40x.example&date=" + date), 400));
        assertEquals(0, SqlCounter.checkouts());
    }

    // ---- whose list ----

    static Stream<Arguments> whoReadsWhichList() {
        String managerAgent = Tokens.withEmail("ma-mia", "MANAGER_AGENT", "mia@taskdesk.example");
        return Stream.of(
                Arguments.of("agent, own email", ANN_TOKEN, ANNS, 200, null),
                Arguments.of(
                        "agent, own email in capitals and spaces",
                        ANN_TOKEN,
                        "email=%20Ann%40TASKDESK.example%C2%A0",
                        200,
                        null),
                Arguments.of("agent, no email", ANN_TOKEN, "", 403, "Forbidden"),
                Arguments.of("agent, blank email", ANN_TOKEN, "email=%20", 403, "Forbidden"),
                Arguments.of("agent, another's email", ANN_TOKEN, "email=bob%40taskdesk.example", 403, "Forbidden"),
                Arguments.of(
                        "agent without an email claim", Tokens.withEmail(ANN, "AGENT", null), ANNS, 403, "Forbidden"),
                Arguments.of("manager, an agent's email", Tokens.manager(), ANNS, 200, null),
                Arguments.of("manager, no email", Tokens.manager(), "", 400, "Email parameter required"),
                Arguments.of("manager agent, an agent's email", managerAgent, ANNS, 200, null),
                Arguments.of("manager agent, blank email", managerAgent, "email=+", 400, "Email parameter required"),
                Arguments.of("another role", Tokens.withEmail(ANN, "QA", ANN_EMAIL), ANNS, 403, "Forbidden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whoReadsWhichList")
    void whoseListATokenReadsFollowsTheAppsTable(String who, String token, String query, int status, String error) {
        JsonNode answer = body(get(token, PATH, query), status);

        if (status == 200) {
            assertEquals(TODAY, ids(answer));
        } else {
            assertEquals(json("{\"success\": false, \"error\": \"" + error + "\"}"), answer);
            assertEquals(0, SqlCounter.checkouts(), "refused before any statement");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no such user, nobody%40taskdesk.example, 404, User not found",
        "stored with capitals, cap%40taskdesk.example, 404, User not found",
        "paused, pat%40taskdesk.example, 403, User account is paused",
    })
    void theTargetMustExistAsStoredAndBeActive(String what, String email, int status, String error) {
        assertEquals(
                json("{\"success\": false, \"error\": \"" + error + "\"}"),
                body(get(Tokens.manager(), PATH, "email=" + email), status));
        assertEquals(1, SqlCounter.statements().size());
    }

    @Test
    void aDayWithoutWorkIsAnEmptyListAndEveryAnswerIsNoStore() {
        assertEquals(
                json("{\"success\": true, \"tasks\": []}"),
                body(get(Tokens.manager(), PATH, "email=manager-1%40taskdesk.example&date=2026-05-20"), 200));
        assertEquals("no-store", get(ANN_TOKEN, PATH, ANNS).header("Cache-Control"));
        assertEquals("no-store", get(ANN_TOKEN, PATH, "").header("Cache-Control"));
    }
}
