package com.taskdesk.assistance;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.CapturedLog;
import com.taskdesk.testing.Fixtures;
import com.taskdesk.testing.SqlCounter;
import com.taskdesk.testing.TestClock;
import com.taskdesk.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The open assistance requests at 2031-05-05 12:00 UTC: eleven of the six task types, each with the
 * texts, assignee and order age one rule decides, and four tasks that are not open requests.
 */
@QuarkusTest
class AssistanceResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2031-05-05T12:00:00Z");
    private static final LocalDateTime NOW_UTC = LocalDateTime.parse("2031-05-05T12:00:00");

    /** Newest update first; a-wod-3d and a-wod-future were updated at the same time: by id. */
    private static final List<String> ORDER = List.of(
            "a-wod-1h",
            "a-wod-3d",
            "a-wod-future",
            "a-wod-2d3h",
            "a-wod-now",
            "a-wod-nodate",
            "a-text-dated",
            "a-holds",
            "a-yotpo",
            "a-email",
            "a-refund");

    @Inject
    TestClock clock;

    @BeforeEach
    void openRequests() {
        clock.set(NOW);
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("u-ann")
                    .name("Ann")
                    .email("ann@taskdesk.example")
                    .insert()
                    .user("u-empty")
                    .name("")
                    .insert()
                    .user("u-null")
                    .insert()
                    .raw("r-full")
                    .brand("RawBrand")
                    .phone("+1 555 0100")
                    .text("raw text")
                    .insert()
                    .raw("r-empty")
                    .brand("")
                    .phone("")
                    .text("")
                    .insert()
                    // texts from the raw message but the task's "" phone; every WOD/IVCS column
                    .task("a-wod-1h")
                    .type("WOD_IVCS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .rawMessage("r-full")
                    .updatedAt(NOW_UTC.minusMinutes(10))
                    .set("phone", "")
                    .set("email", "pat@example.com")
                    .set("assistanceNotes", "Customer disputes the total")
                    .set("purchaseDate", NOW_UTC.minusHours(1))
                    .set("wodIvcsSource", "SO_VS_WEB_DIFFERENCE")
                    .set("documentNumber", "DOC-7")
                    .set("customerName", "Pat Doe")
                    .set("amount", "0")
                    .set("webOrderDifference", "-12.5")
                    .set("webOrderSubtotal", "100.000")
                    .set("webOrderTotal", "1234.567890123456789")
                    .set("netSuiteTotal", "0.1")
                    .set("webTotal", "19.99")
                    .set("webVsNsDifference", "0.0000001")
                    .insert()
                    // a future purchase date counts as past; no name; the raw message's "" brand is not kept
                    .task("a-wod-future")
                    .type("WOD_IVCS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-empty")
                    .rawMessage("r-empty")
                    .updatedAt(NOW_UTC.minusMinutes(20))
                    .set("assistanceNotes", "Order date is wrong")
                    .set("purchaseDate", NOW_UTC.plusDays(1).plusNanos(1_000_000))
                    .insert()
                    // exactly 3 days; a NULL name; no raw message, no texts
                    .task("a-wod-3d")
                    .type("WOD_IVCS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-null")
                    .updatedAt(NOW_UTC.minusMinutes(20))
                    .set("assistanceNotes", "Three days")
                    .set("purchaseDate", NOW_UTC.minusDays(3))
                    .insert()
                    // 2 days 3 hours: "3 days old" (the agent's list says 2); the task's own "" brand and text stay
                    .task("a-wod-2d3h")
                    .type("WOD_IVCS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .rawMessage("r-full")
                    .updatedAt(NOW_UTC.minusMinutes(30))
                    .set("brand", "")
                    .set("phone", "+1 555 0199")
                    .set("text", "")
                    .set("assistanceNotes", "Two days three hours")
                    .set("purchaseDate", NOW_UTC.minusDays(2).minusHours(3))
                    .insert()
                    .task("a-wod-now")
                    .type("WOD_IVCS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusMinutes(40))
                    .set("assistanceNotes", "Bought just now")
                    .set("purchaseDate", NOW_UTC)
                    .insert()
                    .task("a-wod-nodate")
                    .type("WOD_IVCS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusMinutes(50))
                    .set("assistanceNotes", "No date")
                    .insert()
                    // only WOD/IVCS has an order age
                    .task("a-text-dated")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusHours(1))
                    .set("assistanceNotes", "Is this spam?")
                    .set("managerResponse", "Call them back")
                    .set("purchaseDate", NOW_UTC.minusDays(5))
                    .insert()
                    .task("a-holds")
                    .type("HOLDS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusHours(2))
                    .set("assistanceNotes", "Hold or release?")
                    .set("holdsOrderDate", LocalDateTime.parse("2031-04-30T08:15:00.250"))
                    .set("holdsOrderNumber", "SO-1001")
                    .set("holdsCustomerEmail", "buyer@example.com")
                    .set("holdsStatus", "Agent Research")
                    .set("holdsPriority", 2)
                    .set("holdsDaysInSystem", 7)
                    .set("holdsOrderAmount", "0")
                    .insert()
                    .task("a-yotpo")
                    .type("YOTPO")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusHours(3))
                    .set("assistanceNotes", "Review mentions a refund")
                    .set("yotpoDateSubmitted", LocalDateTime.parse("2031-05-01T10:00:00"))
                    .set("yotpoOrderDate", LocalDateTime.parse("2031-04-20T00:00:00"))
                    .set("yotpoReviewDate", LocalDateTime.parse("2031-04-30T23:59:59.999"))
                    .set("yotpoPrOrYotpo", "Yotpo")
                    .set("yotpoCustomerName", "Lee Kim")
                    .set("yotpoEmail", "lee@example.com")
                    .set("yotpoProduct", "Widget")
                    .set("yotpoIssueTopic", "Damaged")
                    .set("yotpoReview", "Arrived broken")
                    .set("yotpoSfOrderLink", "https://sf.example/o/1")
                    .set("yotpoImportSource", "csv")
                    .set("yotpoSubmittedBy", "Ann")
                    .insert()
                    .task("a-email")
                    .type("EMAIL_REQUESTS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusHours(4))
                    .set("assistanceNotes", "Which address?")
                    .set("emailRequestFor", "Invoice copy")
                    .set("details", "Needs the May invoice")
                    .set("salesforceCaseNumber", "CASE-42")
                    .set("customerNameNumber", "Pat Doe / 1234")
                    .insert()
                    .task("a-refund")
                    .type("STANDALONE_REFUNDS")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC.minusHours(5))
                    .set("assistanceNotes", "Refund twice?")
                    .set("refundAmount", "25.50")
                    .set("amountToBeRefunded", "25.5")
                    .set("paymentMethod", "Card")
                    .set("refundReason", "Late")
                    .insert()
                    // not open requests: no notes, no assignee, in progress, resolved
                    .task("x-no-notes")
                    .status("ASSISTANCE_REQUIRED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC)
                    .insert()
                    .task("x-no-assignee")
                    .status("ASSISTANCE_REQUIRED")
                    .updatedAt(NOW_UTC)
                    .set("assistanceNotes", "Anyone?")
                    .insert()
                    .task("x-in-progress")
                    .status("IN_PROGRESS")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC)
                    .set("assistanceNotes", "Solved it myself")
                    .insert()
                    .task("x-resolved")
                    .status("RESOLVED")
                    .assignedTo("u-ann")
                    .updatedAt(NOW_UTC)
                    .set("assistanceNotes", "Help")
                    .set("managerResponse", "Done")
                    .insert();
        }
        SqlCounter.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static JsonNode requests() {
        Response response = Api.asManager().get("/api/manager/assistance");
        assertEquals(200, response.statusCode(), response.asString());
        assertEquals("no-store", response.header("Cache-Control"));
        try {
            JsonNode body = JSON.readTree(response.asString());
            assertTrue(body.get("success").asBoolean());
            return body.get("requests");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> each(JsonNode requests, String... fields) {
        Map<String, String> values = new LinkedHashMap<>();
        requests.forEach(request -> {
            List<String> row = new ArrayList<>();
            for (String field : fields) {
                row.add(request.get(field).toString());
            }
            values.put(request.get("id").asText(), String.join(" ", row));
        });
        return values;
    }

    @Test
    void listsOpenRequestsWithNotesAndAnAssigneeNewestUpdateFirstThenId() {
        List<String> ids = new ArrayList<>();
        requests().forEach(request -> ids.add(request.get("id").asText()));
        assertEquals(ORDER, ids);
    }

    @Test
    void answersFiftyThreeKeysForEveryRequest() {
        requests().forEach(request -> assertEquals(53, request.size(), request.toString()));
    }

    @Test
    void answersAWodIvcsRequestWithEveryColumnItsDecimalsAsNumbers() throws Exception {
        assertEquals(JSON.readTree("""
                        {"id":"a-wod-1h","status":"ASSISTANCE_REQUIRED","taskType":"WOD_IVCS",
                         "brand":"RawBrand","phone":"","text":"raw text","email":"pat@example.com",
                         "agentName":"Ann","agentEmail":"ann@taskdesk.example",
                         "assistanceNotes":"Customer disputes the total","managerResponse":null,
                         "createdAt":"2025-01-01T00:00:00.000Z","updatedAt":"2031-05-05T11:50:00.000Z",
                         "orderAge":"1 day old","wodIvcsSource":"SO_VS_WEB_DIFFERENCE","documentNumber":"DOC-7",
                         "customerName":"Pat Doe","amount":0,"webOrderDifference":-12.5,
                         "purchaseDate":"2031-05-05T11:00:00.000Z",
                         "emailRequestFor":null,"details":null,"salesforceCaseNumber":null,"customerNameNumber":null,
                         "refundAmount":null,"paymentMethod":null,"refundReason":null,
                         "yotpoDateSubmitted":null,"yotpoOrderDate":null,"yotpoReviewDate":null,"yotpoPrOrYotpo":null,
                         "yotpoCustomerName":null,"yotpoEmail":null,"yotpoProduct":null,"yotpoIssueTopic":null,
                         "yotpoReview":null,"yotpoSfOrderLink":null,"yotpoImportSource":null,"yotpoSubmittedBy":null,
                         "holdsOrderDate":null,"holdsOrderNumber":null,"holdsCustomerEmail":null,"holdsStatus":null,
                         "holdsPriority":null,"holdsDaysInSystem":null,"holdsOrderAmount":null,
                         "webOrderSubtotal":100,"webOrderTotal":1234.567890123457,"nsVsWebDiscrepancy":null,
                         "netSuiteTotal":0.1,"webTotal":19.99,"webVsNsDifference":1e-7,"amountToBeRefunded":null}
                        """), requests().get(0));
    }

    @Test
    void answersTheOtherTypesColumns() {
        JsonNode all = requests();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        all.forEach(request -> byId.put(request.get("id").asText(), request));
        JsonNode holds = byId.get("a-holds");
        assertEquals("\"2031-04-30T08:15:00.250Z\"", holds.get("holdsOrderDate").toString());
        assertEquals(
                "SO-1001 buyer@example.com Agent Research 2 7 0",
                holds.get("holdsOrderNumber").asText() + " "
                        + holds.get("holdsCustomerEmail").asText() + " "
                        + holds.get("holdsStatus").asText() + " " + holds.get("holdsPriority") + " "
                        + holds.get("holdsDaysInSystem") + " " + holds.get("holdsOrderAmount"));
        assertEquals(
                "\"2031-05-01T10:00:00.000Z\" \"2031-04-20T00:00:00.000Z\" \"2031-04-30T23:59:59.999Z\" \"Yotpo\" \"Lee Kim\""
                        + " \"lee@example.com\" \"Widget\" \"Damaged\" \"Arrived broken\" \"https://sf.example/o/1\" \"csv\""
                        + " \"Ann\"",
                each(
                                all,
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
                                "yotpoImportSource",
                                "yotpoSubmittedBy")
                        .get("a-yotpo"));
        JsonNode email = byId.get("a-email");
        assertEquals(
                "Invoice copy|Needs the May invoice|CASE-42|Pat Doe / 1234",
                email.get("emailRequestFor").asText() + "|"
                        + email.get("details").asText() + "|"
                        + email.get("salesforceCaseNumber").asText() + "|"
                        + email.get("customerNameNumber").asText());
        JsonNode refund = byId.get("a-refund");
        assertEquals(
                "25.5 25.5 Card Late",
                refund.get("refundAmount") + " " + refund.get("amountToBeRefunded") + " "
                        + refund.get("paymentMethod").asText() + " "
                        + refund.get("refundReason").asText());
        assertEquals(
                "Call them back",
                byId.get("a-text-dated").get("managerResponse").asText());
    }

    /** The task's value unless NULL ("" stays); else the raw message's (a "" brand is skipped); else "Unknown". */
    @Test
    void brandPhoneAndTextFallBackByTheAssistanceRule() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a-wod-1h", "\"RawBrand\" \"\" \"raw text\"");
        expected.put("a-wod-3d", "\"Unknown\" \"Unknown\" \"Unknown\"");
        expected.put("a-wod-future", "\"Unknown\" \"\" \"\"");
        expected.put("a-wod-2d3h", "\"\" \"+1 555 0199\" \"\"");
        Map<String, String> texts = each(requests(), "brand", "phone", "text");
        expected.forEach((id, value) -> assertEquals(value, texts.get(id), id));
    }

    @Test
    void agentNameIsUnknownWhenNullOrEmpty() {
        Map<String, String> agents = each(requests(), "agentName", "agentEmail");
        assertEquals("\"Ann\" \"ann@taskdesk.example\"", agents.get("a-wod-1h"));
        assertEquals("\"Unknown\" \"u-empty@taskdesk.example\"", agents.get("a-wod-future"));
        assertEquals("\"Unknown\" \"u-null@taskdesk.example\"", agents.get("a-wod-3d"));
    }

    /** ceil(|now - purchaseDate| / 1 day), WOD/IVCS only. */
    @Test
    void orderAgeRoundsTheDistanceUpForWodIvcsOnly() {
        Map<String, String> ages = each(requests(), "orderAge");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("a-wod-1h", "\"1 day old\"");
        expected.put("a-wod-3d", "\"3 days old\"");
        expected.put("a-wod-future", "\"2 days old\"");
        expected.put("a-wod-2d3h", "\"3 days old\"");
        expected.put("a-wod-now", "\"0 days old\"");
        expected.put("a-wod-nodate", "null");
        expected.put("a-text-dated", "null");
        expected.put("a-holds", "null");
        expected.put("a-yotpo", "null");
        expected.put("a-email", "null");
        expected.put("a-refund", "null");
        assertEquals(expected, ages);
    }

    @Test
    void oneStatementOnOneConnectionAndNoCap() {
        Response response = Api.asManager().get("/api/manager/assistance");
        assertNull(response.header("X-Result-Truncated"));
        assertEquals(1, SqlCounter.statements().size());
        assertEquals(1, SqlCounter.checkouts());
    }

    /** 1,001 open requests, the default cap 1,000: the first 1,000 in order, marked, and a warning. */
    @Test
    void aListLongerThanTheCapIsCutToItsFirstRowsMarkedAndLogged() {
        try (Fixtures db = Fixtures.connect()) {
            db.execute(
                    "INSERT INTO \"Task\" (\"id\", \"taskType\", \"status\", \"assignedToId\", \"assistanceNotes\","
                            + " \"createdAt\", \"updatedAt\")"
                            + " SELECT 'cap-' || lpad(i::text, 4, '0'), 'TEXT_CLUB', 'ASSISTANCE_REQUIRED', 'u-ann', 'help',"
                            + " ?, ? + i * interval '1 minute' FROM generate_series(1, 990) i",
                    Fixtures.EPOCH,
                    LocalDateTime.parse("2030-01-01T00:00:00"));
        }
        try (CapturedLog log = new CapturedLog()) {
            Response cut = Api.asManager().get("/api/manager/assistance");
            assertEquals(200, cut.statusCode());
            assertEquals("true", cut.header("X-Result-Truncated"));
            List<String> ids = cut.path("requests.id");
            assertEquals(1000, ids.size());
            assertEquals(ORDER, ids.subList(0, 11));
            assertEquals("cap-0990", ids.get(11));
            assertEquals("cap-0002", ids.get(999));
            assertTrue(
                    log.lines().stream()
                            .anyMatch(line -> line.startsWith("WARN") && line.contains("cut to its first 1000 rows")),
                    log.lines().toString());
        }
        try (Fixtures db = Fixtures.connect()) {
            db.execute("DELETE FROM \"Task\" WHERE \"id\" = 'cap-0001'");
        }
        Response whole = Api.asManager().get("/api/manager/assistance");
        assertNull(whole.header("X-Result-Truncated"));
        assertEquals(1000, whole.<List<String>>path("requests.id").size());
    }

    /** One attempt: a statement that cannot finish is a 503 with Retry-After, never retried. */
    @Test
    void aBusyDatabaseIs503WithRetryAfterAfterOneStatement() {
        try (Fixtures locker = Fixtures.connect()) {
            locker.execute("BEGIN").execute("LOCK TABLE \"Task\" IN ACCESS EXCLUSIVE MODE");
            Response busy = Api.asManager().get("/api/manager/assistance");
            assertEquals(503, busy.statusCode());
            assertEquals("2", busy.header("Retry-After"));
            assertEquals(false, busy.<Boolean>path("success"));
            locker.execute("ROLLBACK");
        }
        assertEquals(1, SqlCounter.statements().size());
    }

    @Test
    void anAgentIsForbiddenAndNoTokenIsUnauthorized() {
        Api.anonymous()
                .header("Authorization", "Bearer " + Tokens.withRole("u-ann", "AGENT"))
                .get("/api/manager/assistance")
                .then()
                .statusCode(403)
                .body("success", equalTo(false));
        Api.anonymous().get("/api/manager/assistance").then().statusCode(401).body("success", equalTo(false));
        assertEquals(0, SqlCounter.checkouts());
    }
}
