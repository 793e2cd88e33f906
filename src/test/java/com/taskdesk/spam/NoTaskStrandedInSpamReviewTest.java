package com.taskdesk.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "One move, one set of routes": whatever mark-spam moved into SPAM_REVIEW, a restore brings back,
 * and no raw message that has a task is ever READY again. Every kind of row (raw messages in each
 * status, their tasks in each status, tasks without a raw message), named every way the front end
 * names them, through each restore.
 */
@QuarkusTest
class NoTaskStrandedInSpamReviewTest {

    private static final List<String> TASK_STATUSES =
            List.of("PENDING", "IN_PROGRESS", "ASSISTANCE_REQUIRED", "RESOLVED", "COMPLETED", "SPAM_REVIEW");
    /** Every task of the fixture. */
    private static final List<String> TASK_IDS = Stream.of(
                    Stream.of("t-review", "t-archived"),
                    TASK_STATUSES.subList(0, 5).stream().map(status -> "t-promoted-" + status),
                    TASK_STATUSES.stream().map(status -> "t-lone-" + status))
            .flatMap(ids -> ids)
            .toList();

    @BeforeEach
    void everyKindOfRow() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset()
                    .user("a-ann", "Ann", "AGENT", Fixtures.EPOCH)
                    .raw("r-ready", "READY")
                    .raw("r-promoted", "PROMOTED")
                    .raw("r-review", "SPAM_REVIEW")
                    .raw("r-archived", "SPAM_ARCHIVED")
                    .task("t-review")
                    .status("SPAM_REVIEW")
                    .rawMessage("r-review")
                    .insert()
                    .task("t-archived")
                    .status("PENDING")
                    .rawMessage("r-archived")
                    .insert();
            for (String status : TASK_STATUSES.subList(0, 5)) {
                db.task("t-promoted-" + status)
                        .status(status)
                        .assignedTo("a-ann")
                        .rawMessage("r-promoted")
                        .insert();
            }
            for (String status : TASK_STATUSES) {
                db.task("t-lone-" + status)
                        .type("HOLDS")
                        .status(status)
                        .assignedTo("a-ann")
                        .insert();
            }
        }
    }

    /** Each restore, by its resource (the route and function come from its annotations). */
    static List<Endpoint> restores() {
        return Endpoint.all().stream()
                .filter(e -> e.resource() == RestoreSpamResource.class || e.resource() == ReviewRestoreResource.class)
                .toList();
    }

    static Stream<Arguments> restoresAndNamings() {
        Map<String, String> namings = Map.of(
                "raw message ids", "{\"rawMessageIds\": [\"r-ready\", \"r-promoted\", \"r-review\", \"r-archived\"]}",
                "every task id, as the bulk button sends them", "{\"ids\": " + quoted(TASK_IDS) + "}",
                "raw and task ids mixed", "{\"ids\": [\"r-ready\", \"t-promoted-PENDING\", \"t-lone-IN_PROGRESS\"]}",
                "one task id", "{\"id\": \"t-lone-ASSISTANCE_REQUIRED\"}");
        return restores().stream()
                .flatMap(restore -> namings.entrySet().stream()
                        .map(naming -> Arguments.of(restore, naming.getKey(), naming.getValue())));
    }

    @ParameterizedTest(name = "{1}, restored by {0}")
    @MethodSource("restoresAndNamings")
    void whatMarkSpamMovedTheSameIdsBringBack(Endpoint restore, String naming, String body) {
        Set<String> inReviewBefore = tasksInSpamReview();
        post("/api/manager/tasks/mark-spam", body);
        Set<String> moved = new HashSet<>(tasksInSpamReview());
        moved.removeAll(inReviewBefore);
        assertTrue(!moved.isEmpty(), naming + " moved something");

        post(restore.path(), body);

        Set<String> stranded = new HashSet<>(tasksInSpamReview());
        stranded.retainAll(moved);
        assertEquals(Set.of(), stranded, naming + ": moved by mark-spam, still in SPAM_REVIEW after " + restore);
        assertNoRawMessageWithATaskIsReady();
    }

    /**
     * The pages' own flow: bulk "Send to Spam Review" with task ids, then "Restore" on the Spam Review
     * page, which lists raw messages in SPAM_REVIEW and posts one id a click. Every task whose raw
     * message is in review comes back that way. Not on that page: a task without a raw message, and
     * one whose raw message was archived as spam (it joins its archived message, counted as archived
     * spam, not in review); each comes back by its own id.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("restores")
    void thePagesFlowBringsBackEveryTaskOfAMessageInReviewAndTheOthersComeBackByTheirOwnIds(Endpoint restore) {
        post("/api/manager/tasks/mark-spam", "{\"ids\": " + quoted(TASK_IDS) + "}");
        for (String rawId : rawMessagesInSpamReview()) {
            post(restore.path(), "{\"ids\": [\"" + rawId + "\"], \"whitelist\": []}");
        }
        assertEquals(
                Set.of(
                        "t-lone-PENDING",
                        "t-lone-IN_PROGRESS",
                        "t-lone-ASSISTANCE_REQUIRED",
                        "t-lone-RESOLVED",
                        "t-archived"),
                tasksInSpamReview().stream()
                        .filter(id -> !id.equals("t-lone-SPAM_REVIEW"))
                        .collect(Collectors.toSet()),
                "only the tasks the page does not list are left");

        post(restore.path(), "{\"ids\": " + quoted(List.copyOf(tasksInSpamReview())) + "}");

        assertEquals(Set.of(), tasksInSpamReview());
        assertNoRawMessageWithATaskIsReady();
    }

    private static void post(String path, String body) {
        Api.browserPost(body).post(path).then().statusCode(200);
    }

    private static Set<String> tasksInSpamReview() {
        try (Fixtures db = Fixtures.connect()) {
            return db.rows("SELECT \"id\" FROM \"Task\" WHERE \"status\" = 'SPAM_REVIEW'").stream()
                    .map(row -> (String) row.get("id"))
                    .collect(Collectors.toSet());
        }
    }

    private static List<String> rawMessagesInSpamReview() {
        try (Fixtures db = Fixtures.connect()) {
            return db
                    .rows("SELECT \"id\" FROM \"RawMessage\" WHERE \"status\" = 'SPAM_REVIEW' ORDER BY \"id\"")
                    .stream()
                    .map(row -> (String) row.get("id"))
                    .toList();
        }
    }

    private static void assertNoRawMessageWithATaskIsReady() {
        try (Fixtures db = Fixtures.connect()) {
            assertEquals(
                    0,
                    db.count("SELECT count(*) FROM \"RawMessage\" r WHERE r.\"status\" = 'READY'"
                            + " AND EXISTS (SELECT 1 FROM \"Task\" t WHERE t.\"rawMessageId\" = r.\"id\")"),
                    "a raw message with a task is never READY again");
        }
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
