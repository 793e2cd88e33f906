-- Demo data for what contract revision 3 reads (../shared/spec/api-r3.md §1.5), on V1000's users and
-- tasks: every per-type column of "Task", the Holds queues and their histories, "TaskWorkSession"
-- rows, and "RawMessage".phone. Deterministic: every value is a function of the row's number and of
-- the current UTC day (as in V1000, "today" always has work), never of random().
--
-- Each rule of revision 3 meets a value that changes its answer: brand, phone and text NULL, '' or
-- set on tasks and raw messages (both fallback rules); Decimals 0, negative, integral, with many
-- fractional digits, NULL; purchase dates today, 1 and 3 days ago, to come, none; HOLDS tasks in the
-- five queues, in none (NULL) and in an unknown one, "Completed" ones still open, order dates
-- approaching and aging or NULL, priorities NULL and 1-5; "holdsQueueHistory" NULL, [], an object,
-- entries with and without "enteredAt" (ISO date-time, date, local date-time, epoch ms, unparseable),
-- movers "System", "Auto-Import", "Auto-escalation", "Agent (…)" and people matching 0, 1 and 2
-- users, a queue entered twice (rework); "completedBy" and "completedAt" together and alone; work
-- sessions that count and that do not, with NULL start, duration, disposition and queues, of HOLDS
-- and of another type, and one ending exactly at today's UTC midnight.

-- Raw messages: a phone on most, '' or NULL on some; an empty brand or text on a few promoted ones.
UPDATE "RawMessage" r
SET "phone" = CASE k.n % 20 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE '+1 555 ' || lpad((k.n % 10000)::text, 4, '0') END,
    "brand" = CASE WHEN r."status" = 'PROMOTED' AND k.n % 89 = 0 THEN '' ELSE r."brand" END,
    "text"  = CASE WHEN r."status" = 'PROMOTED' AND k.n % 97 = 0 THEN ''
                   WHEN r."status" = 'PROMOTED' AND k.n % 101 = 0 THEN NULL
                   ELSE r."text" END
FROM (SELECT "id", substr("id", 5)::int AS n FROM "RawMessage") k
WHERE k."id" = r."id";

