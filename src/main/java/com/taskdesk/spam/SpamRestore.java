package com.taskdesk.spam;

/**
 * What both restores do (/spam/review/restore, the Spam Review page's "Restore", and /spam/restore):
 * the inverse of mark-spam for the same ids. Tasks in SPAM_REVIEW go back to PENDING (assignee
 * kept, history written); raw messages in SPAM_REVIEW go back to PROMOTED when any task references
 * them, whatever that task's status (it was promoted once: READY would put it back in the assign
 * pool, where the owning app's assign resets its tasks, COMPLETED ones too), else to READY; raw
 * messages in any other status are untouched.
 */
final class SpamRestore {

    /**
     * The common-table expressions after {@link SpamRequest#TARGETS}; parameter 3: whether the restored
     * raw messages' "previewMatches" become [] (as the app's /spam/restore does).
     */
    static final String CTES = """
            , restored_tasks AS (
                UPDATE "Task" t
                SET "status" = 'PENDING', "updatedAt" = now() AT TIME ZONE 'UTC'
                WHERE t."id" IN (SELECT "id" FROM task_ids) AND t."status" = 'SPAM_REVIEW'
                RETURNING t."id", t."rawMessageId" AS raw_message_id
            ), restored_raws AS (
                UPDATE "RawMessage" r
                SET "status" = CASE WHEN EXISTS (SELECT 1 FROM "Task" t WHERE t."rawMessageId" = r."id")
                                    THEN 'PROMOTED' ELSE 'READY' END::"RawStatus",
                    "previewMatches" = CASE WHEN ?::boolean THEN '[]'::jsonb ELSE r."previewMatches" END
                WHERE r."id" IN (SELECT id FROM raw_ids) AND r."status" = 'SPAM_REVIEW'
                RETURNING r."id"
            ), history AS (
                INSERT INTO "TaskHistory" ("id", "taskId", "actorId", "action", "prevStatus", "newStatus", "note", "createdAt")
                SELECT gen_random_uuid()::text, rt."id", caller."id", 'RESTORED_FROM_SPAM', 'SPAM_REVIEW', 'PENDING',
                       CASE WHEN rt.raw_message_id IS NULL THEN 'Restored from spam review by its task id'
                            ELSE 'Restored from spam review with its raw message' END,
                       now() AT TIME ZONE 'UTC'
                FROM restored_tasks rt CROSS JOIN caller
            )""";

    /** The answer: whether the caller may write, and the rows changed. */
    static final String ANSWER = """

            SELECT EXISTS (SELECT 1 FROM caller)     AS caller_may_write,
                   (SELECT count(*) FROM restored_raws)  AS restored,
                   (SELECT count(*) FROM restored_tasks) AS tasks_restored""";

    private SpamRestore() {}
}
