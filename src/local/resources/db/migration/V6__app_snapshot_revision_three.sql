-- What contract revision 3 reads (../shared/spec/api-r3.md §1): the rest of "Task", the
-- "WodIvcsSource" enum, "TaskWorkSession", "User"."updatedAt" and "RawMessage".phone, as the task
-- desk's Prisma migrations create them up to its snapshot of 2026-05-20 (commit 9e67bdd). With V1 and
-- V4 this is every column of "Task" in the app's schema.prisma. Like V1, this builds the local and
-- test schema only: production already has all of it, and a production database without these
-- columns is a deployment error (the functions never retry with fewer columns).

-- Prisma's @updatedAt: no database default, so every INSERT of a user names it (as Prisma does).
ALTER TABLE "User" ADD COLUMN "updatedAt" TIMESTAMP(3);
UPDATE "User" SET "updatedAt" = "createdAt";
ALTER TABLE "User" ALTER COLUMN "updatedAt" SET NOT NULL;

ALTER TABLE "RawMessage" ADD COLUMN "phone" TEXT;

CREATE TYPE "WodIvcsSource" AS ENUM ('INVALID_CASH_SALE', 'ORDERS_NOT_DOWNLOADING', 'SO_VS_WEB_DIFFERENCE');

ALTER TABLE "Task"
    -- every task type
    ADD COLUMN "phone"                       TEXT,
    ADD COLUMN "email"                       TEXT,
    ADD COLUMN "text"                        TEXT,
    ADD COLUMN "brand"                       TEXT,
    ADD COLUMN "startTime"                   TIMESTAMP(3),
    ADD COLUMN "durationSec"                 INTEGER,
    ADD COLUMN "disposition"                 TEXT,
    ADD COLUMN "assistanceNotes"             TEXT,
    ADD COLUMN "managerResponse"             TEXT,
    ADD COLUMN "assistanceRequestedAt"       TIMESTAMP(3),
    ADD COLUMN "assistancePausedDurationSec" INTEGER,
    ADD COLUMN "sentBackAt"                  TIMESTAMP(3),
    ADD COLUMN "sentBackDisposition"         TEXT,
    -- 20251126220400_add_completed_by_tracking (with "completedBy", V4)
    ADD COLUMN "completedAt"                 TIMESTAMP(3),
    -- WOD/IVCS
    ADD COLUMN "wodIvcsSource"               "WodIvcsSource",
    ADD COLUMN "documentNumber"              TEXT,
    ADD COLUMN "warehouseEdgeStatus"         TEXT,
    ADD COLUMN "amount"                      DECIMAL(65,30),
    ADD COLUMN "webOrderDifference"          DECIMAL(65,30),
    ADD COLUMN "webOrder"                    TEXT,
    ADD COLUMN "webOrderSubtotal"            DECIMAL(65,30),
    ADD COLUMN "webOrderTotal"               DECIMAL(65,30),
    ADD COLUMN "nsVsWebDiscrepancy"          DECIMAL(65,30),
    ADD COLUMN "customerName"                TEXT,
    ADD COLUMN "netSuiteTotal"               DECIMAL(65,30),
    ADD COLUMN "webTotal"                    DECIMAL(65,30),
    ADD COLUMN "webVsNsDifference"           DECIMAL(65,30),
    ADD COLUMN "shippingCountry"             TEXT,
    ADD COLUMN "shippingState"               TEXT,
    ADD COLUMN "purchaseDate"                TIMESTAMP(3),
    ADD COLUMN "orderDate"                   TIMESTAMP(3),
    -- Email requests and standalone refunds
    ADD COLUMN "completionTime"              TIMESTAMP(3),
    ADD COLUMN "salesforceCaseNumber"        TEXT,
    ADD COLUMN "emailRequestFor"             TEXT,
    ADD COLUMN "details"                     TEXT,
    ADD COLUMN "timestamp"                   TIMESTAMP(3),
    ADD COLUMN "customerNameNumber"          TEXT,
    ADD COLUMN "salesOrderId"                TEXT,
    ADD COLUMN "amountToBeRefunded"          DECIMAL(65,30),
    ADD COLUMN "verifiedRefund"              TEXT,
    ADD COLUMN "paymentMethod"               TEXT,
    ADD COLUMN "refundReason"                TEXT,
    ADD COLUMN "productSku"                  TEXT,
    ADD COLUMN "quantity"                    INTEGER,
    ADD COLUMN "refundAmount"                DECIMAL(65,30),
    ADD COLUMN "sfOrderNumber"               TEXT,
    ADD COLUMN "sfCaseNumber"                TEXT,
    -- Holds (added with ADD COLUMN IF NOT EXISTS and repeated by the app's "parity" migrations)
    ADD COLUMN "holdsOrderDate"              TIMESTAMP(3),
    ADD COLUMN "holdsOrderNumber"            TEXT,
    ADD COLUMN "holdsCustomerEmail"          TEXT,
    ADD COLUMN "holdsPhoneNumber"            TEXT,
    ADD COLUMN "holdsPriority"               INTEGER,
    ADD COLUMN "holdsDaysInSystem"           INTEGER,
    ADD COLUMN "holdsStatus"                 TEXT,
    ADD COLUMN "holdsOrderAmount"            DECIMAL(65,30),
    ADD COLUMN "holdsNotes"                  TEXT,
    ADD COLUMN "holdsQueueHistory"           JSONB,
    -- Yotpo
    ADD COLUMN "yotpoDateSubmitted"          TIMESTAMP(3),
    ADD COLUMN "yotpoPrOrYotpo"              TEXT,
    ADD COLUMN "yotpoCustomerName"           TEXT,
    ADD COLUMN "yotpoEmail"                  TEXT,
    ADD COLUMN "yotpoOrderDate"              TIMESTAMP(3),
    ADD COLUMN "yotpoProduct"                TEXT,
    ADD COLUMN "yotpoIssueTopic"             TEXT,
    ADD COLUMN "yotpoReviewDate"             TIMESTAMP(3),
    ADD COLUMN "yotpoReview"                 TEXT,
    ADD COLUMN "yotpoSfOrderLink"            TEXT,
    ADD COLUMN "yotpoImportSource"           TEXT,
    ADD COLUMN "yotpoSubmittedBy"            TEXT;

-- 20251126220400_add_completed_by_tracking made it (with V4's "Task_completedBy_idx"); it is not in
-- schema.prisma, but nothing dropped it: production has it (revision 3, decision 5).
CREATE INDEX "Task_completedAt_idx" ON "Task"("completedAt");

-- 20260509100000: the per-agent work ledger (one row per agent action on a multi-stage task).
CREATE TABLE "TaskWorkSession" (
    "id"                       TEXT NOT NULL,
    "taskId"                   TEXT NOT NULL,
    "taskType"                 "TaskType" NOT NULL,
    "agentId"                  TEXT NOT NULL,
    "startedAt"                TIMESTAMP(3),
    "endedAt"                  TIMESTAMP(3) NOT NULL,
    "durationSec"              INTEGER,
    "fromQueue"                TEXT,
    "toQueue"                  TEXT,
    "disposition"              TEXT,
    "outcomeType"              TEXT NOT NULL,
    "countsTowardProductivity" BOOLEAN NOT NULL DEFAULT true,
    "isFinalResolution"        BOOLEAN NOT NULL DEFAULT false,
    "source"                   TEXT NOT NULL DEFAULT 'AGENT_UI',
    "workflowType"             TEXT,
    "metadata"                 JSONB,
    "idempotencyKey"           TEXT,
    "createdAt"                TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt"                TIMESTAMP(3) NOT NULL,
    CONSTRAINT "TaskWorkSession_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "TaskWorkSession_taskId_fkey" FOREIGN KEY ("taskId")
        REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    -- RESTRICT: a user with work sessions cannot be deleted (test data neither).
    CONSTRAINT "TaskWorkSession_agentId_fkey" FOREIGN KEY ("agentId")
        REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "TaskWorkSession_idempotencyKey_key" ON "TaskWorkSession"("idempotencyKey");
CREATE INDEX "TaskWorkSession_taskId_idx" ON "TaskWorkSession"("taskId");
CREATE INDEX "TaskWorkSession_agentId_endedAt_idx" ON "TaskWorkSession"("agentId", "endedAt");
CREATE INDEX "TaskWorkSession_taskType_endedAt_idx" ON "TaskWorkSession"("taskType", "endedAt");
CREATE INDEX "TaskWorkSession_countsTowardProductivity_endedAt_idx"
    ON "TaskWorkSession"("countsTowardProductivity", "endedAt");
-- serves completed-today's session rows
CREATE INDEX "TaskWorkSession_taskType_agentId_endedAt_idx" ON "TaskWorkSession"("taskType", "agentId", "endedAt");
CREATE INDEX "TaskWorkSession_fromQueue_endedAt_idx" ON "TaskWorkSession"("fromQueue", "endedAt");
CREATE INDEX "TaskWorkSession_toQueue_endedAt_idx" ON "TaskWorkSession"("toQueue", "endedAt");
CREATE INDEX "TaskWorkSession_isFinalResolution_endedAt_idx" ON "TaskWorkSession"("isFinalResolution", "endedAt");
