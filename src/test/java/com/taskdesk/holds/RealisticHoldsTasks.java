package com.taskdesk.holds;

import com.taskdesk.testing.Fixtures;
import java.time.LocalDateTime;

/**
 * Holds tasks as the app holds them, for measuring the size of the queues' answer: the same every run
 * (no randomness), in one statement. What each carries:
 * <ul>
 * <li>a 25-character cuid-like id; a text of about 140 characters (an order number, one of six hold
 *     reasons, a customer's first name); an order number, a customer email of 24-28 characters, an
 *     order date within two weeks, a priority 1-5, days in system, an amount with cents;</li>
 * <li>the five queues in turn; statuses 40% PENDING, 20% IN_PROGRESS, 5% ASSISTANCE_REQUIRED, 5%
 *     RESOLVED, 30% COMPLETED (these with "completedBy" and "completedAt"); 70% assigned, among 20
 *     agents;</li>
 * <li>a history of three entries as the app writes them ({queue, enteredAt, exitedAt, movedBy,
 *     disposition, note, source}): the import, an agent's call with a note, the move to its queue.</li>
 * </ul>
 */
final class RealisticHoldsTasks {

    private static final String AGENTS = """
            INSERT INTO "User" ("id", "email", "name", "role", "createdAt", "updatedAt", "agentTypes")
            SELECT 'agent-' || lpad(a::text, 2, '0'), 'agent' || a || '@taskdesk.example', agent_name(a),
                   'AGENT', ?, ?, '{HOLDS}'
            FROM generate_series(1, 20) a
            ON CONFLICT DO NOTHING
            """.replace("agent_name(a)", agentName("a"));

