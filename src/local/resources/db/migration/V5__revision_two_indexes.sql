-- Indexes for what contract revision 2 added to the dashboard statements, chosen from EXPLAIN
-- (ANALYZE, BUFFERS) at 1M tasks (docs/benchmarks-plans.md, docs/indexes.md). Additive and opt-in
-- like V2 and V3: CONCURRENTLY blocks no writes; on the owning app's database apply this file with
-- psql after V3, then check pg_index.indisvalid.

-- Completed today, credited to the assignee and to "completedBy" (agent-progress): V3's covering
-- index with "completedBy" too, so the day's completions are read from the index alone, not from
-- ~28k table rows a day at 1M tasks. It serves every query V3's "Task_status_endTime_covering_idx"
-- served, with the same key, so that one goes (created first: the dashboard never loses its index).
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_status_endTime_credit_covering_idx"
    ON "Task" ("status", "endTime") INCLUDE ("assignedToId", "taskType", "sentBackBy", "completedBy");
DROP INDEX CONCURRENTLY IF EXISTS "Task_status_endTime_covering_idx";

-- In spam review, except archived spam (metrics): the tasks in SPAM_REVIEW with their raw message,
-- and the archived raw messages, each a small partial index read alone, instead of a join that
-- reads the table rows of both. Only a task entering or leaving SPAM_REVIEW, and a raw message
-- being archived or restored, writes to them.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_spamReview_taskType_rawMessageId_idx"
    ON "Task" ("taskType", "rawMessageId") WHERE "status" = 'SPAM_REVIEW';
CREATE INDEX CONCURRENTLY IF NOT EXISTS "RawMessage_archived_id_idx"
    ON "RawMessage" ("id") WHERE "status" = 'SPAM_ARCHIVED';
