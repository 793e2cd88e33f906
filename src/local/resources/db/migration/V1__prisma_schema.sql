-- The task desk's tables as its Prisma migrations create them (only the columns these
-- functions read or write, plus what keeps the rows valid), with every relation a real
-- foreign key and Prisma's indexes, as in production, so a write production would refuse
-- is refused here too. Quoted CamelCase names, constraint names and enum types match
-- Prisma's, so the functions' SQL runs unchanged on the real database.
-- This file builds the local and test schema only: production's schema belongs to the
-- owning app, and nothing here runs on Lambda unless QUARKUS_FLYWAY_MIGRATE_AT_START=true.

CREATE TYPE "Role" AS ENUM ('MANAGER', 'AGENT', 'MANAGER_AGENT');
CREATE TYPE "TaskType" AS ENUM ('TEXT_CLUB', 'WOD_IVCS', 'EMAIL_REQUESTS', 'STANDALONE_REFUNDS', 'HOLDS');
CREATE TYPE "TaskStatus" AS ENUM ('PENDING', 'SPAM_REVIEW', 'IN_PROGRESS', 'ASSISTANCE_REQUIRED', 'RESOLVED', 'COMPLETED');
CREATE TYPE "RawStatus" AS ENUM ('READY', 'SPAM_REVIEW', 'PROMOTED', 'SPAM_ARCHIVED');

CREATE TABLE "User" (
    "id"        TEXT NOT NULL,
    "email"     TEXT NOT NULL,
    "name"      TEXT,
    "role"      "Role" NOT NULL DEFAULT 'AGENT',
    "isActive"  BOOLEAN NOT NULL DEFAULT true,
    "isLive"    BOOLEAN NOT NULL DEFAULT false,
    "lastSeen"  TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_isLive_lastSeen_idx" ON "User"("isLive", "lastSeen");

CREATE TABLE "ImportBatch" (
    "id"         TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "rowCount"   INTEGER NOT NULL DEFAULT 0,
    "createdAt"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "RawMessage" (
    "id"            TEXT NOT NULL,
    "importBatchId" TEXT NOT NULL,
    "status"        "RawStatus" NOT NULL DEFAULT 'READY',
    "hashKey"       TEXT NOT NULL,
    "text"          TEXT,
    "brand"         TEXT,
    "createdAt"     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RawMessage_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RawMessage_importBatchId_fkey" FOREIGN KEY ("importBatchId")
        REFERENCES "ImportBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "RawMessage_hashKey_key" ON "RawMessage"("hashKey");
CREATE INDEX "RawMessage_status_idx" ON "RawMessage"("status");
CREATE INDEX "RawMessage_status_createdAt_idx" ON "RawMessage"("status", "createdAt");
CREATE INDEX "RawMessage_importBatchId_idx" ON "RawMessage"("importBatchId");
CREATE INDEX "RawMessage_createdAt_idx" ON "RawMessage"("createdAt");

CREATE TABLE "Task" (
    "id"           TEXT NOT NULL,
    "taskType"     "TaskType" NOT NULL DEFAULT 'TEXT_CLUB',
    "status"       "TaskStatus" NOT NULL DEFAULT 'PENDING',
    "assignedToId" TEXT,
    "rawMessageId" TEXT,
    "sentBackBy"   TEXT,
    "endTime"      TIMESTAMP(3),
    "createdAt"    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"    TIMESTAMP(3) NOT NULL,
    CONSTRAINT "Task_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Task_assignedToId_fkey" FOREIGN KEY ("assignedToId")
        REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_rawMessageId_fkey" FOREIGN KEY ("rawMessageId")
        REFERENCES "RawMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Task_sentBackBy_fkey" FOREIGN KEY ("sentBackBy")
        REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "Task_assignedToId_idx" ON "Task"("assignedToId");
CREATE INDEX "Task_status_createdAt_idx" ON "Task"("status", "createdAt");
CREATE INDEX "Task_rawMessageId_idx" ON "Task"("rawMessageId");

CREATE TABLE "TaskHistory" (
    "id"         TEXT NOT NULL,
    "taskId"     TEXT NOT NULL,
    "actorId"    TEXT,
    "action"     TEXT NOT NULL,
    "prevStatus" "TaskStatus",
    "newStatus"  "TaskStatus",
    "note"       TEXT,
    "createdAt"  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TaskHistory_pkey" PRIMARY KEY ("id"),
    -- No cascade: the original app's delete of a task with history failed here.
    CONSTRAINT "TaskHistory_taskId_fkey" FOREIGN KEY ("taskId")
        REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    -- A history row must name a user that exists: the writes check their caller first.
    CONSTRAINT "TaskHistory_actorId_fkey" FOREIGN KEY ("actorId")
        REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "TaskHistory_taskId_idx" ON "TaskHistory"("taskId");
CREATE INDEX "TaskHistory_actorId_idx" ON "TaskHistory"("actorId");