    private static final String TASKS = """
            INSERT INTO "Task" ("id", "taskType", "status", "assignedToId", "text", "holdsStatus", "holdsOrderNumber",
                                "holdsCustomerEmail", "holdsOrderDate", "holdsPriority", "holdsDaysInSystem",
                                "holdsOrderAmount", "holdsQueueHistory", "completedBy", "completedAt",
                                "createdAt", "updatedAt")
            SELECT 'c' || substr(md5('task' || i), 1, 24),
                   'HOLDS',
                   CAST(CASE WHEN i % 20 < 8 THEN 'PENDING' WHEN i % 20 < 12 THEN 'IN_PROGRESS'
                             WHEN i % 20 = 12 THEN 'ASSISTANCE_REQUIRED' WHEN i % 20 = 13 THEN 'RESOLVED'
                             ELSE 'COMPLETED' END AS "TaskStatus"),
                   CASE WHEN i % 10 < 7 THEN 'agent-' || lpad((1 + i % 20)::text, 2, '0') END,
                   'Order SO-' || (1000000 + i) || ' held: '
                       || (ARRAY['payment review pending', 'address could not be verified', 'item out of stock',
                                 'fraud check flagged the card', 'customer asked to change the order',
                                 'duplicate of an earlier order'])[1 + i % 6]
                       || '. ' || (ARRAY['Dana','Lee','Sam','Alex','Robin','Jo','Kim','Pat'])[1 + i % 8]
                       || ' asked for an update on delivery and confirmation of the shipping address.',
                   (ARRAY['Agent Research', 'Customer Contact', 'Escalated Call 4+ Day', 'Duplicates', 'Completed'])[1 + i % 5],
                   'SO-' || (1000000 + i),
                   lower((ARRAY['Dana','Lee','Sam','Alex','Robin','Jo','Kim','Pat'])[1 + i % 8]) || '.customer' || i
                       || '@example.com',
                   ordered,
                   1 + i % 5,
                   i % 14,
                   10 + (i % 50000) / 100.0,
                   jsonb_build_array(
                       jsonb_build_object('queue', 'Agent Research',
                                          'enteredAt', to_char(ordered + interval '2 hours', fmt),
                                          'exitedAt', to_char(ordered + make_interval(hours => 20 + i % 30), fmt),
                                          'movedBy', 'System (Auto-Import)', 'disposition', NULL, 'note', NULL,
                                          'source', 'IMPORT'),
                       jsonb_build_object('queue', 'Customer Contact',
                                          'enteredAt', to_char(ordered + make_interval(hours => 20 + i % 30), fmt),
                                          'exitedAt', to_char(ordered + make_interval(hours => 40 + i % 50, mins => i % 60), fmt),
                                          'movedBy', agent_name(i) || ' (Agent)',
                                          'disposition', (ARRAY['Left voicemail', 'Spoke to customer', 'Emailed customer',
                                                                'No answer', 'Payment confirmed', 'Address corrected',
                                                                'Waiting on warehouse', 'Refund requested'])[1 + i % 8],
                                          'note', CASE WHEN i % 3 = 0 THEN NULL ELSE
                                                  (ARRAY['Customer asked to be called back after 3pm',
                                                         'Card issuer confirmed the charge',
                                                         'New address: unit number was missing',
                                                         'Warehouse says stock arrives Thursday',
                                                         'Customer wants to cancel if it ships late'])[1 + i % 5]
                                                  || ' (order ' || (1000000 + i) || ')' END,
                                          'source', 'AGENT_UI'),
                       jsonb_build_object('queue', (ARRAY['Agent Research', 'Customer Contact', 'Escalated Call 4+ Day',
                                                          'Duplicates', 'Completed'])[1 + i % 5],
                                          'enteredAt', to_char(ordered + make_interval(hours => 40 + i % 50, mins => i % 60), fmt),
                                          'exitedAt', NULL,
                                          'movedBy', agent_name(i + 3) || ' (Agent)',
                                          'disposition', (ARRAY['Moved to next step', 'Escalated', 'Needs a call',
                                                                'Duplicate found', 'Resolved'])[1 + i % 5],
                                          'note', NULL, 'source', 'AGENT_UI')),
                   CASE WHEN i % 20 >= 14 THEN 'agent-' || lpad((1 + (i + 7) % 20)::text, 2, '0') END,
                   CASE WHEN i % 20 >= 14 THEN now_utc - make_interval(hours => 1 + i % 40) END,
                   now_utc - make_interval(days => 1 + i % 14),
                   now_utc - make_interval(hours => i % 40)
            FROM (SELECT i, now_utc - make_interval(days => i % 14, hours => i % 24, mins => i % 53) AS ordered, now_utc, fmt
                  FROM generate_series(?, ?) i,
                       (SELECT CAST(? AS timestamp(3)) AS now_utc, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"' AS fmt) c) t
            """.replace("agent_name(i)", agentName("(1 + i % 20)"))
            .replace("agent_name(i + 3)", agentName("(1 + (i + 3) % 20)"));

    private RealisticHoldsTasks() {}

    /** The name of agent number {@code number} (1 to 20), a SQL expression. */
    private static String agentName(String number) {
        return "((ARRAY['Maria','James','Priya','Chen','Fatima','Lucas','Aisha','Noah','Sofia','Omar'])[1 + " + number
                + " % 10] || ' ' || (ARRAY['Garcia','Smith','Patel','Wong','Khan'])[1 + " + number + " % 5])";
    }

    /** Every task's text made 3,072 hexadecimal digits that repeat nothing: about half of it survives gzip. */
    static void incompressibleTexts(Fixtures db) {
        db.execute(
                "UPDATE \"Task\" SET \"text\" = (SELECT string_agg(md5(\"id\" || k), '') FROM generate_series(1, 96) k)");
    }

    /** Tasks {@code first} to {@code last} (their numbers decide everything about them), as of {@code nowUtc}. */
    static void insert(Fixtures db, int first, int last, LocalDateTime nowUtc) {
        db.execute(AGENTS, Fixtures.EPOCH, Fixtures.EPOCH).execute(TASKS, first, last, nowUtc);
    }
}
