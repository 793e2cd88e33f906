package com.taskdesk.holds;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A task's "holdsQueueHistory" as the Holds rules read it: an array of {@code {queue, enteredAt,
 * movedBy, disposition, ...}} objects as the app writes them, though any JSON may be stored. Anything
 * that is not an array is no history; an element that is not an object keeps its place but has none
 * of those fields (the app throws on some of them, e.g. {@code null}), so nothing stored makes the
 * answer fail.
 */
final class QueueHistory {

    /** Movers whose moves are the system's, not an agent's work (case-sensitive substrings). */
    private static final List<String> SYSTEM_MOVERS = List.of("System", "Auto-Import", "Auto-escalation");

    /** The largest time value a JavaScript Date holds (ECMA-262 TimeClip): 8.64e15 ms. */
    private static final double MAX_DATE_MILLIS = 8.64e15;

    private static final QueueHistory NONE = new QueueHistory(List.of());

    private final List<JsonNode> elements;

    private QueueHistory(List<JsonNode> elements) {
        this.elements = elements;
    }

    /** The stored value (null for SQL NULL); only an array is a history. */
    static QueueHistory of(JsonNode stored) {
        if (stored == null || !stored.isArray()) {
            return NONE;
        }
        List<JsonNode> elements = new ArrayList<>(stored.size());
        stored.forEach(elements::add);
        return new QueueHistory(elements);
    }

    /** When the task entered its current queue: the last element's enteredAt, if it has a usable one. */
    Optional<Instant> enteredCurrentQueue() {
        return elements.isEmpty() ? Optional.empty() : enteredAt(elements.get(elements.size() - 1));
    }

    /** Elements that record an agent's work: a truthy disposition, or a mover that is not the system. */
    List<JsonNode> workEntries() {
        return elements.stream().filter(QueueHistory::isWork).toList();
    }

    /**
     * The task came back to a queue it was in: its status is the queue of an element before the last,
     * or the last element's queue while the history records work. Needs a status and two elements.
     */
    boolean isRework(String holdsStatus, boolean worked) {
        if (holdsStatus == null || holdsStatus.isEmpty() || elements.size() < 2) {
            return false;
        }
        for (JsonNode element : elements.subList(0, elements.size() - 1)) {
            if (holdsStatus.equals(text(element, "queue"))) {
                return true;
            }
        }
        return worked && holdsStatus.equals(text(elements.get(elements.size() - 1), "queue"));
    }

    /** The element's movedBy when it is a string (the app throws on any other value); else null. */
    static String movedBy(JsonNode element) {
        return text(element, "movedBy");
    }

    /**
     * The element's enteredAt when it is a date (decision 4): an ISO-8601 date (midnight UTC, as
     * JavaScript reads it), a date-time with {@code Z} or an offset, a date-time without one (read as
     * UTC), or epoch milliseconds. Anything else counts as absent: the app's {@code new Date(...)} of
     * it is NaN, which turned the whole answer into a 500.
     */
    static Optional<Instant> enteredAt(JsonNode element) {
        JsonNode value = element.isObject() ? element.get("enteredAt") : null;
        if (value == null) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            double millis = value.doubleValue();
            // new Date(ms) truncates toward zero and holds at most ±8.64e15 ms
            return Double.isFinite(millis) && Math.abs(millis) <= MAX_DATE_MILLIS
                    ? Optional.of(Instant.ofEpochMilli((long) millis))
                    : Optional.empty();
        }
        return value.isTextual() ? parseIso(value.textValue()) : Optional.empty();
    }

    private static Optional<Instant> parseIso(String text) {
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            TemporalAccessor parsed =
                    DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            return Optional.of(
                    parsed instanceof OffsetDateTime withOffset
                            ? withOffset.toInstant()
                            : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean isWork(JsonNode element) {
        if (!element.isObject()) {
            return false;
        }
        if (truthy(element.get("disposition"))) {
            return true;
        }
        String mover = movedBy(element);
        return mover != null && SYSTEM_MOVERS.stream().noneMatch(mover::contains);
    }

    /** JavaScript truthiness of a JSON value: everything but absent, null, false, 0 and "". */
    private static boolean truthy(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        return !value.isTextual() || !value.textValue().isEmpty();
    }

    private static String text(JsonNode element, String field) {
        JsonNode value = element.isObject() ? element.get(field) : null;
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
