package com.taskdesk.budget;

import java.util.Collection;
import java.util.Set;

/**
 * One thing the check found wrong, as one line, and the stages it concerns (a database shared
 * by two stages concerns both; an empty set concerns every stage, e.g. an unreadable template).
 */
public record Finding(Set<String> stages, String message) {

    public static Finding of(String stage, String message) {
        return new Finding(Set.of(stage), message);
    }

    public static Finding of(Collection<String> stages, String message) {
        return new Finding(Set.copyOf(stages), message);
    }

    public static Finding everyStage(String message) {
        return new Finding(Set.of(), message);
    }

    public boolean concernsAny(Collection<String> selected) {
        return stages.isEmpty() || stages.stream().anyMatch(selected::contains);
    }
}
