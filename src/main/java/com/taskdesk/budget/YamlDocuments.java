package com.taskdesk.budget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads a YAML file into a Jackson tree. CloudFormation's short-form tags ({@code !Ref Stage},
 * {@code !FindInMap [...]}, {@code !Sub '...'}) become their long form ({@code {"Ref": "Stage"}},
 * {@code {"Fn::FindInMap": [...]}}), so a template can be evaluated; a key given twice is an error
 * (YAML would silently keep the last one).
 */
final class YamlDocuments {

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlDocuments() {
    }

    static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw BudgetException.configuration(file + ": file not found");
        } catch (IOException e) {
            throw BudgetException.configuration(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(text, file.toString());
    }

    static JsonNode parse(String text, String name) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw BudgetException.configuration(name + ": the file is empty");
            }
            return value(parser, name);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw BudgetException.configuration(name + ": not valid YAML" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BudgetException.configuration(name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static JsonNode value(JsonParser parser, String name) throws IOException {
        String tag = parser.getTypeId() instanceof String text && !text.contains(":") ? text : null;
        JsonNode node = switch (parser.currentToken()) {
            case START_OBJECT -> object(parser, name);
            case START_ARRAY -> array(parser, name);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw BudgetException.configuration(name + ": unexpected YAML token " + parser.currentToken()
                    + " at line " + parser.currentLocation().getLineNr());
        };
        if (tag == null) {
            return node;
        }
        ObjectNode intrinsic = NODES.objectNode();
        intrinsic.set(tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag, node);
        return intrinsic;
    }

    private static ObjectNode object(JsonParser parser, String name) throws IOException {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = parser.currentLocation().getLineNr();
            parser.nextToken();
            if (object.has(key)) {
                throw BudgetException.configuration(name + ": key '" + key + "' appears twice (line " + line + ")");
            }
            object.set(key, value(parser, name));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser, String name) throws IOException {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser, name));
        }
        return array;
    }
}
