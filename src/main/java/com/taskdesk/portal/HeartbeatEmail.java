package com.taskdesk.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.taskdesk.http.BadRequestException;
import com.taskdesk.js.JsNumber;
import com.taskdesk.js.JsText;
import java.util.ArrayList;
import java.util.List;

/**
 * The address a heartbeat's body names, as the app reads {@code {"email": ...}}: any truthy value,
 * turned into a string as JavaScript's {@code String()} does, trimmed and lower-cased (contract
 * revision 3, §3.5). A body that is no JSON object, or whose email is missing or falsy, is a 400.
 */
final class HeartbeatEmail {

    static final String REQUIRED = "Email is required";

    /** JSON.parse: nothing may follow the value; a repeated key keeps its last value. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HeartbeatEmail() {}

    static String of(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null) {
            throw new BadRequestException("The request body is not JSON: send {\"email\": \"<your address>\"}");
        }
        JsonNode email = root.isObject() ? root.get("email") : null;
        if (email == null || !truthy(email)) {
            throw new BadRequestException(REQUIRED);
        }
        return JsText.lowerCase(JsText.trim(string(email)));
    }

    /** JavaScript's truthiness of a JSON value: null, false, 0 and "" are false. */
    private static boolean truthy(JsonNode value) {
        if (value.isNull() || value.isBoolean() && !value.booleanValue()) {
            return false;
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        return !value.isTextual() || !value.textValue().isEmpty();
    }

    /** JavaScript's {@code String(value)} of a JSON value: an array joins its elements with commas. */
    private static String string(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            return Double.isFinite(number) ? JsNumber.of(number).toString() : number > 0 ? "Infinity" : "-Infinity";
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(element.isNull() ? "" : string(element)));
            return String.join(",", elements);
        }
        return value.isObject() ? "[object Object]" : value.asText(); // true, false, null
    }
}
