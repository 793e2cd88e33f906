package com.taskdesk.holds;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A Holds specialist: {@code name} as stored (no fallback), {@code holdsCount} its open Holds tasks. */
public record HoldsAgent(
        String id,
        String email,
        String name,
        @JsonProperty("isLive") boolean isLive,
        String lastSeen,
        List<String> agentTypes,
        long holdsCount) {}
