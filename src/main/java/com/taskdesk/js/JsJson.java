package com.taskdesk.js;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * A stored {@code jsonb} value as the app answers it: Prisma's {@code JSON.parse}, then {@code
 * JSON.stringify}. Embedded as JSON (never as a string), numbers written as JavaScript writes them
 * ({@link JsNumber}: {@code 1.0} is {@code 1}, {@code 1e400}, Infinity to JavaScript, is {@code null}).
 */
@JsonSerialize(using = JsJson.Writer.class)
public final class JsJson {

    /** Decimals read exactly, so each becomes the double nearest it, as JSON.parse makes it. */
    private static final ObjectMapper READER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonNode tree;

    private JsJson(JsonNode tree) {
        this.tree = tree;
    }

    /** The column's text as PostgreSQL sends it; SQL NULL and JSON {@code null} are both null. */
    public static JsJson of(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            JsonNode tree = READER.readTree(stored);
            return tree.isNull() ? null : new JsJson(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL sent a jsonb value that is not JSON", e);
        }
    }

    /** The value, to read (its numbers exact as stored). */
    public JsonNode tree() {
        return tree;
    }

    static final class Writer extends StdSerializer<JsJson> {

        Writer() {
            super(JsJson.class);
        }

        @Override
        public void serialize(JsJson value, JsonGenerator json, SerializerProvider provider) throws IOException {
            write(value.tree, json);
        }

        private static void write(JsonNode node, JsonGenerator json) throws IOException {
            if (node.isObject()) {
                json.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeFieldName(field.getKey());
                    write(field.getValue(), json);
                }
                json.writeEndObject();
            } else if (node.isArray()) {
                json.writeStartArray();
                for (JsonNode element : node) {
                    write(element, json);
                }
                json.writeEndArray();
            } else if (node.isNumber()) {
                double value = node.doubleValue();
                if (Double.isFinite(value)) {
                    json.writeNumber(JsNumber.of(node.decimalValue()).toString());
                } else {
                    json.writeNull();
                }
            } else {
                json.writeTree(node);
            }
        }
    }
}
