package com.taskdesk.js;

/**
 * A task's {@code brand}, {@code phone} and {@code text} as an answer carries them, each falling back
 * to its raw message's; the app has two rules for that (contract revision 3, §2, "Text fallbacks").
 * Serialised as three keys of the answer that holds it ({@code @JsonUnwrapped}).
 */
public record TaskTexts(String brand, String phone, String text) {

    /**
     * The agent portal's (agent/tasks, completed-today): JavaScript's {@code ||}, so NULL and
     * {@code ""} both fall through: the task's, else the raw message's, else {@code "Unknown"} for
     * the brand and {@code ""} for phone and text.
     */
    public static TaskTexts agentPortal(TaskTexts task, TaskTexts raw) {
        return new TaskTexts(
                or(task.brand, or(raw.brand, "Unknown")),
                or(task.phone, or(raw.phone, "")),
                or(task.text, or(raw.text, "")));
    }

    /**
     * The assistance list's: the task's value whenever it is not NULL ({@code ""} stays {@code ""});
     * else for the brand the raw message's unless NULL or {@code ""}, for phone and text the raw
     * message's unless NULL; else {@code "Unknown"}.
     */
    public static TaskTexts assistance(TaskTexts task, TaskTexts raw) {
        return new TaskTexts(
                nullish(task.brand, or(raw.brand, "Unknown")),
                nullish(task.phone, nullish(raw.phone, "Unknown")),
                nullish(task.text, nullish(raw.text, "Unknown")));
    }

    /** JavaScript's {@code value || otherwise} for a string. */
    private static String or(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** JavaScript's {@code value ?? otherwise}. */
    private static String nullish(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}
