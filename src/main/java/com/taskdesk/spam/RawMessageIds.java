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
 * The raw message ids of a spam request body: {@code {"ids": [...]}}, or as the existing
 * front end sends them {@code {"rawMessageIds": [...]}} or {@code {"id": "..."}}. The
 * first key present, in the order rawMessageIds, ids, id, decides; an invalid value is
 * a 400, never a fall-through to the next key. Duplicates count once.
 */
final class RawMessageIds {

    static final int MAX_IDS = 1000;
    static final int MAX_ID_LENGTH = 64;
    private static final int MAX_NESTING_DEPTH = 16;
    private static final List<String> KEYS = List.of("rawMessageIds", "ids", "id");

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private RawMessageIds() {}

    /** The distinct ids, in the order first sent. */
    static List<String> parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("The request body is empty: send {\"ids\": [\"<rawMessageId>\", ...]}");
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
                    "The request body must be a JSON object such as {\"ids\": [\"<rawMessageId>\"]}");
        }
        for (String key : KEYS) {
            if (root.has(key)) {
                return key.equals("id") ? List.of(single(root.get(key))) : list(key, root.get(key));
            }
        }
        throw new BadRequestException("No ids: send {\"ids\": [\"<rawMessageId>\", ...]}");
    }

    /** Where the body stops being JSON, never what it holds there (the parser's own message quotes it). */
    private static String notJson(JsonLocation where) {
        return "The request body is not valid JSON"
                + (where == null || where.getLineNr() < 1
                        ? ""
                        : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")")
                + ": send {\"ids\": [\"<rawMessageId>\", ...]}";
    }

    private static String single(JsonNode value) {
        return validId("id", value);
    }

    private static List<String> list(String key, JsonNode value) {
        if (!value.isArray()) {
            throw new BadRequestException("\"" + key + "\" must be an array of raw message ids (strings)");
        }
        if (value.isEmpty()) {
            throw new BadRequestException("\"" + key + "\" is empty: send at least one raw message id");
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
