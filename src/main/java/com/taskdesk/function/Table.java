package com.taskdesk.function;

/** The owning app's tables these functions may touch, by their Prisma names. */
public enum Table {
    USER("User"),
    TASK("Task"),
    TASK_HISTORY("TaskHistory"),
    RAW_MESSAGE("RawMessage"),
    SPAM_RULE("SpamRule"),
    TASK_WORK_SESSION("TaskWorkSession");

    private final String prismaName;

    Table(String prismaName) {
        this.prismaName = prismaName;
    }

    /** The table's name as SQL writes it: {@code "Task"}. */
    public String quoted() {
        return '"' + prismaName + '"';
    }
}
