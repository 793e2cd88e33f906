package com.taskdesk.agents;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One agent: {@code name} falls back to the email; {@code openCount} sums the four counts. */
public record Agent(
        String id,
        String email,
        String name,
        long openCount,
        long emailRequestCount,
        long textClubCount,
        long wodIvcsCount,
        long refundCount,
        @JsonProperty("isLive") boolean isLive,
        String lastSeen) {}
