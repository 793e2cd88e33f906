package com.taskdesk.spam;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.taskdesk.http.BadRequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A spam write's JSON body: the ids it names ({@code {"ids": [...]}}, or as the existing front end
 * sends them {@code {"rawMessageIds": [...]}} or {@code {"id": "..."}}; each a raw message id or a
 * task id) and its optional boolean flags. The first ids key present, in the order rawMessageIds,
 * ids, id, decides; an invalid value is a 400, never a fall-through to the next key. Duplicates
 * count once. Other keys are ignored unless the write reads them as a {@link #flag}.
 */
record SpamBody(List<String> ids, JsonNode json) {

    static final int MAX_IDS = 1000;
    static final int MAX_ID_LENGTH = 64;
    private static final int MAX_NESTING_DEPTH = 16;
    private static final List<String> KEYS = List.of("rawMessageIds", "ids", "id");
    private static final String EXAMPLE = "send {\"ids\": [\"<raw message or task id>\", ...]}";

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** The body with its distinct ids, in the order first sent. */
    static SpamBody parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("The request body is empty: " + EXAMPLE);
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new BadRequestException(
                    "The request body is not valid JSON: it nests deeper than " + MAX_NESTING_DEPTH + " levels");
        } catch (JsonProcessingException e) {
            throw new BadRequestException(notJson(e.getLocation()));
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException(
                    "The request body must be a JSON object such as {\"ids\": [\"<raw message or task id>\"]}");
        }
        for (String key : KEYS) {
            if (root.has(key)) {
                return new SpamBody(key.equals("id") ? List.of(single(root.get(key))) : list(key, root.get(key)), root);
            }
        }
        throw new BadRequestException("No ids: " + EXAMPLE);
    }

    /**
     * A boolean option of the body: false when absent or null.
     *
     * @throws BadRequestException when it is there but neither true nor false
     */
    boolean flag(String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new BadRequestException("\"" + name + "\" must be true or false, not "
                    + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return value.booleanValue();
    }

    /** Where the body stops being JSON, never what it holds there (the parser's own message quotes it). */
    private static String notJson(JsonLocation where) {
        return "The request body is not valid JSON"
                + (where == null || where.getLineNr() < 1
                        ? ""
                        : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                + ": " + EXAMPLE;
    }

    private static String single(JsonNode value) {
        return validId("id", value);
    }

    private static List<String> list(String key, JsonNode value) {
        if (!value.isArray()) {
            throw new BadRequestException("\"" + key + "\" must be an array of raw message or task ids (strings)");
        }
        if (value.isEmpty()) {
            throw new BadRequestException("\"" + key + "\" is empty: send at least one raw message or task id");
        }
        if (value.size() > MAX_IDS) {
            throw new BadRequestException("At most " + MAX_IDS + " ids per request; this one has " + value.size());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < value.size(); i++) {
            ids.add(validId(key + "[" + i + "]", value.get(i)));
        }
        return new ArrayList<>(ids);
    }

    private static String validId(String where, JsonNode value) {
        if (!value.isTextual()) {
            throw new BadRequestException(where + " must be a string, not "
                    + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String id = value.textValue();
        if (id.isBlank()) {
            throw new BadRequestException(where + " is empty");
        }
        if (id.codePointCount(0, id.length()) > MAX_ID_LENGTH) {
            throw new BadRequestException(where + " is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (id.indexOf('\0') >= 0) {
            throw new BadRequestException(where + " contains a NUL character");
        }
        return id;
    }
}
