package com.taskdesk.agents;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One agent: {@code name} falls back to the email; {@code openCount} sums the six counts;
 * {@code agentTypes} is the stored array (NULL as empty).
 */
public record Agent(
        String id,
        String email,
        String name,
        long openCount,
        long emailRequestCount,
        long textClubCount,
        long wodIvcsCount,
        long refundCount,
        long yotpoCount,
        long holdsCount,
        @JsonProperty("isLive") boolean isLive,
        String lastSeen,
        List<String> agentTypes,
        String rosterTeam) {}
