package com.taskdesk.budget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Resolves the Serverless Framework v3 variables serverless.yml uses, for one stage, the way
 * {@code serverless package --stage S} would: {@code ${sls:stage}}, {@code ${opt:stage}},
 * {@code ${self:a.b}}, {@code ${file(./config/x.yaml):a.b}}, quoted literals, and fallbacks
 * ({@code ${self:a, self:b}}). Sources only known at deploy time ({@code param:}, {@code env:},
 * {@code ssm:}, ...) yield nothing here, so a fallback after them is used, as offline.
 * Values are resolved on demand, so a setting the check does not read never needs resolving.
 */
final class ServerlessVariables {

    /** A value serverless.yml only gets at deploy time, or a reference to nothing. */
    static final class CannotResolve extends Exception {
        CannotResolve(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 20;

    private final JsonNode root;
    private final Path directory;
    private final String stage;
    private final Map<Path, JsonNode> files = new HashMap<>();

    ServerlessVariables(JsonNode root, Path directory, String stage) {
        this.root = root;
        this.directory = directory;
        this.stage = stage;
    }

    /** The value at a path below root (e.g. "functions", "agents", "timeout"), resolving along the way. */
    JsonNode at(String... path) throws CannotResolve {
        return walk(root, List.of(path), 0);
    }

    /** The value at a path below a node already obtained from {@link #at}. */
    JsonNode at(JsonNode start, String... path) throws CannotResolve {
        return walk(start, List.of(path), 0);
    }

    private JsonNode walk(JsonNode start, List<String> path, int depth) throws CannotResolve {
        JsonNode node = resolve(start, depth);
        for (String step : path) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = resolve(node.get(step), depth);
        }
        return node;
    }

    /** A text holding variables becomes what they resolve to; anything else is returned as is. */
    JsonNode resolve(JsonNode node, int depth) throws CannotResolve {
        if (depth > MAX_DEPTH) {
            throw new CannotResolve("variables nest more than " + MAX_DEPTH + " deep (a cycle?)");
        }
        if (node == null || !node.isTextual() || !node.asText().contains("${")) {
            return node;
        }
        String text = node.asText();
        int start = text.indexOf("${");
        int end = closing(text, start);
        JsonNode value = expression(text.substring(start + 2, end), depth + 1);
        if (start == 0 && end == text.length() - 1) {
            return value;
        }
        if (value == null || value.isContainerNode()) {
            throw new CannotResolve("'" + text + "' embeds " + (value == null ? "nothing" : "a structure"));
        }
        String rest = text.substring(0, start) + value.asText() + text.substring(end + 1);
        return resolve(JsonNodeFactory.instance.textNode(rest), depth + 1);
    }

    /** Sources separated by top-level commas: the first that gives a value wins. */
    private JsonNode expression(String expression, int depth) throws CannotResolve {
        List<String> unknown = new ArrayList<>();
        for (String source : splitSources(expression)) {
            JsonNode value = source(source.trim(), depth, unknown);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        throw new CannotResolve("${" + expression + "} has no value offline"
                + (unknown.isEmpty() ? "" : " (" + String.join(", ", unknown) + ")"));
    }

    private JsonNode source(String source, int depth, List<String> unknown) throws CannotResolve {
        if (source.contains("${")) {
            JsonNode inner = resolve(JsonNodeFactory.instance.textNode(source), depth + 1);
            source = inner == null ? "" : inner.asText();
        }
        if ((source.startsWith("'") && source.endsWith("'") || source.startsWith("\"") && source.endsWith("\""))
                && source.length() >= 2) {
            return JsonNodeFactory.instance.textNode(source.substring(1, source.length() - 1));
        }
        if (source.matches("-?\\d+")) {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(source));
        }
        if (source.equals("sls:stage") || source.equals("opt:stage")) {
            return JsonNodeFactory.instance.textNode(stage);
        }
        if (source.startsWith("self:")) {
            String address = source.substring("self:".length());
            return walk(root, address.isEmpty() ? List.of() : List.of(address.split("\\.")), depth + 1);
        }
        if (source.startsWith("file(")) {
            int close = source.indexOf(')');
            if (close < 0) {
                throw new CannotResolve("'" + source + "' misses its ')'");
            }
            Path file = directory.resolve(source.substring("file(".length(), close).trim()).normalize();
            JsonNode document = files.get(file);
            if (document == null) {
                try {
                    document = YamlDocuments.read(file);
                } catch (BudgetException e) {
                    throw new CannotResolve(e.getMessage());
                }
                files.put(file, document);
            }
            String address = close + 1 < source.length() && source.charAt(close + 1) == ':'
                    ? source.substring(close + 2) : "";
            return walk(document, address.isEmpty() ? List.of() : List.of(address.split("\\.")), depth + 1);
        }
        unknown.add(source + " is only known at deploy time");
        return null;
    }

    private static int closing(String text, int start) throws CannotResolve {
        int depth = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.startsWith("${", i)) {
                depth++;
                i++;
            } else if (text.charAt(i) == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new CannotResolve("'" + text + "' misses a closing '}'");
    }

    private static List<String> splitSources(String expression) {
        List<String> sources = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int from = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '(') {
                depth++;
            } else if (c == '}' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                sources.add(expression.substring(from, i));
                from = i + 1;
            }
        }
        sources.add(expression.substring(from));
        return sources;
    }
}
