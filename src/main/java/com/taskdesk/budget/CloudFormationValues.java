package com.taskdesk.budget;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Evaluates the few intrinsic functions a stage-keyed template needs, for one value of its
 * parameters: {@code Ref} to a parameter, {@code Fn::FindInMap}, {@code Fn::Sub} and
 * {@code Fn::Join}. Anything else (an ARN, an attribute) is not knowable offline and says so.
 */
final class CloudFormationValues {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    /** A value the template only knows at deploy time. */
    static final class CannotEvaluate extends Exception {
        CannotEvaluate(String message) {
            super(message);
        }
    }

    private final JsonNode mappings;
    private final Map<String, String> parameters;

    CloudFormationValues(JsonNode mappings, Map<String, String> parameters) {
        this.mappings = mappings;
        this.parameters = parameters;
    }

    JsonNode evaluate(JsonNode node) throws CannotEvaluate {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        if (node.isArray()) {
            ArrayNode values = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                values.add(evaluate(item));
            }
            return values;
        }
        if (node.size() != 1) {
            return node;
        }
        Map.Entry<String, JsonNode> intrinsic = node.fields().next();
        JsonNode argument = intrinsic.getValue();
        return switch (intrinsic.getKey()) {
            case "Ref" -> JsonNodeFactory.instance.textNode(parameter(argument.asText()));
            case "Fn::FindInMap" -> findInMap(argument);
            case "Fn::Sub" -> JsonNodeFactory.instance.textNode(sub(argument));
            case "Fn::Join" -> JsonNodeFactory.instance.textNode(join(argument));
            default -> {
                if (intrinsic.getKey().startsWith("Fn::")) {
                    throw new CannotEvaluate(intrinsic.getKey() + " is only known at deploy time");
                }
                yield node;
            }
        };
    }

    /** The evaluated value as text (numbers as CloudFormation passes them: "5"), or null when absent. */
    String text(JsonNode node) throws CannotEvaluate {
        JsonNode value = evaluate(node);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new CannotEvaluate("not a single value: " + value);
        }
        return value.asText();
    }

    private String parameter(String name) throws CannotEvaluate {
        String value = parameters.get(name);
        if (value == null) {
            throw new CannotEvaluate("Ref " + name + " is only known at deploy time");
        }
        return value;
    }

    private JsonNode findInMap(JsonNode argument) throws CannotEvaluate {
        if (!argument.isArray() || argument.size() != 3) {
            throw new CannotEvaluate("Fn::FindInMap needs [map, top-level key, second-level key]");
        }
        String map = text(argument.get(0));
        String top = text(argument.get(1));
        String second = text(argument.get(2));
        JsonNode mapping = mappings == null ? null : mappings.get(map);
        if (mapping == null) {
            throw new CannotEvaluate("Mappings has no " + map);
        }
        JsonNode row = mapping.get(top);
        if (row == null) {
            throw new CannotEvaluate("Mappings." + map + " has no key " + top);
        }
        JsonNode value = row.get(second);
        if (value == null) {
            throw new CannotEvaluate("Mappings." + map + "." + top + " has no " + second);
        }
        return value;
    }

    private String sub(JsonNode argument) throws CannotEvaluate {
        String template;
        JsonNode variables = null;
        if (argument.isTextual()) {
            template = argument.asText();
        } else if (argument.isArray() && argument.size() == 2) {
            template = argument.get(0).asText();
            variables = argument.get(1);
        } else {
            throw new CannotEvaluate("Fn::Sub needs a string or [string, variables]");
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = variables != null && variables.has(name) ? text(variables.get(name)) : parameter(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String join(JsonNode argument) throws CannotEvaluate {
        if (!argument.isArray() || argument.size() != 2) {
            throw new CannotEvaluate("Fn::Join needs [delimiter, list]");
        }
        String delimiter = argument.get(0).asText();
        JsonNode items = evaluate(argument.get(1));
        StringBuilder joined = new StringBuilder();
        for (Iterator<JsonNode> it = items.elements(); it.hasNext(); ) {
            joined.append(it.next().asText());
            if (it.hasNext()) {
                joined.append(delimiter);
            }
        }
        return joined.toString();
    }
}
