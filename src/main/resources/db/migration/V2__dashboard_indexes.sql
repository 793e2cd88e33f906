-- Indexes for the dashboard statements (measured: docs/benchmark.md). Additive, and safe
-- on a live database: CONCURRENTLY takes no lock that blocks writes. Each needs its own
-- run outside a transaction, which Flyway does for CONCURRENTLY. On the owning app's
-- database, apply them with psql and check pg_index.indisvalid (docs/indexes.md), and
-- give schema.prisma the matching @@index so Prisma does not see them as drift.

-- last activity: one index probe per agent instead of reading all of an agent's tasks
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_assignedToId_updatedAt_idx" ON "Task" ("assignedToId", "updatedAt");

-- completed today and sent back today: a range of one day instead of every completed task
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_status_endTime_idx" ON "Task" ("status", "endTime");

-- Text Club metrics by status: the guide's suggested @@index([taskType, status])
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_taskType_status_idx" ON "Task" ("taskType", "status");
