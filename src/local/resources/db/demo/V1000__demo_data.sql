-- Demo data for local runs, and the benchmark's pinned data mix (docs/benchmark.md).
-- Deterministic: a fixed seed, and times relative to the current UTC day, so "today"
-- always has completions. Placeholders: ${agentCount} agents (plus 5 managers),
-- ${taskCount} tasks, taskCount / 2 raw messages.
--
-- Mix (../shared/spec/original-queries.md): status ~70% COMPLETED (endTime over the
-- past 365 days, ~4% of them today), ~10% PENDING (half assigned; a fifth of them sent
-- back by an agent, with an endTime), ~5% IN_PROGRESS, ~3% ASSISTANCE_REQUIRED,
-- ~5% SPAM_REVIEW, the rest RESOLVED. Type ~60% TEXT_CLUB, 12.5% WOD_IVCS,
-- 12.5% EMAIL_REQUESTS, 5% STANDALONE_REFUNDS, 5% HOLDS, 5% YOTPO. Raw messages ~5% READY.
-- What revision 2 reads, in every form it takes (the app's snapshot of 2026-05-20):
-- "agentTypes" NULL, empty and with specializations, inactive specialists, a "rosterTeam" or
-- none; completions credited by "completedBy" (mostly the assignee too, some unassigned, some
-- another agent's task; older ones without it); "previewMatches" as an array, one string, []
-- or NULL; spam rules with and without a brand; tasks in review whose raw message was archived.

SELECT setseed(0.2710);

INSERT INTO "User" ("id", "email", "name", "role", "isActive", "isLive", "lastSeen", "createdAt",
                    "updatedAt", "agentTypes", "rosterTeam")
SELECT 'agent-' || lpad(i::text, 4, '0'),
       'agent' || i || '@taskdesk.example',
       CASE WHEN i % 9 = 0 THEN NULL ELSE 'Agent ' || i END,
       CASE WHEN i % 6 = 0 THEN 'MANAGER_AGENT' ELSE 'AGENT' END::"Role",
       i % 10 <> 7,
       i % 3 <> 0,
       CASE WHEN i % 3 <> 0 THEN (now() AT TIME ZONE 'UTC') - make_interval(mins => i) END,
       TIMESTAMP '2025-01-01' + make_interval(days => i),
       TIMESTAMP '2025-01-01' + make_interval(days => i),
       CASE i % 8 WHEN 0 THEN NULL                       -- where Prisma created the column
                  WHEN 1 THEN '{}'                       -- from before specializations: takes Text Club
                  WHEN 2 THEN '{TEXT_CLUB}'
                  WHEN 3 THEN '{TEXT_CLUB,HOLDS}'
                  WHEN 4 THEN '{HOLDS}'
                  WHEN 5 THEN '{YOTPO,TEXT_CLUB}'
                  WHEN 6 THEN '{WOD_IVCS,EMAIL_REQUESTS}'
                  ELSE '{EMAIL_REQUESTS,STANDALONE_REFUNDS,YOTPO}' END::text[],
       CASE WHEN i % 4 <> 0 THEN (ARRAY['Team Blue', 'Team Red', 'Team Green'])[1 + i % 3] END
FROM generate_series(1, ${agentCount}) AS i;

INSERT INTO "User" ("id", "email", "name", "role", "isLive", "createdAt", "updatedAt")
SELECT 'manager-' || i, 'manager' || i || '@taskdesk.example', 'Manager ' || i, 'MANAGER', true,
       TIMESTAMP '2024-12-01' + make_interval(days => i), TIMESTAMP '2024-12-01' + make_interval(days => i)
FROM generate_series(1, 5) AS i;

INSERT INTO "ImportBatch" ("id", "sourceName", "rowCount", "createdAt")
SELECT 'batch-' || b, 'import-' || b || '.csv', 1000, TIMESTAMP '2025-01-01' + make_interval(days => b)
FROM generate_series(0, (${taskCount} / 2) / 1000) AS b;

INSERT INTO "RawMessage" ("id", "importBatchId", "status", "hashKey", "text", "brand", "createdAt",
                          "previewMatches")
SELECT id, 'batch-' || (i / 1000), status::"RawStatus", md5(id), 'Customer message ' || i,
       (ARRAY['Acme', 'Globex', 'Initech'])[1 + i % 3],
       (now() AT TIME ZONE 'UTC') - make_interval(days => i % 365),
       -- the phrases a spam rule matched, in each form the app stores; restored messages have []
       CASE WHEN status IN ('SPAM_REVIEW', 'SPAM_ARCHIVED') THEN
                CASE (i / 50) % 4
                    WHEN 0 THEN jsonb_build_array(phrases[1 + i % 5], phrases[1 + (i + 2) % 5])
                    WHEN 1 THEN jsonb_build_array(upper(phrases[1 + i % 5]))
                    WHEN 2 THEN to_jsonb(phrases[1 + i % 5])
                    END
            WHEN status = 'READY' AND i % 40 = 0 THEN '[]'::jsonb
            END
FROM (
    SELECT i, 'raw-' || lpad(i::text, 7, '0') AS id,
           CASE WHEN i % 20 = 0 THEN 'READY'
                WHEN i % 50 = 1 THEN 'SPAM_REVIEW'
                WHEN i % 100 = 2 THEN 'SPAM_ARCHIVED'
                ELSE 'PROMOTED' END AS status,
           ARRAY['free gift card', 'win big', 'claim your prize', 'crypto deal', 'click here now'] AS phrases
    FROM generate_series(1, ${taskCount} / 2) AS i
) AS raws;

-- The phrase rules those matches came from: global ones, one brand's, a disabled one.
INSERT INTO "SpamRule" ("id", "pattern", "patternNorm", "mode", "brand", "enabled", "note", "updatedAt", "createdAt")
VALUES ('rule-free-gift', 'Free gift card', 'free gift card', 'CONTAINS', NULL, true, NULL,
        TIMESTAMP '2025-03-01', TIMESTAMP '2025-03-01'),
       ('rule-win-big', 'WIN BIG', 'win big', 'CONTAINS', NULL, true, 'seen on every brand',
        TIMESTAMP '2025-03-01', TIMESTAMP '2025-03-01'),
       ('rule-win-big-acme', 'win big', 'win big', 'CONTAINS', 'Acme', true, NULL,
        TIMESTAMP '2025-03-02', TIMESTAMP '2025-03-02'),
       ('rule-prize-globex', 'Claim your prize', 'claim your prize', 'CONTAINS', 'Globex', true, NULL,
        TIMESTAMP '2025-03-02', TIMESTAMP '2025-03-02'),
       ('rule-crypto', 'crypto deal', 'crypto deal', 'CONTAINS', NULL, false, 'too many false positives',
        TIMESTAMP '2025-04-01', TIMESTAMP '2025-03-03'),
       ('rule-click-here', 'click here now', 'click here now', 'LONE', NULL, true, NULL,
        TIMESTAMP '2025-03-03', TIMESTAMP '2025-03-03'),
       ('rule-click-here-initech', 'Click here now', 'click here now', 'REGEX', 'Initech', true, NULL,
        TIMESTAMP '2025-03-04', TIMESTAMP '2025-03-04');

WITH clock AS (
    SELECT now() AT TIME ZONE 'UTC' AS now_utc,
           date_trunc('day', now() AT TIME ZONE 'UTC') AS today
), draws AS (
    SELECT i, random() AS r_status, random() AS r_type, random() AS r_agent,
           random() AS r_time, random() AS r_today, random() AS r_credit
    FROM generate_series(1, ${taskCount}) AS i
), kinds AS (
    SELECT d.*, c.now_utc, c.today,
           CASE WHEN r_status < 0.70 THEN 'COMPLETED'
                WHEN r_status < 0.78 THEN 'PENDING'
                WHEN r_status < 0.80 THEN 'SENT_BACK'
                WHEN r_status < 0.85 THEN 'IN_PROGRESS'
                WHEN r_status < 0.88 THEN 'ASSISTANCE_REQUIRED'
                WHEN r_status < 0.93 THEN 'SPAM_REVIEW'
                ELSE 'RESOLVED' END AS kind,
           CASE WHEN r_type < 0.60 THEN 'TEXT_CLUB'
                WHEN r_type < 0.725 THEN 'WOD_IVCS'
                WHEN r_type < 0.85 THEN 'EMAIL_REQUESTS'
                WHEN r_type < 0.90 THEN 'STANDALONE_REFUNDS'
                WHEN r_type < 0.95 THEN 'HOLDS'
                ELSE 'YOTPO' END AS task_type,
           'agent-' || lpad((1 + floor(r_agent * ${agentCount}))::int::text, 4, '0') AS agent,
           'agent-' || lpad((1 + (floor(r_agent * ${agentCount})::int + 1) % ${agentCount})::text, 4, '0') AS other_agent
    FROM draws d CROSS JOIN clock c
), shaped AS (
    SELECT i, kind, task_type,
           CASE WHEN kind = 'SENT_BACK' THEN 'PENDING' ELSE kind END AS status,
           CASE WHEN kind = 'SENT_BACK' THEN NULL
                WHEN kind = 'PENDING' AND r_today >= 0.5 THEN NULL
                -- completed by an agent but assigned to nobody (e.g. Holds' "Unable to Resolve")
                WHEN kind = 'COMPLETED' AND r_credit >= 0.55 AND r_credit < 0.65 THEN NULL
                ELSE agent END AS assigned_to,
           -- who completed it: the assignee (55%), nobody assigned (10%), another agent than the
           -- assignee (7%); older completions have none (28%)
           CASE WHEN kind <> 'COMPLETED' OR r_credit >= 0.72 THEN NULL
                WHEN r_credit >= 0.65 THEN other_agent
                ELSE agent END AS completed_by,
           CASE WHEN kind = 'SENT_BACK' THEN agent END AS sent_back_by,
           CASE WHEN kind = 'COMPLETED' AND r_today < 0.04
                     THEN today + (now_utc - today) * r_time
                WHEN kind = 'COMPLETED'
                     THEN now_utc - INTERVAL '365 days' * r_time
                WHEN kind = 'SENT_BACK' AND r_today < 0.30
                     THEN today + (now_utc - today) * r_time
                WHEN kind = 'SENT_BACK'
                     THEN now_utc - INTERVAL '30 days' * r_time
                END AS end_time,
           now_utc - INTERVAL '365 days' * r_time - INTERVAL '2 hours' AS created_at,
           now_utc
    FROM kinds
)
INSERT INTO "Task" ("id", "taskType", "status", "assignedToId", "rawMessageId", "sentBackBy",
                    "completedBy", "endTime", "createdAt", "updatedAt")
SELECT 'task-' || lpad(i::text, 7, '0'),
       task_type::"TaskType",
       status::"TaskStatus",
       assigned_to,
       -- READY raw messages have no task; archived ones keep theirs (mark-spam deletes nothing)
       CASE WHEN task_type = 'TEXT_CLUB' AND i <= ${taskCount} / 2 AND i % 20 <> 0
            THEN 'raw-' || lpad(i::text, 7, '0') END,
       sent_back_by,
       completed_by,
       end_time,
       LEAST(created_at, COALESCE(end_time, created_at)),
       COALESCE(end_time, created_at + INTERVAL '1 hour')
FROM shaped;

ANALYZE "User";
ANALYZE "ImportBatch";
ANALYZE "RawMessage";
ANALYZE "Task";
ANALYZE "SpamRule";
