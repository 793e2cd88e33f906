package com.taskdesk.holds;

import com.taskdesk.testing.Fixtures;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The Holds tasks of HoldsQueuesResourceTest at {@link #NOW}, each named for the rule it makes count,
 * and the users a history's mover may name. Every Holds queue, NULL and an unknown "holdsStatus", every
 * status; histories NULL, [], an object, entries with and without enteredAt (ISO date, date-time with Z,
 * with an offset, without a zone, epoch ms, not a date), each mover kind, names matching 0, 1 and 2 users.
 */
final class HoldsQueuesFixtures {

    static final Instant NOW = Instant.parse("2031-05-05T12:00:00Z");

    /** h-completed-primary as a queue lists it (its history as jsonb stores it). */
    static final String COMPLETED_PRIMARY_FULL = """
            {"id":"h-completed-primary","text":"Order SO-1001 shipped late","status":"COMPLETED",
             "holdsStatus":"Completed","holdsOrderNumber":"SO-1001","holdsCustomerEmail":"buyer@example.com",
             "holdsOrderDate":null,"holdsPriority":2,"holdsDaysInSystem":9,"holdsOrderAmount":100,
             "holdsQueueHistory":[
               {"queue":"Agent Research","movedBy":"Ann (holds)","enteredAt":"2031-05-01","disposition":"Called customer"},
               {"queue":"Agent Research","movedBy":"Ann (holds)","disposition":"Left voicemail"},
               {"queue":"Completed","movedBy":"Kim (holds)","enteredAt":"2031-05-05T10:00:00.000Z","disposition":"Resolved"}],
             "completedBy":"u-bo","completedAt":"2031-05-05T10:00:00.000Z",
             "createdAt":"2025-01-01T00:00:00.000Z","updatedAt":"2031-05-05T10:00:00.000Z",
             "assignedTo":{"id":"u-ann","name":"Ann Lee","email":"ann@taskdesk.example"},
             "completedByUser":{"id":"u-bo","name":"Bo","email":"u-bo@taskdesk.example"},
             "aging":{"daysSinceOrder":0,"isAging":false,"isApproaching":false,"orderDate":null},
             "hoursInQueue":2,"needsAttention":false,
             "workMetadata":{"hasBeenWorked":true,"isRework":true,"recentlyWorked":true,
                             "lastWorkedAt":"2031-05-05T10:00:00.000Z","lastWorkedBy":"u-bo","lastWorkedByName":"Bo",
                             "workAttempts":3,"hoursSinceLastWork":2}}
            """;

    private HoldsQueuesFixtures() {}

    private static LocalDateTime at(String utc) {
        return LocalDateTime.parse(utc);
    }

    static void insert(Fixtures db) {
        users(db);
        db.raw("r-1", "PROMOTED");
        // aging: 5 whole days since the order; no history; text NULL though its raw message has text
        holds(db, "h-aging", "Agent Research", "PENDING")
                .assignedTo("u-ann")
                .rawMessage("r-1")
                .set("holdsOrderDate", at("2031-04-30T12:00:00"))
                .set("holdsPriority", 4)
                .set("holdsOrderAmount", "0")
                .insert();
        // exactly 4 days: aging, not approaching; a history that is an object, not an array
        holds(db, "h-edge-4d", "Customer Contact", "PENDING")
                .set("holdsOrderDate", at("2031-05-01T12:00:00"))
                .set("holdsOrderAmount", "1234.567890123456789")
                .set("holdsQueueHistory", "{\"queue\": \"Customer Contact\", \"enteredAt\": \"2031-05-05T00:00:00Z\"}")
                .insert();
        // 3 days and 1 hour: approaching; history []; text ""
        holds(db, "h-approaching", "Agent Research", "IN_PROGRESS")
                .set("text", "")
                .set("holdsOrderDate", at("2031-05-02T11:00:00"))
                .set("holdsPriority", 2)
                .set("holdsOrderAmount", "-12.5")
                .set("holdsQueueHistory", "[]")
                .insert();
        // exactly 3 days: approaching; 84 h in its queue (a date-time without zone is UTC); a mover no user
        // matches; back in the queue of its last entry with work: rework
        holds(db, "h-edge-3d", "Customer Contact", "ASSISTANCE_REQUIRED")
                .assignedTo("u-bo")
                .set("holdsOrderDate", at("2031-05-02T12:00:00"))
                .set("holdsPriority", 5)
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Agent Research\", \"enteredAt\": \"2031-05-03T00:00:00Z\", \"movedBy\": \"System (import)\"},"
                                + " {\"queue\": \"Customer Contact\", \"enteredAt\": \"2031-05-02T00:00:00\","
                                + " \"movedBy\": \"Sam Stone (agent portal)\", \"disposition\": null}]")
                .insert();
        // a millisecond short of 3 days: 2; 48 h in its queue (epoch ms): needs attention; an escalation is no work
        holds(db, "h-just-under-3d", "Escalated Call 4+ Day", "RESOLVED")
                .assignedTo("u-ann")
                .set("holdsOrderDate", at("2031-05-02T12:00:00.001"))
                .set("holdsPriority", 1)
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Escalated Call 4+ Day\", \"enteredAt\": "
                                + Instant.parse("2031-05-03T12:00:00Z").toEpochMilli()
                                + ", \"movedBy\": \"Auto-escalation\"}]")
                .insert();
        // same order date as h-agent-mover, priority NULL first; system moves only: never worked, yet rework
        // (its status was the queue of an earlier entry)
        holds(db, "h-rework-earlier", "Agent Research", "PENDING")
                .set("holdsOrderDate", at("2031-05-03T00:00:00"))
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Agent Research\", \"enteredAt\": \"2031-05-04T06:00:00Z\", \"movedBy\": \"System\"},"
                                + " {\"queue\": \"Customer Contact\", \"enteredAt\": \"2031-05-04T16:00:00Z\", \"movedBy\": \"Auto-Import\"},"
                                + " {\"queue\": \"Agent Research\", \"enteredAt\": \"2031-05-05T02:00:00Z\", \"movedBy\": \"System: return\"}]")
                .insert();
        // elements that are not objects; "Agent (...)" names nobody; an offset: 06:30 UTC
        holds(db, "h-agent-mover", "Duplicates", "IN_PROGRESS")
                .assignedTo("u-kim-2")
                .set("holdsOrderDate", at("2031-05-03T00:00:00"))
                .set("holdsPriority", 2)
                .set(
                        "holdsQueueHistory",
                        "[\"just a string\", null, {\"queue\": \"Duplicates\", \"enteredAt\": \"2031-05-05T08:30:00+02:00\","
                                + " \"movedBy\": \"Agent (ann@taskdesk.example)\"}]")
                .insert();
        // same date and priority as h-mover-name-contains, created first; a mover starting with "(" is read whole
        holds(db, "h-paren-first", "Customer Contact", "PENDING")
                .set("holdsOrderDate", at("2031-05-03T12:00:00"))
                .set("holdsPriority", 3)
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Customer Contact\", \"enteredAt\": \"2031-05-05T11:59:59.999Z\","
                                + " \"movedBy\": \"(Zed Inactive)\"}]")
                .insert();
        // "Bob Smith" contains the user name "Bo"; worked exactly 24 h ago: still recent
        holds(db, "h-mover-name-contains", "Escalated Call 4+ Day", "PENDING")
                .createdAt(Fixtures.EPOCH.plusHours(1))
                .set("holdsOrderDate", at("2031-05-03T12:00:00"))
                .set("holdsPriority", 3)
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Escalated Call 4+ Day\", \"enteredAt\": \"2031-05-04T12:00:00Z\","
                                + " \"movedBy\": \"Bob Smith (holds)\", \"disposition\": \"Escalated\"}]")
                .insert();
        // "Ann" is in "Ann Lee" and "Anna Lee": the first created
        holds(db, "h-name-ann", "Agent Research", "PENDING")
                .set("holdsOrderDate", at("2031-05-04T12:00:00"))
                .set("holdsPriority", 5)
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Agent Research\", \"enteredAt\": \"2031-05-04T00:00:00Z\", \"movedBy\": \"Ann (holds)\"}]")
                .insert();
        // completed by, but no completion time: not worked; in queue Completed, still PENDING
        holds(db, "h-completed-only-by", "Completed", "PENDING")
                .completedBy("u-ann")
                .insert();
        // no queue; a mover that is not a string and an empty disposition are no work; 1.50 is 1.5
        holds(db, "h-null-status", null, "SPAM_REVIEW")
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"X\", \"enteredAt\": \"2031-05-05T11:00:00Z\", \"movedBy\": 42,"
                                + " \"disposition\": \"\", \"score\": 1.50}]")
                .insert();
        // an unknown queue; work by disposition alone (0 is none), without enteredAt or mover
        holds(db, "h-unknown-status", "Escalated", "COMPLETED")
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Escalated\", \"disposition\": \"Refund issued\"},"
                                + " {\"queue\": \"Escalated\", \"disposition\": 0}]")
                .insert();
        // completed by Bo at 10:00: the completion wins over three work entries (attempts 3)
        holds(db, "h-completed-primary", "Completed", "COMPLETED")
                .assignedTo("u-ann")
                .completedBy("u-bo")
                .updatedAt(at("2031-05-05T10:00:00"))
                .set("completedAt", at("2031-05-05T10:00:00"))
                .set("text", "Order SO-1001 shipped late")
                .set("holdsOrderNumber", "SO-1001")
                .set("holdsCustomerEmail", "buyer@example.com")
                .set("holdsPriority", 2)
                .set("holdsDaysInSystem", 9)
                .set("holdsOrderAmount", "100.000")
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Agent Research\", \"enteredAt\": \"2031-05-01\", \"movedBy\": \"Ann (holds)\","
                                + " \"disposition\": \"Called customer\"},"
                                + " {\"queue\": \"Agent Research\", \"movedBy\": \"Ann (holds)\", \"disposition\": \"Left voicemail\"},"
                                + " {\"queue\": \"Completed\", \"enteredAt\": \"2031-05-05T10:00:00.000Z\", \"movedBy\": \"Kim (holds)\","
                                + " \"disposition\": \"Resolved\"}]")
                .insert();
        // a completion time without "completedBy": from the history; enteredAt not a date; "Kim" twice: by id
        holds(db, "h-completed-only-at", "Duplicates", "PENDING")
                .set("completedAt", at("2031-05-04T12:00:00"))
                .set("holdsPriority", 1)
                .set(
                        "holdsQueueHistory",
                        "[{\"queue\": \"Duplicates\", \"enteredAt\": \"not a date\", \"movedBy\": \"Kim (holds)\"}]")
                .insert();
        // not a Holds task, though in a Holds queue
        db.task("tc-in-holds-queue").set("holdsStatus", "Agent Research").insert();
    }

    private static Fixtures.TaskRow holds(Fixtures db, String id, String queue, String status) {
        return db.task(id).type("HOLDS").status(status).set("holdsStatus", queue);
    }

    /** Candidates by "createdAt", then id; inserted out of that order so the database's own order differs. */
    private static void users(Fixtures db) {
        db.user("u-noname")
                .createdAt(LocalDateTime.of(2024, 1, 1, 0, 0))
                .insert()
                .user("u-empty")
                .name("")
                .createdAt(LocalDateTime.of(2024, 1, 1, 0, 0))
                .insert()
                .user("u-anna")
                .name("Anna Lee")
                .createdAt(LocalDateTime.of(2025, 3, 1, 0, 0))
                .insert()
                .user("u-ann")
                .name("Ann Lee")
                .email("ann@taskdesk.example")
                .createdAt(LocalDateTime.of(2025, 2, 1, 0, 0))
                .insert()
                .user("u-bo")
                .name("Bo")
                .createdAt(LocalDateTime.of(2025, 3, 15, 0, 0))
                .insert()
                .user("u-kim-2")
                .name("Kim")
                .createdAt(LocalDateTime.of(2025, 4, 1, 0, 0))
                .insert()
                .user("u-kim-1")
                .name("Kim")
                .createdAt(LocalDateTime.of(2025, 4, 1, 0, 0))
                .insert()
                .user("u-zed")
                .name("Zed Inactive")
                .inactive()
                .createdAt(LocalDateTime.of(2025, 5, 1, 0, 0))
                .insert();
    }
}
