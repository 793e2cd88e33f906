-- Indexes for the dashboard statements, kept because they paid in docs/benchmark.md.
-- Additive, and safe on a live database: CONCURRENTLY takes no lock that blocks writes;
-- Flyway runs each outside a transaction. On the owning app's database apply them as
-- docs/indexes.md says (psql, then check pg_index.indisvalid), and give schema.prisma the
-- matching @@index so Prisma does not see them as drift.

-- Last activity: one index probe per agent instead of reading all of an agent's tasks.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_assignedToId_updatedAt_idx" ON "Task" ("assignedToId", "updatedAt");

-- Completed today and sent back today: one day's range instead of every completed task.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "Task_status_endTime_idx" ON "Task" ("status", "endTime");
