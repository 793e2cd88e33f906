package com.taskdesk.budget.render;

import com.taskdesk.budget.render.CfnYaml.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A piece of a deploy file written as the YAML it renders to (CloudFormation's short tags included),
 * with {@code <name>} placeholders for what config/ decides. The renderer reads like what it writes:
 * each resource is its text, and Java only says which values fill it and which pieces make a file.
 * (SnakeYAML, not Jackson, reads it: Jackson's YAML parser drops the tags, !Ref and !Sub, that
 * CloudFormation needs; the same library writes the file, CfnYaml.)
 *
 * <p>A placeholder that is a whole value takes the value as it is (a number stays a number, a list a
 * list); a null value leaves its key or list item out. A placeholder inside text is replaced by the
 * value's text; when that value is an intrinsic function (a value CloudFormation resolves), the text
 * becomes {@code !Sub [text with ${name}, {name: value}]}. A mapping left with no key is left out.
 */
record Fragment(Object tree) {

    private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>");

    /** Leaves a key out: what a placeholder bound to null becomes until its map or list drops it. */
    private static final Object ABSENT = new Object();

    static Fragment of(String yaml) {
        LoaderOptions options = new LoaderOptions();
        return new Fragment(new Yaml(new ShortTags(options)).load(yaml));
    }

    /** The fragment with its placeholders filled from {@code values} (name, value, name, value, ...). */
    Object with(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return with(values);
    }

    Object with(Map<String, Object> values) {
        return fill(tree, values);
    }

    /** The fragment as a mapping (a resource, a section), filled. */
    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object... namesAndValues) {
        return (Map<String, Object>) with(namesAndValues);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Map<String, Object> values) {
        return (Map<String, Object>) with(values);
    }

    private static Object fill(Object node, Map<String, Object> values) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                Object result = fill(value, values);
                if (result != ABSENT) {
                    filled.put((String) text((String) key, values, false), result);
                }
            });
            // A mapping whose every key was left out is left out too (Environment: {Variables: <none>}).
            return filled.isEmpty() && !map.isEmpty() ? ABSENT : filled;
        }
        if (node instanceof List<?> list) {
            List<Object> filled = new ArrayList<>();
            list.stream()
                    .map(item -> fill(item, values))
                    .filter(item -> item != ABSENT)
                    .forEach(filled::add);
            return filled;
        }
        if (node instanceof Fn fn) {
            if (fn.name().equals("Sub") && fn.argument() instanceof String template) {
                return text(template, values, true);
            }
            return new Fn(fn.name(), fill(fn.argument(), values));
        }
        if (node instanceof String string) {
            Matcher whole = PLACEHOLDER.matcher(string);
            if (whole.matches()) {
                Object value = value(values, whole.group(1));
                return value == null ? ABSENT : value;
            }
            return text(string, values, false);
        }
        return node;
    }

    /**
     * Text with its placeholders replaced. In a !Sub (inSub) or when a value is an intrinsic function,
     * the result is a !Sub; its variables named after the placeholders.
     */
    private static Object text(String template, Map<String, Object> values, boolean inSub) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder text = new StringBuilder();
        Map<String, Object> variables = new LinkedHashMap<>();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            Object value = value(values, name);
            if (value == null) {
                throw new IllegalArgumentException("<" + name + "> is null inside text: " + template);
            }
            if (value instanceof Fn) {
                variables.put(name, value);
                placeholder.appendReplacement(text, Matcher.quoteReplacement("${" + name + "}"));
            } else {
                placeholder.appendReplacement(text, Matcher.quoteReplacement(value.toString()));
            }
        }
        placeholder.appendTail(text);
        if (!variables.isEmpty()) {
            return new Fn("Sub", List.of(text.toString(), variables));
        }
        return inSub ? new Fn("Sub", text.toString()) : text.toString();
    }

    private static Object value(Map<String, Object> values, String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no value for <" + name + ">");
        }
        return values.get(name);
    }

    /** SnakeYAML's safe types, and every !Name tag as CloudFormation's short form of Fn::Name. */
    private static final class ShortTags extends SafeConstructor {
        ShortTags(LoaderOptions options) {
            super(options);
            AbstractConstruct function = new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    if (node instanceof ScalarNode scalar) {
                        return new Fn(name, constructScalar(scalar));
                    }
                    if (node instanceof SequenceNode sequence) {
                        return new Fn(name, constructSequence(sequence));
                    }
                    return new Fn(name, constructMapping((MappingNode) node));
                }
            };
            yamlMultiConstructors.put("!", function);
        }
    }
}
