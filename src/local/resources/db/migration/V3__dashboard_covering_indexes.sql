-- Indexes that let each dashboard statement read an index alone (index-only scans), chosen
-- from EXPLAIN (ANALYZE, BUFFERS) at 1M tasks and kept for what they save per dashboard load
-- against what they cost per task insert and status update (docs/benchmarks.md, docs/indexes.md).
-- Additive and opt-in like V2: CONCURRENTLY blocks no writes; on the owning app's database
-- apply this file with psql as docs/indexes.md says, then check pg_index.indisvalid.

-- Open tasks per agent and type (agents; agent-progress's assigned, not started, in progress):
-- only assigned open tasks, a small part of the table, so writes to other tasks never touch it.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_open_assignedToId_taskType_status_idx"
    ON "Task" ("assignedToId", "taskType", "status")
    WHERE "status" IN ('PENDING', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED') AND "assignedToId" IS NOT NULL;

-- The Text Club counts by status (metrics): a tiny, deduplicated index instead of the table.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_taskType_status_idx" ON "Task" ("taskType", "status");

-- Completed today and sent back today (agent-progress, metrics): the day's range with the
-- columns they group by, so no table page is read. It serves every query V2's
-- "Task_status_endTime_idx" served, with the same key, so that one goes: keeping both would
-- write two index entries per task insert and status update for nothing.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_status_endTime_covering_idx"
    ON "Task" ("status", "endTime") INCLUDE ("assignedToId", "taskType", "sentBackBy");
DROP INDEX CONCURRENTLY IF EXISTS "Task_status_endTime_idx";