-- Every task: its texts (a Text Club task mostly falls back to its raw message's), its times, the
-- assistance asked and answered, who completed it and when.
UPDATE "Task" t
SET "brand" = CASE WHEN t."rawMessageId" IS NOT NULL
                       THEN CASE k.n % 10 WHEN 0 THEN '' WHEN 1 THEN 'Acme' END
                   ELSE CASE k.n % 9 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE (ARRAY['Acme', 'Globex', 'Initech'])[1 + k.n % 3] END
              END,
    "phone" = CASE WHEN t."rawMessageId" IS NOT NULL
                       THEN CASE k.n % 7 WHEN 0 THEN '' WHEN 1 THEN '+1 555 9' || lpad((k.n % 1000)::text, 3, '0') END
                   ELSE CASE k.n % 8 WHEN 0 THEN NULL WHEN 1 THEN '' ELSE '+1 555 8' || lpad((k.n % 1000)::text, 3, '0') END
              END,
    "text"  = CASE WHEN t."rawMessageId" IS NOT NULL THEN CASE k.n % 11 WHEN 0 THEN '' END
                   WHEN k.n % 13 = 0 THEN NULL
                   ELSE initcap(replace(t."taskType"::text, '_', ' ')) || ' request ' || k.n END,
    "email" = CASE WHEN t."taskType" IN ('EMAIL_REQUESTS', 'YOTPO', 'STANDALONE_REFUNDS') AND k.n % 10 <> 0
                   THEN 'customer' || k.n || '@mail.example' END,
    "startTime" = CASE WHEN t."status" = 'COMPLETED' THEN t."endTime" - make_interval(secs => 60 + k.n % 900)
                       WHEN t."status" IN ('IN_PROGRESS', 'ASSISTANCE_REQUIRED', 'RESOLVED')
                           THEN t."updatedAt" - make_interval(mins => 5 + k.n % 55) END,
    "durationSec" = CASE WHEN t."status" = 'COMPLETED' AND k.n % 25 <> 0 THEN 60 + k.n % 900 END,
    "disposition" = CASE WHEN t."status" = 'COMPLETED' AND k.n % 15 <> 0
                         THEN (ARRAY['Answered', 'Refunded', 'Escalated', 'No action needed', 'Resolved'])[1 + k.n % 5]
                         WHEN t."sentBackBy" IS NOT NULL THEN 'Sent back' END,
    "assistanceNotes" = CASE WHEN t."status" IN ('ASSISTANCE_REQUIRED', 'RESOLVED') AND k.n % 10 <> 0
                             THEN (ARRAY['Customer asks for a refund over the limit', 'Order not found in NetSuite',
                                         'Address does not validate', 'Duplicate charge?'])[1 + k.n % 4] END,
    "managerResponse" = CASE WHEN t."status" = 'RESOLVED' AND k.n % 10 <> 0
                             THEN (ARRAY['Approved', 'Refund half', 'Call the customer back', 'Close as duplicate'])[1 + k.n % 4]
                             WHEN t."status" = 'ASSISTANCE_REQUIRED' AND k.n % 10 = 1 THEN 'Looking into it' END,
    "assistanceRequestedAt" = CASE WHEN t."status" IN ('ASSISTANCE_REQUIRED', 'RESOLVED') AND k.n % 10 <> 0
                                   THEN t."updatedAt" - make_interval(mins => 30 + k.n % 90) END,
    "assistancePausedDurationSec" = CASE WHEN t."status" = 'RESOLVED' THEN k.n % 1800 END,
    -- together (most), "completedBy" alone (every 13th), "completedAt" alone (every 17th of those without)
    "completedAt" = CASE WHEN t."completedBy" IS NOT NULL AND k.n % 13 <> 0 THEN t."endTime"
                         WHEN t."completedBy" IS NULL AND t."status" = 'COMPLETED' AND k.n % 17 = 0 THEN t."endTime" END,
    "sentBackAt" = CASE WHEN t."sentBackBy" IS NOT NULL THEN t."endTime" END,
    "sentBackDisposition" = CASE WHEN t."sentBackBy" IS NOT NULL THEN 'Wrong queue' END
FROM (SELECT "id", substr("id", 6)::int AS n FROM "Task") k
WHERE k."id" = t."id";

-- WOD/IVCS: the source, the documents, eight Decimals in every form, purchase dates around today.
UPDATE "Task" t
SET "wodIvcsSource" = (ARRAY['INVALID_CASH_SALE', 'ORDERS_NOT_DOWNLOADING', 'SO_VS_WEB_DIFFERENCE'])[1 + k.n % 3]::"WodIvcsSource",
    "documentNumber" = 'INV' || lpad(k.n::text, 7, '0'),
    "warehouseEdgeStatus" = (ARRAY['Shipped', 'Pending', 'Not found', NULL])[1 + k.n % 4],
    "webOrder" = 'W' || (100000 + k.n),
    "customerName" = CASE WHEN k.n % 12 <> 0 THEN 'Customer ' || k.n END,
    "shippingCountry" = (ARRAY['US', 'US', 'CA', NULL])[1 + k.n % 4],
    "shippingState" = (ARRAY['OR', 'WA', 'BC', NULL])[1 + k.n % 4],
    "amount" = CASE k.n % 6 WHEN 0 THEN 0 WHEN 1 THEN -(k.n % 500) / 4.0 WHEN 2 THEN 100
                            WHEN 3 THEN NULL WHEN 4 THEN (k.n % 1000) / 7.0 ELSE (k.n % 100000) / 100.0 END,
    "webOrderDifference" = CASE k.n % 5 WHEN 0 THEN 0 WHEN 1 THEN NULL ELSE ((k.n % 300) - 150) / 8.0 END,
    "webOrderSubtotal" = (k.n % 50000) / 100.0,
    "webOrderTotal" = (k.n % 50000) / 100.0 + 7.5,
    "nsVsWebDiscrepancy" = CASE WHEN k.n % 4 = 0 THEN NULL ELSE (k.n % 9) / 3.0 - 1 END,
    "netSuiteTotal" = CASE WHEN k.n % 7 = 0 THEN NULL ELSE (k.n % 60000) / 100.0 END,
    "webTotal" = (k.n % 60000) / 100.0 + 0.000000000000000000000000000001,
    "webVsNsDifference" = CASE WHEN k.n % 3 = 0 THEN 0 ELSE -((k.n % 40) / 16.0) END,
    "purchaseDate" = CASE k.n % 6 WHEN 0 THEN c.now_utc - make_interval(mins => k.n % 600)
                                  WHEN 1 THEN c.now_utc - INTERVAL '1 day 2 hours'
                                  WHEN 2 THEN c.now_utc - INTERVAL '3 days'
                                  WHEN 3 THEN c.now_utc + INTERVAL '1 day'      -- to come: "-1 days old"
                                  WHEN 4 THEN NULL
                                  ELSE c.now_utc - make_interval(days => k.n % 60) END,
    "orderDate" = c.now_utc - make_interval(days => 1 + k.n % 60)
FROM (SELECT "id", substr("id", 6)::int AS n FROM "Task") k,
     (SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC') AS now_utc) c
WHERE k."id" = t."id" AND t."taskType" = 'WOD_IVCS';

-- Email requests: what is asked for, the case, when it was done.
UPDATE "Task" t
SET "emailRequestFor" = (ARRAY['Refund', 'Address change', 'Order status', 'Cancel order'])[1 + k.n % 4],
    "details" = CASE WHEN k.n % 9 <> 0 THEN 'Customer wrote about order W' || (100000 + k.n) END,
    "salesforceCaseNumber" = '0' || (5000000 + k.n),
    "customerNameNumber" = 'Customer ' || k.n || ' / ' || (700000 + k.n),
    "timestamp" = t."createdAt",
    "completionTime" = CASE WHEN t."status" = 'COMPLETED' THEN t."endTime" END,
    "purchaseDate" = CASE WHEN k.n % 4 = 0 THEN t."createdAt" - INTERVAL '5 days' END
FROM (SELECT "id", substr("id", 6)::int AS n FROM "Task") k
WHERE k."id" = t."id" AND t."taskType" = 'EMAIL_REQUESTS';

-- Standalone refunds: the order, the amounts, how and why.
UPDATE "Task" t
SET "salesOrderId" = 'SO' || (300000 + k.n),
    "amountToBeRefunded" = CASE k.n % 5 WHEN 0 THEN 0 WHEN 1 THEN NULL ELSE (k.n % 20000) / 100.0 END,
    "refundAmount" = CASE k.n % 4 WHEN 0 THEN NULL ELSE (k.n % 20000) / 100.0 END,
    "verifiedRefund" = (ARRAY['Yes', 'No', NULL])[1 + k.n % 3],
    "paymentMethod" = (ARRAY['Visa', 'PayPal', 'Amex', 'Store credit'])[1 + k.n % 4],
    "refundReason" = (ARRAY['Damaged', 'Late delivery', 'Wrong item', 'Duplicate charge'])[1 + k.n % 4],
    "productSku" = 'SKU-' || (k.n % 400),
    "quantity" = CASE WHEN k.n % 10 <> 0 THEN 1 + k.n % 4 END,
    "customerName" = 'Customer ' || k.n,
    "timestamp" = t."createdAt",
    "completionTime" = CASE WHEN t."status" = 'COMPLETED' THEN t."endTime" END
FROM (SELECT "id", substr("id", 6)::int AS n FROM "Task") k
WHERE k."id" = t."id" AND t."taskType" = 'STANDALONE_REFUNDS';

-- Yotpo: the review and where it came from.
UPDATE "Task" t
SET "yotpoDateSubmitted" = t."createdAt",
    "yotpoPrOrYotpo" = (ARRAY['PR', 'Yotpo'])[1 + k.n % 2],
    "yotpoCustomerName" = 'Reviewer ' || k.n,
    "yotpoEmail" = 'reviewer' || k.n || '@mail.example',
    "yotpoOrderDate" = t."createdAt" - INTERVAL '12 days',
    "yotpoProduct" = (ARRAY['Trail Shoe', 'Rain Jacket', 'Water Bottle'])[1 + k.n % 3],
    "yotpoIssueTopic" = (ARRAY['Quality', 'Sizing', 'Shipping', NULL])[1 + k.n % 4],
    "yotpoReviewDate" = t."createdAt" - INTERVAL '2 days',
    "yotpoReview" = CASE WHEN k.n % 8 = 0 THEN repeat('Long review, read it all. ', 40)
                         ELSE 'Stars: ' || (1 + k.n % 5) || '. ' || (ARRAY['Fell apart', 'Runs small', 'Late'])[1 + k.n % 3] END,
    "yotpoSfOrderLink" = 'https://salesforce.example/order/' || (100000 + k.n),
    "yotpoImportSource" = (ARRAY['csv', 'api'])[1 + k.n % 2],
    "yotpoSubmittedBy" = CASE WHEN k.n % 3 = 0 THEN 'Manager 1' END
FROM (SELECT "id", substr("id", 6)::int AS n FROM "Task") k
WHERE k."id" = t."id" AND t."taskType" = 'YOTPO';

-- Holds: the order, its queue and how it got there. Open tasks go round the five queues, no queue
-- (NULL) and an unknown one; completed ones are in "Completed" (every 11th elsewhere), and a few open
-- ones are in "Completed" too. Order dates from today to 11 days ago: some approaching (3 days), some
-- aging (4 and more), every 9th none.
UPDATE "Task" t
SET "holdsOrderDate" = CASE WHEN k.n % 9 <> 0 THEN c.now_utc - make_interval(days => k.n % 12, hours => k.n % 24) END,
    "holdsOrderNumber" = CASE WHEN k.n % 15 <> 0 THEN 'HO-' || (400000 + k.n) END,
    "holdsCustomerEmail" = CASE WHEN k.n % 10 <> 0 THEN 'holder' || k.n || '@mail.example' END,
    "holdsPhoneNumber" = '+1 555 7' || lpad((k.n % 1000)::text, 3, '0'),
    "holdsPriority" = CASE WHEN k.n % 6 <> 0 THEN 1 + k.n % 5 END,
    "holdsDaysInSystem" = k.n % 12,
    "holdsStatus" = CASE WHEN t."status" = 'COMPLETED' AND k.n % 11 <> 0 THEN 'Completed'
                         ELSE (ARRAY['Agent Research', 'Customer Contact', 'Escalated Call 4+ Day', 'Duplicates',
                                     'Completed', NULL, 'Escalated', 'Agent Research'])[1 + k.n % 8] END,
    "holdsOrderAmount" = CASE k.n % 5 WHEN 0 THEN 0 WHEN 1 THEN NULL WHEN 2 THEN 250 ELSE (k.n % 90000) / 100.0 END,
    "holdsNotes" = CASE WHEN k.n % 4 = 0 THEN 'Customer prefers email' END,
    "customerName" = 'Holder ' || k.n,
    "holdsQueueHistory" = CASE k.n % 10
        WHEN 0 THEN NULL
        WHEN 1 THEN '[]'::jsonb
        WHEN 2 THEN jsonb_build_object('queue', 'Agent Research', 'note', 'imported before histories were lists')
        WHEN 3 THEN jsonb_build_array(
            jsonb_build_object('queue', 'Agent Research', 'enteredAt', to_char(c.now_utc - INTERVAL '60 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'movedBy', 'Auto-Import', 'source', 'import'))
        WHEN 4 THEN jsonb_build_array(
            jsonb_build_object('queue', 'Agent Research', 'enteredAt', to_char(c.now_utc - INTERVAL '5 days', 'YYYY-MM-DD'),
                               'movedBy', 'System'),
            jsonb_build_object('queue', 'Customer Contact', 'enteredAt', to_char(c.now_utc - INTERVAL '30 hours', 'YYYY-MM-DD"T"HH24:MI:SS'),
                               'movedBy', 'Agent 12 (Holds)', 'disposition', 'Left voicemail'))
        WHEN 5 THEN jsonb_build_array(
            jsonb_build_object('queue', 'Customer Contact', 'enteredAt', (extract(epoch FROM c.now_utc - INTERVAL '3 days') * 1000)::bigint,
                               'movedBy', 'Auto-escalation'),
            jsonb_build_object('queue', 'Escalated Call 4+ Day', 'enteredAt', 'yesterday', 'movedBy', 'Auto-escalation'))
        WHEN 6 THEN jsonb_build_array(
            jsonb_build_object('queue', 'Agent Research', 'movedBy', 'Manager 3 (Holds lead)', 'note', 'no enteredAt'))
        WHEN 7 THEN jsonb_build_array(   -- rework: back in a queue it left
            jsonb_build_object('queue', 'Agent Research', 'enteredAt', to_char(c.now_utc - INTERVAL '4 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'exitedAt', to_char(c.now_utc - INTERVAL '3 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'movedBy', 'System (import)'),
            jsonb_build_object('queue', 'Customer Contact', 'enteredAt', to_char(c.now_utc - INTERVAL '3 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'movedBy', 'Agent (agent5@taskdesk.example)', 'disposition', 'Need more info'),
            jsonb_build_object('queue', 'Agent Research', 'enteredAt', to_char(c.now_utc - INTERVAL '20 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'movedBy', 'Dana Whitfield (phone)'))
        WHEN 8 THEN jsonb_build_array(
            jsonb_build_object('queue', 'Duplicates', 'enteredAt', to_char(c.now_utc - INTERVAL '2 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"+00:00"'),
                               'movedBy', '(no name)', 'disposition', ''),
            to_jsonb('not an entry'::text))
        ELSE jsonb_build_array(
            jsonb_build_object('queue', 'Escalated Call 4+ Day', 'enteredAt', to_char(c.now_utc - INTERVAL '50 hours', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                               'movedBy', 42, 'disposition', 'Escalated'))
    END
FROM (SELECT "id", substr("id", 6)::int AS n FROM "Task") k,
     (SELECT date_trunc('milliseconds', now() AT TIME ZONE 'UTC') AS now_utc) c
WHERE k."id" = t."id" AND t."taskType" = 'HOLDS';

-- Work sessions: the Holds work of the task's agent (its assignee, else who completed it) on every
-- other Holds task, a second, earlier one on every sixth (rework), and a few on WOD/IVCS tasks (not
-- Holds: never in completed-today). Two in five end today (UTC); every tenth is a note that does
-- not count toward productivity; some have no start, duration, disposition or queue.
INSERT INTO "TaskWorkSession" ("id", "taskId", "taskType", "agentId", "startedAt", "endedAt", "durationSec",
                               "fromQueue", "toQueue", "disposition", "outcomeType", "countsTowardProductivity",
                               "isFinalResolution", "source", "workflowType", "metadata", "idempotencyKey",
                               "createdAt", "updatedAt")
SELECT s.id, s.task_id, s.task_type, s.agent_id,
       CASE WHEN s.n % 7 <> 0 THEN s.ended_at - make_interval(secs => 120 + s.n % 1500) END,
       s.ended_at,
       CASE WHEN s.n % 7 <> 0 THEN 120 + s.n % 1500 END,
       CASE WHEN s.n % 4 <> 1 THEN s.from_queue END,
       CASE WHEN s.n % 9 <> 2 THEN s.to_queue END,
       CASE WHEN s.n % 5 <> 0 THEN (ARRAY['Left voicemail', 'Spoke to customer', 'Order released', 'Duplicate closed'])[1 + s.n % 4] END,
       s.outcome, s.n % 10 <> 4, s.final, 'AGENT_UI', s.workflow,
       CASE WHEN s.n % 3 = 0 THEN jsonb_build_object('client', 'agent-portal', 'version', 3) END,
       'demo-' || s.id,
       s.ended_at, s.ended_at
FROM (
    SELECT 'tws-' || lpad(k.n::text, 7, '0') || '-' || w.nth AS id,
           t."id" AS task_id, t."taskType" AS task_type,
           COALESCE(t."assignedToId", t."completedBy") AS agent_id,
           k.n + w.nth AS n,
           CASE WHEN w.nth = 2 THEN c.today - make_interval(days => 1 + k.n % 5, hours => k.n % 12)
                WHEN t."status" = 'COMPLETED' AND t."endTime" IS NOT NULL THEN t."endTime"
                WHEN k.n % 97 = 0 THEN c.today                           -- exactly at midnight: today's first instant
                WHEN k.n % 5 IN (0, 1) THEN c.today + (c.now_utc - c.today) * ((k.n % 89) / 89.0)::float8
                ELSE t."updatedAt" - make_interval(hours => 1 + k.n % 48) END AS ended_at,
           CASE WHEN w.nth = 2 THEN 'Agent Research' ELSE COALESCE(t."holdsStatus", 'Agent Research') END AS from_queue,
           CASE WHEN t."status" = 'COMPLETED' AND w.nth = 1 THEN 'Completed'
                ELSE (ARRAY['Customer Contact', 'Escalated Call 4+ Day', 'Duplicates', 'Agent Research'])[1 + k.n % 4] END AS to_queue,
           CASE WHEN k.n % 10 = 4 THEN 'NOTE'
                WHEN t."status" = 'COMPLETED' AND w.nth = 1 THEN 'RESOLVED'
                ELSE 'MOVED' END AS outcome,
           t."status" = 'COMPLETED' AND w.nth = 1 AS final,
           CASE WHEN t."taskType" = 'HOLDS' THEN 'HOLDS_ASSEMBLY_LINE' END AS workflow
    FROM "Task" t
    JOIN (SELECT "id", substr("id", 6)::int AS n FROM "Task") k ON k."id" = t."id"
    CROSS JOIN (SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AS today,
                       date_trunc('milliseconds', now() AT TIME ZONE 'UTC') AS now_utc) c
    CROSS JOIN generate_series(1, 2) AS w(nth)
    WHERE COALESCE(t."assignedToId", t."completedBy") IS NOT NULL
      AND (t."taskType" = 'HOLDS' AND k.n % 2 = 0 AND (w.nth = 1 OR k.n % 6 = 0)
           OR t."taskType" = 'WOD_IVCS' AND k.n % 50 = 0 AND w.nth = 1)
) s;

ANALYZE "RawMessage";
ANALYZE "Task";
ANALYZE "TaskWorkSession";
