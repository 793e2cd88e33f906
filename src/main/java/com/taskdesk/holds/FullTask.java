package com.taskdesk.holds;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** A Holds task as the queues list it: the slim fields, its aging, time in its queue and work metadata. */
public record FullTask(
        @JsonUnwrapped SlimTask task,
        Aging aging,
        long hoursInQueue,
        boolean needsAttention,
        WorkMetadata workMetadata) {

    /** Whole days since the order ("holdsOrderDate"; 0 without one): aging from 4, approaching at exactly 3. */
    public record Aging(
            long daysSinceOrder,
            @JsonProperty("isAging") boolean isAging,
            @JsonProperty("isApproaching") boolean isApproaching,
            String orderDate) {}
}
