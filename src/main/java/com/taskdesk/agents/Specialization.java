package com.taskdesk.agents;

import java.util.Arrays;
import java.util.Optional;

/**
 * The task types an agent may specialise in ("User"."agentTypes"), which are the values of
 * {@code GET /api/manager/agents?filter=}: every "TaskType" of the owning app.
 */
enum Specialization {
    TEXT_CLUB,
    WOD_IVCS,
    EMAIL_REQUESTS,
    STANDALONE_REFUNDS,
    HOLDS,
    YOTPO;

    /** The filter a query asks for: trimmed, case-sensitive; anything else (none, empty, unknown) is no filter. */
    static Optional<Specialization> ofFilter(String filter) {
        if (filter == null) {
            return Optional.empty();
        }
        String trimmed = filter.trim();
        return Arrays.stream(values())
                .filter(type -> type.name().equals(trimmed))
                .findFirst();
    }
}
