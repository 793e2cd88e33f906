package com.taskdesk.holds;

import com.taskdesk.js.JsJson;
import com.taskdesk.js.JsNumber;

/** A Holds task as data.tasks lists it: its columns, its assignee and its completer. */
public record SlimTask(
        String id,
        String text,
        String status,
        String holdsStatus,
        String holdsOrderNumber,
        String holdsCustomerEmail,
        String holdsOrderDate,
        Integer holdsPriority,
        Integer holdsDaysInSystem,
        JsNumber holdsOrderAmount,
        JsJson holdsQueueHistory,
        String completedBy,
        String completedAt,
        String createdAt,
        String updatedAt,
        Person assignedTo,
        Person completedByUser) {

    /** A user as a task names it; {@code name} may be null. */
    public record Person(String id, String name, String email) {}
}
