-- What the task desk's Prisma migrations added, up to its snapshot of 2026-05-20 (commit 9e67bdd),
-- to the tables these functions touch (contract revision 2). Names, types, defaults, foreign keys
-- and indexes as the app's migrations create them, so the functions' SQL runs unchanged on the real
-- database. Like V1, this builds the local and test schema only: production already has all of it.

-- 20260506212000_add_holds_tasktype_enum / 20260507123000_force_tasktype_enum_parity
ALTER TYPE "TaskType" ADD VALUE IF NOT EXISTS 'YOTPO';

-- 20260507120000_add_user_agent_types: the app's migration says NOT NULL, but where Prisma itself
-- created the column it is nullable, and NULL occurs: read NULL as empty (the tests store both).
ALTER TABLE "User" ADD COLUMN "agentTypes" TEXT[] DEFAULT ARRAY[]::TEXT[];
-- 20260505120000_user_roster_team
ALTER TABLE "User" ADD COLUMN "rosterTeam" TEXT;
CREATE INDEX "User_rosterTeam_idx" ON "User"("rosterTeam");

-- 20251126220400_add_completed_by_tracking: who completed a task, which may be someone other than
-- its assignee, or nobody assigned at all (e.g. Holds' "Unable to Resolve").
ALTER TABLE "Task" ADD COLUMN "completedBy" TEXT;
ALTER TABLE "Task" ADD CONSTRAINT "Task_completedBy_fkey" FOREIGN KEY ("completedBy")
    REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Task_completedBy_idx" ON "Task"("completedBy");
-- 20251129133531_add_task_performance_index
CREATE INDEX "Task_status_endTime_assignedToId_completedBy_idx"
    ON "Task"("status", "endTime", "assignedToId", "completedBy");

-- init_postgres: the phrases a spam rule matched; an array of strings, one string, [] or NULL.
ALTER TABLE "RawMessage" ADD COLUMN "previewMatches" JSONB;

-- init_postgres, 20250902014948_spam_modes_brand_unique, 20250902015640_add_spam_mode_brand_note:
-- the phrase rules. "updatedAt" is Prisma's @updatedAt (no database default): a write sets it.
CREATE TYPE "SpamMode" AS ENUM ('CONTAINS', 'LONE', 'REGEX');
CREATE TABLE "SpamRule" (
    "id"          TEXT NOT NULL,
    "pattern"     TEXT NOT NULL,
    "patternNorm" TEXT NOT NULL DEFAULT '',
    "mode"        "SpamMode" NOT NULL DEFAULT 'CONTAINS',
    "brand"       TEXT,
    "enabled"     BOOLEAN NOT NULL DEFAULT true,
    "note"        TEXT,
    "updatedAt"   TIMESTAMP(3) NOT NULL,
    "createdAt"   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SpamRule_pkey" PRIMARY KEY ("id")
);
-- NULL brands never collide: two global rules with the same phrase and mode may both exist.
CREATE UNIQUE INDEX "SpamRule_patternNorm_mode_brand_key" ON "SpamRule"("patternNorm", "mode", "brand");
CREATE INDEX "SpamRule_enabled_idx" ON "SpamRule"("enabled");
CREATE INDEX "SpamRule_brand_idx" ON "SpamRule"("brand");
