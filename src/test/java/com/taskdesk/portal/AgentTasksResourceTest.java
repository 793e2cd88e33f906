package com.taskdesk.portal;

import static com.taskdesk.portal.PortalApi.ANN;
import static com.taskdesk.portal.PortalApi.ANN_EMAIL;
import static com.taskdesk.portal.PortalApi.ANN_TOKEN;
import static com.taskdesk.portal.PortalApi.body;
import static com.taskdesk.portal.PortalApi.get;
import static com.taskdesk.portal.PortalApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GET /api/agent/tasks (contract revision 3, §3.1) against tasks built for each rule: whose list a
 * token may read, which tasks are in it, every key of a task, Decimals, the order's age, the text
 * fallbacks, the stored history, and the order with its Holds places. The clock stands at {@link
 * #NOW}.
 */
@QuarkusTest
class AgentTasksResourceTest {

    static final Instant NOW = Instant.parse("2026-05-20T16:04:05Z");
    static final LocalDateTime NOW_UTC = LocalDateTime.parse("2026-05-20T16:04:05");
    private static final String PATH = "/api/agent/tasks";

    /** The 65 columns and 2 computed keys every task carries (§3.1), and nothing else. */
    static final List<String> KEYS = List.of(
            "id",
            "status",
            "taskType",
            "assignedToId",
            "brand",
            "phone",
            "text",
            "startTime",
            "endTime",
            "durationSec",
            "disposition",
            "assistanceNotes",
            "managerResponse",
            "assistancePausedDurationSec",
            "assistanceRequestedAt",
            "createdAt",
            "updatedAt",
            "holdsOrderDate",
            "holdsOrderNumber",
            "holdsCustomerEmail",
            "holdsPriority",
            "holdsDaysInSystem",
            "holdsStatus",
            "holdsNotes",
            "holdsQueueHistory",
            "wodIvcsSource",
            "documentNumber",
            "warehouseEdgeStatus",
            "webOrder",
            "customerName",
            "shippingCountry",
            "shippingState",
            "amount",
            "webOrderDifference",
            "webOrderSubtotal",
            "webOrderTotal",
            "nsVsWebDiscrepancy",
            "netSuiteTotal",
            "webTotal",
            "webVsNsDifference",
            "purchaseDate",
            "emailRequestFor",
            "details",
            "salesforceCaseNumber",
            "customerNameNumber",
            "salesOrderId",
            "verifiedRefund",
            "paymentMethod",
            "refundReason",
            "productSku",
            "timestamp",
            "completionTime",
            "quantity",
            "amountToBeRefunded",
            "refundAmount",
            "yotpoDateSubmitted",
            "yotpoOrderDate",
            "yotpoReviewDate",
            "yotpoPrOrYotpo",
            "yotpoCustomerName",
            "yotpoEmail",
            "yotpoProduct",
            "yotpoIssueTopic",
            "yotpoReview",
            "yotpoSfOrderLink",
            "orderAgeDays",
            "orderAge");

    @Inject
    TestClock clock;

    /**
     * Ann (the agent), Bob (another agent), Cap (stored with capitals), Pat (paused), Mia (a manager
     * agent), Max (a manager); raw messages with and without text values.
     */
    @BeforeEach
    void users() {
        clock.set(NOW);
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user(ANN)
                    .email(ANN_EMAIL)
                    .name("Ann")
                    .insert()
                    .user("a-bob")
                    .email("bob@taskdesk.example")
                    .insert()
                    .user("a-cap")
                    .email("Cap@TaskDesk.example")
                    .insert()
                    .user("a-pat")
                    .email("pat@taskdesk.example")
                    .inactive()
                    .insert()
                    .user("ma-mia")
                    .email("mia@taskdesk.example")
                    .role("MANAGER_AGENT")
                    .insert()
                    .user("m-max")
                    .email("max@taskdesk.example")
                    .role("MANAGER")
                    .insert()
                    .raw("r-full")
                    .brand("RawBrand")
                    .phone("+1 555 0100")
                    .text("raw says hi")
                    .insert()
                    .raw("r-empty")
                    .brand("")
                    .phone("")
                    .text("")
                    .insert()
                    .raw("r-null")
                    .brand(null)
                    .phone(null)
                    .text(null)
                    .insert()
                    .task("t-bob")
                    .assignedTo("a-bob")
                    .insert()
                    .task("t-cap")
                    .assignedTo("a-cap")
                    .insert()
                    .task("t-pat")
                    .assignedTo("a-pat")
                    .insert()
                    .task("t-mia")
                    .type("HOLDS")
                    .assignedTo("ma-mia")
                    .insert();
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Fixtures.TaskRow annsTask(Fixtures db, String id, String type, String status, String createdAt) {
        return db.task(id).type(type).status(status).assignedTo(ANN).createdAt(LocalDateTime.parse(createdAt));
    }

    private static JsonNode annsList(String query) {
        return body(get(ANN_TOKEN, PATH, query), 200);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("tasks").forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private static JsonNode task(JsonNode answer, String id) {
        for (JsonNode task : answer.path("tasks")) {
            if (task.path("id").asText().equals(id)) {
                return task;
            }
        }
        throw new AssertionError(id + " is not in " + answer);
    }

    /** A task's expected JSON: every key null but those given. */
    private static ObjectNode expected(String json) {
        ObjectNode task = PortalApi.JSON.createObjectNode();
        KEYS.forEach(task::putNull);
        json(json).fields().forEachRemaining(field -> task.set(field.getKey(), field.getValue()));
        return task;
    }

    // ---- which tasks ----

    @Test
    void anAgentsListHoldsTheirOpenAndResolvedTasksOfEveryTypeAndNothingElse() {
        try (Fixtures db = Fixtures.connect()) {
            String[] types = {"TEXT_CLUB", "WOD_IVCS", "EMAIL_REQUESTS", "STANDALONE_REFUNDS", "HOLDS", "YOTPO"};
            String[] statuses = {"PENDING", "IN_PROGRESS", "ASSISTANCE_REQUIRED", "RESOLVED", "COMPLETED", "SPAM_REVIEW"
            };
            for (int i = 0; i < types.length; i++) {
                for (int s = 0; s < statuses.length; s++) {
                    annsTask(db, "t-" + i + s, types[i], statuses[s], "2026-05-0" + (1 + s) + "T0" + i + ":00:00")
                            .set("holdsStatus", "Completed")
                            .insert();
                }
            }
            db.task("t-nobody").insert();
        }

        List<String> expected = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < 6; i++) {
                expected.add("t-" + i + s);
            }
        }
        assertEquals(expected, ids(annsList("")), "oldest first; all in one queue, so Holds keeps its places");
    }

    @Test
    void aTaskWithEveryColumnSetAnswersEachUnderItsKeyAndNoOtherColumn() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-full", "EMAIL_REQUESTS", "ASSISTANCE_REQUIRED", "2026-05-18T08:00:00")
                    .updatedAt(LocalDateTime.parse("2026-05-20T15:40:00"))
                    .set("brand", "Acme")
                    .set("phone", "+1 555 0111")
                    .set("text", "Please refund")
                    .set("startTime", LocalDateTime.parse("2026-05-20T15:00:00"))
                    .endTime(LocalDateTime.parse("2026-05-20T15:30:00.5"))
                    .set("durationSec", 1800)
                    .set("disposition", "Refunded")
                    .set("assistanceNotes", "Need approval")
                    .set("managerResponse", "Approved")
                    .set("assistancePausedDurationSec", 120)
                    .set("assistanceRequestedAt", LocalDateTime.parse("2026-05-20T15:10:00.25"))
                    .set("holdsOrderDate", LocalDateTime.parse("2026-05-10T00:00:00"))
                    .set("holdsOrderNumber", "HO-1")
                    .set("holdsCustomerEmail", "c@x.example")
                    .set("holdsPriority", 2)
                    .set("holdsDaysInSystem", 10)
                    .set("holdsStatus", "Agent Research")
                    .set("holdsNotes", "called twice")
                    .set(
                            "holdsQueueHistory",
                            "[{\"queue\": \"Agent Research\", \"enteredAt\": \"2026-05-11T00:00:00.000Z\", \"movedBy\": \"System\"}]")
                    .set("wodIvcsSource", "SO_VS_WEB_DIFFERENCE")
                    .set("documentNumber", "DOC-9")
                    .set("warehouseEdgeStatus", "Shipped")
                    .set("webOrder", "W-1")
                    .set("customerName", "Cara")
                    .set("shippingCountry", "US")
                    .set("shippingState", "OR")
                    .set("amount", "12.340")
                    .set("webOrderDifference", "-0.5")
                    .set("webOrderSubtotal", "100.000")
                    .set("webOrderTotal", "99.5")
                    .set("nsVsWebDiscrepancy", "0.0000001")
                    .set("netSuiteTotal", "1000000")
                    .set("webTotal", "0.1")
                    .set("webVsNsDifference", "-3")
                    .set("purchaseDate", NOW_UTC.minusDays(3))
                    .set("emailRequestFor", "Refund")
                    .set("details", "Double charged")
                    .set("salesforceCaseNumber", "SF-7")
                    .set("customerNameNumber", "Cara 42")
                    .set("salesOrderId", "SO-3")
                    .set("verifiedRefund", "Yes")
                    .set("paymentMethod", "Visa")
                    .set("refundReason", "Duplicate")
                    .set("productSku", "SKU-1")
                    .set("timestamp", LocalDateTime.parse("2026-05-19T12:00:00"))
                    .set("completionTime", LocalDateTime.parse("2026-05-19T13:00:00"))
                    .set("quantity", 2)
                    .set("amountToBeRefunded", "25.00")
                    .set("refundAmount", "25.5")
                    .set("yotpoDateSubmitted", LocalDateTime.parse("2026-05-01T00:00:00"))
                    .set("yotpoOrderDate", LocalDateTime.parse("2026-04-30T00:00:00"))
                    .set("yotpoReviewDate", LocalDateTime.parse("2026-05-02T00:00:00"))
                    .set("yotpoPrOrYotpo", "Yotpo")
                    .set("yotpoCustomerName", "Yan")
                    .set("yotpoEmail", "yan@x.example")
                    .set("yotpoProduct", "Widget")
                    .set("yotpoIssueTopic", "Quality")
                    .set("yotpoReview", "Broke in a day")
                    .set("yotpoSfOrderLink", "https://sf.example/o/1")
                    // columns the list does not answer
                    .set("email", "cust@x.example")
                    .completedBy("a-bob")
                    .set("completedAt", LocalDateTime.parse("2026-05-19T00:00:00"))
                    .set("holdsOrderAmount", "10")
                    .set("holdsPhoneNumber", "+1 555 0122")
                    .set("yotpoImportSource", "csv")
                    .set("yotpoSubmittedBy", "Max")
                    .set("sentBackAt", LocalDateTime.parse("2026-05-19T00:00:00"))
                    .set("sentBackDisposition", "wrong queue")
                    .set("sfOrderNumber", "SFO-1")
                    .set("sfCaseNumber", "SFC-1")
                    .set("orderDate", LocalDateTime.parse("2026-05-09T00:00:00"))
                    .rawMessage("r-full")
                    .insert();
        }

        JsonNode task = task(annsList(""), "t-full");

        assertEquals(json("""
                        {"id": "t-full", "status": "ASSISTANCE_REQUIRED", "taskType": "EMAIL_REQUESTS", "assignedToId": "a-ann",
                         "brand": "Acme", "phone": "+1 555 0111", "text": "Please refund",
                         "startTime": "2026-05-20T15:00:00.000Z", "endTime": "2026-05-20T15:30:00.500Z", "durationSec": 1800,
                         "disposition": "Refunded", "assistanceNotes": "Need approval", "managerResponse": "Approved",
                         "assistancePausedDurationSec": 120, "assistanceRequestedAt": "2026-05-20T15:10:00.250Z",
                         "createdAt": "2026-05-18T08:00:00.000Z", "updatedAt": "2026-05-20T15:40:00.000Z",
                         "holdsOrderDate": "2026-05-10T00:00:00.000Z", "holdsOrderNumber": "HO-1",
                         "holdsCustomerEmail": "c@x.example", "holdsPriority": 2, "holdsDaysInSystem": 10,
                         "holdsStatus": "Agent Research", "holdsNotes": "called twice",
                         "holdsQueueHistory": [{"queue": "Agent Research", "enteredAt": "2026-05-11T00:00:00.000Z", "movedBy": "System"}],
                         "wodIvcsSource": "SO_VS_WEB_DIFFERENCE", "documentNumber": "DOC-9", "warehouseEdgeStatus": "Shipped",
                         "webOrder": "W-1", "customerName": "Cara", "shippingCountry": "US", "shippingState": "OR",
                         "amount": 12.34, "webOrderDifference": -0.5, "webOrderSubtotal": 100, "webOrderTotal": 99.5,
                         "nsVsWebDiscrepancy": 1e-7, "netSuiteTotal": 1000000, "webTotal": 0.1, "webVsNsDifference": -3,
                         "purchaseDate": "2026-05-17T16:04:05.000Z",
                         "emailRequestFor": "Refund", "details": "Double charged", "salesforceCaseNumber": "SF-7",
                         "customerNameNumber": "Cara 42", "salesOrderId": "SO-3", "verifiedRefund": "Yes",
                         "paymentMethod": "Visa", "refundReason": "Duplicate", "productSku": "SKU-1",
                         "timestamp": "2026-05-19T12:00:00.000Z", "completionTime": "2026-05-19T13:00:00.000Z",
                         "quantity": 2, "amountToBeRefunded": 25, "refundAmount": 25.5,
                         "yotpoDateSubmitted": "2026-05-01T00:00:00.000Z", "yotpoOrderDate": "2026-04-30T00:00:00.000Z",
                         "yotpoReviewDate": "2026-05-02T00:00:00.000Z", "yotpoPrOrYotpo": "Yotpo", "yotpoCustomerName": "Yan",
                         "yotpoEmail": "yan@x.example", "yotpoProduct": "Widget", "yotpoIssueTopic": "Quality",
                         "yotpoReview": "Broke in a day", "yotpoSfOrderLink": "https://sf.example/o/1",
                         "orderAgeDays": 3, "orderAge": "3 days old"}
                        """), task);
        assertEquals(
                new TreeSet<>(KEYS), fieldNames(task), "exactly the 67 keys, no rawMessage, email, completedBy...");
    }

    private static TreeSet<String> fieldNames(JsonNode task) {
        TreeSet<String> names = new TreeSet<>();
        task.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aTaskWithEveryNullableColumnNullStillHasEveryKey() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-bare", "YOTPO", "PENDING", "2026-05-19T00:00:00").insert();
        }

        JsonNode task = task(annsList(""), "t-bare");

        assertEquals(expected("""
                        {"id": "t-bare", "status": "PENDING", "taskType": "YOTPO", "assignedToId": "a-ann",
                         "brand": "Unknown", "phone": "", "text": "",
                         "createdAt": "2026-05-19T00:00:00.000Z", "updatedAt": "2025-01-01T00:00:00.000Z"}
                        """), task);
        assertEquals(67, task.size());
    }

    // ---- values ----

    @Test
    void decimalsAreJsonNumbersAsJavaScriptWritesTheNearestDoubleAndZeroIsNotNull() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-wod", "WOD_IVCS", "IN_PROGRESS", "2026-05-19T00:00:00")
                    .set("amount", new BigDecimal("0"))
                    .set("webOrderDifference", "-12.500000")
                    .set("webOrderSubtotal", "100.000000000000000000000000000000")
                    .set("webOrderTotal", "19.990000000000000000000000000001")
                    .set("nsVsWebDiscrepancy", "0.0000001234")
                    .set("netSuiteTotal", null)
                    .set("webTotal", "12345678901234567890.123456789")
                    .set("webVsNsDifference", "-0.000000000000000000000000000001")
                    .set("amountToBeRefunded", "0.30000000000000004440892098500626")
                    .set("refundAmount", "1234567890123456789012")
                    .insert();
        }

        String text = get(ANN_TOKEN, PATH, "").then().statusCode(200).extract().asString();

        assertTrue(
                text.contains("\"amount\":0,\"webOrderDifference\":-12.5,\"webOrderSubtotal\":100,"
                        + "\"webOrderTotal\":19.99,\"nsVsWebDiscrepancy\":1.234e-7,\"netSuiteTotal\":null,"
                        + "\"webTotal\":12345678901234567000,\"webVsNsDifference\":-1e-30,"),
                text);
        assertTrue(
                text.contains("\"amountToBeRefunded\":0.30000000000000004,\"refundAmount\":1.2345678901234568e+21"),
                text);
    }

    @ParameterizedTest(name = "purchased {0} before now: {1} / {2}")
    @CsvSource({
        "PT0S, 0, Today",
        "PT23H59M59.999S, 0, Today",
        "P1D, 1, 1 day old",
        "P2DT3H, 2, 2 days old",
        "P3D, 3, 3 days old",
        "PT-0.001S, -1, -1 days old",
        "PT-49H, -3, -3 days old",
    })
    void orderAgeCountsWhole24HourPeriodsSinceThePurchaseOfAnyType(String before, long days, String age) {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-aged", "TEXT_CLUB", "PENDING", "2026-05-19T00:00:00")
                    .set("purchaseDate", NOW_UTC.minus(java.time.Duration.parse(before)))
                    .insert();
            annsTask(db, "t-unbought", "WOD_IVCS", "PENDING", "2026-05-19T01:00:00")
                    .insert();
        }

        JsonNode answer = annsList("");

        assertEquals(days, task(answer, "t-aged").path("orderAgeDays").asLong());
        assertEquals(age, task(answer, "t-aged").path("orderAge").asText());
        assertTrue(task(answer, "t-unbought").path("orderAgeDays").isNull());
        assertTrue(task(answer, "t-unbought").path("orderAge").isNull());
    }

    @Test
    void brandPhoneAndTextFallBackToTheRawMessageWhenNullOrEmptyThenToUnknownOrEmpty() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-own", "TEXT_CLUB", "PENDING", "2026-05-01T00:00:00")
                    .rawMessage("r-full")
                    .set("brand", "Acme")
                    .set("phone", "+1 555 0199")
                    .set("text", "own text")
                    .insert();
            annsTask(db, "t-null-raw-full", "TEXT_CLUB", "PENDING", "2026-05-02T00:00:00")
                    .rawMessage("r-full")
                    .insert();
            annsTask(db, "t-empty-raw-full", "TEXT_CLUB", "PENDING", "2026-05-03T00:00:00")
                    .rawMessage("r-full")
                    .set("brand", "")
                    .set("phone", "")
                    .set("text", "")
                    .insert();
            annsTask(db, "t-empty-raw-empty", "TEXT_CLUB", "PENDING", "2026-05-04T00:00:00")
                    .rawMessage("r-empty")
                    .set("brand", "")
                    .set("phone", "")
                    .set("text", "")
                    .insert();
            annsTask(db, "t-null-raw-null", "TEXT_CLUB", "PENDING", "2026-05-05T00:00:00")
                    .rawMessage("r-null")
                    .insert();
        }

        JsonNode answer = annsList("");

        assertEquals(List.of("Acme", "+1 555 0199", "own text"), texts(task(answer, "t-own")));
        assertEquals(List.of("RawBrand", "+1 555 0100", "raw says hi"), texts(task(answer, "t-null-raw-full")));
        assertEquals(List.of("RawBrand", "+1 555 0100", "raw says hi"), texts(task(answer, "t-empty-raw-full")));
        assertEquals(List.of("Unknown", "", ""), texts(task(answer, "t-empty-raw-empty")));
        assertEquals(List.of("Unknown", "", ""), texts(task(answer, "t-null-raw-null")));
    }

    private static List<String> texts(JsonNode task) {
        return List.of(
                task.path("brand").asText(),
                task.path("phone").asText(),
                task.path("text").asText());
    }

    @Test
    void holdsQueueHistoryIsTheStoredJsonAndJsonNullIsNull() {
        String[][] histories = {
            {"t-h-sql-null", null},
            {"t-h-json-null", "null"},
            {"t-h-empty", "[]"},
            {"t-h-object", "{\"queue\": \"Duplicates\"}"},
            {
                "t-h-entries",
                "[{\"queue\": \"Agent Research\", \"movedBy\": \"Agent (Ann)\", \"disposition\": null},"
                        + " {\"queue\": \"Completed\", \"enteredAt\": 1747000000000}]"
            },
        };
        try (Fixtures db = Fixtures.connect()) {
            for (int i = 0; i < histories.length; i++) {
                annsTask(db, histories[i][0], "HOLDS", "PENDING", "2026-05-0" + (1 + i) + "T00:00:00")
                        .set("holdsQueueHistory", histories[i][1])
                        .insert();
            }
        }

        JsonNode answer = annsList("");

        for (String[] history : histories) {
            JsonNode stored = history[1] == null ? PortalApi.JSON.nullNode() : json(history[1]);
            assertEquals(stored, task(answer, history[0]).path("holdsQueueHistory"), history[0]);
        }
        assertTrue(task(answer, "t-h-entries").path("holdsQueueHistory").isArray());
    }

    // ---- order ----

    /**
     * The contract's example (a Completed HOLDS task at 09:00, a Text Club one at 10:00, an
     * Escalated HOLDS one at 11:00: the app's comparator leaves them as they are), and more: queues
     * not named exactly ("completed", NULL) come last, ties of time go by id, in either direction.
     */
    @Test
    void holdsTasksKeepTheirPlacesButFillThemByQueuePriorityThenTimeThenId() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "a-holds-completed", "HOLDS", "PENDING", "2026-05-20T09:00:00")
                    .set("holdsStatus", "Completed")
                    .insert();
            annsTask(db, "x-text", "TEXT_CLUB", "PENDING", "2026-05-20T10:00:00")
                    .insert();
            annsTask(db, "b-holds-escalated", "HOLDS", "IN_PROGRESS", "2026-05-20T11:00:00")
                    .set("holdsStatus", "Escalated Call 4+ Day")
                    .insert();
        }
        assertEquals(List.of("b-holds-escalated", "x-text", "a-holds-completed"), ids(annsList("")));
        assertEquals(List.of("b-holds-escalated", "x-text", "a-holds-completed"), ids(annsList("order=desc")));

        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "c-holds-lowercase", "HOLDS", "PENDING", "2026-05-20T08:00:00")
                    .set("holdsStatus", "completed")
                    .insert();
            annsTask(db, "d-holds-null", "HOLDS", "RESOLVED", "2026-05-20T12:00:00")
                    .insert();
            annsTask(db, "e-holds-research", "HOLDS", "ASSISTANCE_REQUIRED", "2026-05-20T12:00:00")
                    .set("holdsStatus", "Agent Research")
                    .insert();
            annsTask(db, "f-holds-research", "HOLDS", "PENDING", "2026-05-20T12:00:00")
                    .set("holdsStatus", "Agent Research")
                    .insert();
            annsTask(db, "g-wod", "WOD_IVCS", "PENDING", "2026-05-20T12:00:00").insert();
            annsTask(db, "h-holds-contact", "HOLDS", "PENDING", "2026-05-20T13:00:00")
                    .set("holdsStatus", "Customer Contact")
                    .insert();
            annsTask(db, "i-holds-duplicates", "HOLDS", "PENDING", "2026-05-20T07:00:00")
                    .set("holdsStatus", "Duplicates")
                    .insert();
        }

        // by time, oldest first: i 07, c 08, a 09, x 10, b 11, d e f g 12 (by id), h 13
        // Holds places: 1 2 3 . 5 6 7 8 . 10, filled by escalated b, contact h, research e f (12:00, by id),
        // duplicates i, completed a, then the unknown queues oldest first: c, d
        assertEquals(
                List.of(
                        "b-holds-escalated",
                        "h-holds-contact",
                        "e-holds-research",
                        "x-text",
                        "f-holds-research",
                        "i-holds-duplicates",
                        "a-holds-completed",
                        "c-holds-lowercase",
                        "g-wod",
                        "d-holds-null"),
                ids(annsList("")));
        // newest first: h 13, d e f g 12 (ties by id), b 11, x 10, a 09, c 08, i 07
        // Holds places: 1 2 3 4 . 6 . 8 9 10, filled by b, h, e f (12:00 ties by id), i, a, then d (12:00), c (08:00)
        assertEquals(
                List.of(
                        "b-holds-escalated",
                        "h-holds-contact",
                        "e-holds-research",
                        "f-holds-research",
                        "g-wod",
                        "i-holds-duplicates",
                        "x-text",
                        "a-holds-completed",
                        "d-holds-null",
                        "c-holds-lowercase"),
                ids(annsList("order=desc")));
    }

    @ParameterizedTest(name = "order={0}")
    @CsvSource({"desc, true", "DESC, true", "Desc, true", "asc, false", "'%20desc', false", "newest, false", "'', false"
    })
    void orderIsLowerCasedAndOnlyDescIsNewestFirst(String order, boolean newestFirst) {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-old", "TEXT_CLUB", "PENDING", "2026-05-01T00:00:00").insert();
            annsTask(db, "t-new", "TEXT_CLUB", "PENDING", "2026-05-02T00:00:00").insert();
            annsTask(db, "t-new-twin", "TEXT_CLUB", "PENDING", "2026-05-02T00:00:00")
                    .insert();
        }

        assertEquals(
                newestFirst ? List.of("t-new", "t-new-twin", "t-old") : List.of("t-old", "t-new", "t-new-twin"),
                ids(annsList("order=" + order)));
    }

    @Test
    void withoutOrderTheListIsOldestFirst() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-new", "TEXT_CLUB", "PENDING", "2026-05-02T00:00:00").insert();
            annsTask(db, "t-old", "TEXT_CLUB", "PENDING", "2026-05-01T00:00:00").insert();
        }
        assertEquals(List.of("t-old", "t-new"), ids(annsList("")));
    }

    // ---- whose list ----

    static Stream<Arguments> whoReadsWhichList() {
        String agentWithoutEmail = Tokens.withEmail(ANN, "AGENT", null);
        String managerAgent = Tokens.withEmail("ma-mia", "MANAGER_AGENT", "mia@taskdesk.example");
        String other = Tokens.withEmail("q-quinn", "QA", "quinn@taskdesk.example");
        return Stream.of(
                Arguments.of("agent, no email", ANN_TOKEN, "", 200, "t-ann"),
                Arguments.of("agent, blank email", ANN_TOKEN, "email=%C2%A0+%09", 200, "t-ann"),
                Arguments.of(
                        "agent, own email in capitals and spaces",
                        ANN_TOKEN,
                        "email=+ANN%40TaskDesk.example%C2%A0",
                        200,
                        "t-ann"),
                Arguments.of(
                        "agent whose token's email has capitals",
                        Tokens.withEmail(ANN, "AGENT", " Ann@TASKDESK.example "),
                        "",
                        200,
                        "t-ann"),
                Arguments.of("agent, another's email", ANN_TOKEN, "email=bob%40taskdesk.example", 403, "Forbidden"),
                Arguments.of("agent without an email claim", agentWithoutEmail, "", 400, "Invalid session"),
                Arguments.of(
                        "agent without an email claim naming one",
                        agentWithoutEmail,
                        "email=ann%40taskdesk.example",
                        400,
                        "Invalid session"),
                Arguments.of(
                        "manager, an agent's email", Tokens.manager(), "email=ann%40taskdesk.example", 200, "t-ann"),
                Arguments.of("manager, no email", Tokens.manager(), "", 400, "Email parameter required"),
                Arguments.of("manager, blank email", Tokens.manager(), "email=%20", 400, "Email parameter required"),
                Arguments.of("manager agent, own email", managerAgent, "email=mia%40taskdesk.example", 200, "t-mia"),
                Arguments.of(
                        "manager agent, an agent's email", managerAgent, "email=ann%40taskdesk.example", 200, "t-ann"),
                Arguments.of("manager agent, no email", managerAgent, "", 400, "Email parameter required"),
                Arguments.of("another role", other, "email=ann%40taskdesk.example", 403, "Forbidden"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whoReadsWhichList")
    void whoseListATokenReadsFollowsTheAppsTable(String who, String token, String query, int status, String what) {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-ann", "TEXT_CLUB", "PENDING", "2026-05-01T00:00:00").insert();
        }
        SqlCounter.reset();

        JsonNode answer = body(get(token, PATH, query), status);

        if (status == 200) {
            assertEquals(List.of(what), ids(answer));
            assertEquals(1, SqlCounter.statements().size());
        } else {
            assertEquals(json("{\"success\": false, \"error\": \"" + what + "\"}"), answer);
            assertEquals(0, SqlCounter.checkouts(), "refused before any statement");
        }
    }

    @Test
    void aManagerReadsAManagersListTooAndAnEmptyListIsEmpty() {
        assertEquals(
                json("{\"success\": true, \"tasks\": []}"),
                body(get(Tokens.manager(), PATH, "email=max%40taskdesk.example"), 200));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "no such user, nobody%40taskdesk.example, 404, User not found",
        "stored with capitals (the parameter is lower-cased), Cap%40TaskDesk.example, 404, User not found",
        "paused, pat%40taskdesk.example, 403, User account is paused",
    })
    void theTargetMustExistAsStoredAndBeActive(String what, String email, int status, String error) {
        SqlCounter.reset();

        assertEquals(
                json("{\"success\": false, \"error\": \"" + error + "\"}"),
                body(get(Tokens.manager(), PATH, "email=" + email), status));
        assertEquals(1, SqlCounter.statements().size(), "one statement finds the user and the tasks");
    }

    @Test
    void aPausedAgentsOwnPollIs403SoThePortalLogsThemOut() {
        body(get(Tokens.withEmail("a-pat", "AGENT", "pat@taskdesk.example"), PATH, ""), 403);
    }

    @Test
    void theFirstEmailOfTheQueryWinsAndPlusIsASpace() {
        try (Fixtures db = Fixtures.connect()) {
            annsTask(db, "t-ann", "TEXT_CLUB", "PENDING", "2026-05-01T00:00:00").insert();
        }
        assertEquals(
                List.of("t-ann"),
                ids(body(
                        get(Tokens.manager(), PATH, "email=ann%40taskdesk.example&email=bob%40taskdesk.example"),
                        200)));
        assertEquals(
                List.of("t-ann"),
                ids(body(get(Tokens.manager(), PATH, "email=+++ann%40taskdesk.example+&order=asc"), 200)));
    }

    @Test
    void noTokenOrAnInvalidOneIs401AndEveryAnswerIsNoStore() {
        Response anonymous = Api.anonymous().get(PATH);
        assertEquals(401, anonymous.statusCode());
        assertEquals(
                401,
                get(Tokens.managerSignedWith("another-secret-of-the-same-good-length-0123456789"), PATH, "")
                        .statusCode());
        assertEquals(401, get("not.a.token", PATH, "").statusCode());
        assertEquals("no-store", get(ANN_TOKEN, PATH, "").header("Cache-Control"));
        assertEquals(
                "no-store", get(ANN_TOKEN, PATH, "email=bob%40taskdesk.example").header("Cache-Control"));
        assertEquals("no-store", get(Tokens.manager(), PATH, "email=nobody%40x").header("Cache-Control"));
        assertNull(get(ANN_TOKEN, PATH, "").header("X-Result-Truncated"));
    }
}
