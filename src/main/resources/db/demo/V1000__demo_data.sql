-- Demo data for local runs, and the benchmark's pinned data mix (docs/benchmark.md).
-- Deterministic: a fixed seed, and times relative to the current UTC day, so "today"
-- always has completions. Placeholders: ${agentCount} agents (plus 5 managers),
-- ${taskCount} tasks, taskCount / 2 raw messages.
--
-- Mix (../shared/spec/original-queries.md): status ~70% COMPLETED (endTime over the
-- past 365 days, ~4% of them today), ~10% PENDING (half assigned; a fifth of them sent
-- back by an agent, with an endTime), ~5% IN_PROGRESS, ~3% ASSISTANCE_REQUIRED,
-- ~5% SPAM_REVIEW, the rest RESOLVED. Type ~60% TEXT_CLUB, 15% WOD_IVCS,
-- 15% EMAIL_REQUESTS, 5% STANDALONE_REFUNDS, 5% HOLDS. Raw messages ~5% READY.

SELECT setseed(0.2710);

INSERT INTO "User" ("id", "email", "name", "role", "isLive", "lastSeen", "createdAt")
SELECT 'agent-' || lpad(i::text, 4, '0'),
       'agent' || i || '@taskdesk.example',
       CASE WHEN i % 9 = 0 THEN NULL ELSE 'Agent ' || i END,
       CASE WHEN i % 6 = 0 THEN 'MANAGER_AGENT' ELSE 'AGENT' END::"Role",
       i % 3 <> 0,
       CASE WHEN i % 3 <> 0 THEN (now() AT TIME ZONE 'UTC') - make_interval(mins => i) END,
       TIMESTAMP '2025-01-01' + make_interval(days => i)
FROM generate_series(1, ${agentCount}) AS i;

INSERT INTO "User" ("id", "email", "name", "role", "isLive", "createdAt")
SELECT 'manager-' || i, 'manager' || i || '@taskdesk.example', 'Manager ' || i, 'MANAGER', true,
       TIMESTAMP '2024-12-01' + make_interval(days => i)
FROM generate_series(1, 5) AS i;

INSERT INTO "ImportBatch" ("id", "sourceName", "rowCount", "createdAt")
SELECT 'batch-' || b, 'import-' || b || '.csv', 1000, TIMESTAMP '2025-01-01' + make_interval(days => b)
FROM generate_series(0, (${taskCount} / 2) / 1000) AS b;

INSERT INTO "RawMessage" ("id", "importBatchId", "status", "hashKey", "text", "brand", "createdAt")
SELECT 'raw-' || lpad(i::text, 7, '0'),
       'batch-' || (i / 1000),
       CASE WHEN i % 20 = 0 THEN 'READY'
            WHEN i % 50 = 1 THEN 'SPAM_REVIEW'
            WHEN i % 100 = 2 THEN 'SPAM_ARCHIVED'
            ELSE 'PROMOTED' END::"RawStatus",
       md5('raw-' || i),
       'Customer message ' || i,
       (ARRAY['Acme', 'Globex', 'Initech'])[1 + i % 3],
       (now() AT TIME ZONE 'UTC') - make_interval(days => i % 365)
FROM generate_series(1, ${taskCount} / 2) AS i;

WITH clock AS (
    SELECT now() AT TIME ZONE 'UTC' AS now_utc,
           date_trunc('day', now() AT TIME ZONE 'UTC') AS today
), draws AS (
    SELECT i, random() AS r_status, random() AS r_type, random() AS r_agent,
           random() AS r_time, random() AS r_today
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
                WHEN r_type < 0.75 THEN 'WOD_IVCS'
                WHEN r_type < 0.90 THEN 'EMAIL_REQUESTS'
                WHEN r_type < 0.95 THEN 'STANDALONE_REFUNDS'
                ELSE 'HOLDS' END AS task_type,
           'agent-' || lpad((1 + floor(r_agent * ${agentCount}))::int::text, 4, '0') AS agent
    FROM draws d CROSS JOIN clock c
), shaped AS (
    SELECT i, kind, task_type,
           CASE WHEN kind = 'SENT_BACK' THEN 'PENDING' ELSE kind END AS status,
           CASE WHEN kind = 'SENT_BACK' THEN NULL
                WHEN kind = 'PENDING' AND r_today >= 0.5 THEN NULL
                ELSE agent END AS assigned_to,
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
                    "endTime", "createdAt", "updatedAt")
SELECT 'task-' || lpad(i::text, 7, '0'),
       task_type::"TaskType",
       status::"TaskStatus",
       assigned_to,
       CASE WHEN task_type = 'TEXT_CLUB' AND i <= ${taskCount} / 2 AND i % 20 <> 0 AND i % 100 <> 2
            THEN 'raw-' || lpad(i::text, 7, '0') END,
       sent_back_by,
       end_time,
       LEAST(created_at, COALESCE(end_time, created_at)),
       COALESCE(end_time, created_at + INTERVAL '1 hour')
FROM shaped;

ANALYZE "User";
ANALYZE "ImportBatch";
ANALYZE "RawMessage";
ANALYZE "Task";
