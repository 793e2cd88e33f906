package com.taskdesk.budget.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes a deploy file from maps, lists and {@link Fn intrinsic functions} with SnakeYAML (which
 * quotes what needs quoting): CloudFormation's short tags ({@code !Ref Stage}), block mappings,
 * and lists of plain values on one line. The file starts with a header saying how it was made.
 */
public final class CfnYaml {

    /** Every deploy file's first lines. */
    public static final String RENDER_COMMAND = "./budget render";

    /** A CloudFormation intrinsic function in short form: {@code !Name argument}. */
    record Fn(String name, Object argument) {}

    private CfnYaml() {}

    static String header(String comment) {
        return "# GENERATED from config/ by the budget tool: do not edit. Change config/ and run\n"
                + "#   " + RENDER_COMMAND + "\n"
                + "# (./mvnw verify fails while this file differs from what config/ renders.)\n"
                + comment.lines().map(line -> "# " + line + "\n").reduce("", String::concat);
    }

    static String write(String comment, Map<String, Object> document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setDereferenceAliases(true);
        String yaml = new Yaml(
                        new Representer(options) {
                            {
                                representers.put(Fn.class, data -> {
                                    Fn fn = (Fn) data;
                                    Tag tag = new Tag("!" + fn.name());
                                    return fn.argument() instanceof List<?> list
                                            ? representSequence(tag, list, null)
                                            : representScalar(tag, fn.argument().toString());
                                });
                            }

                            @Override
                            protected Node representMapping(Tag tag, Map<?, ?> mapping, FlowStyle style) {
                                return super.representMapping(
                                        tag, mapping, compact(mapping) ? FlowStyle.FLOW : FlowStyle.BLOCK);
                            }

                            @Override
                            protected Node representSequence(Tag tag, Iterable<?> sequence, FlowStyle style) {
                                List<Object> items = new ArrayList<>();
                                sequence.forEach(items::add);
                                return super.representSequence(
                                        tag, items, flat(items) ? FlowStyle.FLOW : FlowStyle.BLOCK);
                            }
                        },
                        options)
                .dump(document);
        // SnakeYAML quotes every tagged scalar; a plain name or attribute needs no quotes.
        return header(comment) + yaml.replaceAll("(!(?:Ref|GetAtt|Condition) )'([A-Za-z0-9.:]+)'", "$1$2");
    }

    /**
     * A list goes on one line when every item does: a plain value, or a mapping or list that fits on
     * one line itself (a list of long plain values stays one line: its items are one thing each).
     */
    private static boolean flat(List<?> items) {
        return items.stream()
                .allMatch(item -> !(item instanceof Map<?, ?> map && !compact(map))
                        && !(item instanceof List<?> list && !flat(list))
                        && !(item instanceof Fn fn
                                && (fn.argument() instanceof Map
                                        || fn.argument() instanceof List<?> list && !flat(list))));
    }

    /** A mapping goes on one line, {Name: Stage, Value: prod}, when written so it is at most this long. */
    private static final int LINE_CHARACTERS = 100;

    /**
     * A mapping that fits on one line, with at most one mapping inside another ({Metric: {Namespace:
     * ...}}); never a resource (Type: AWS::...), which reads best a property a line (a function's
     * event, Type: HttpApi, is no resource).
     */
    private static boolean compact(Map<?, ?> map) {
        boolean resource = map.get("Type") instanceof String type && type.startsWith("AWS::");
        return !map.isEmpty() && !resource && depth(map) <= 2 && flowLength(map) <= LINE_CHARACTERS;
    }

    /** How many mappings deep a value is: 0 for a plain value, 1 for {a: b}, 2 for {a: {b: c}}. */
    private static int depth(Object value) {
        if (value instanceof Map<?, ?> map) {
            return 1 + map.values().stream().mapToInt(CfnYaml::depth).max().orElse(0);
        }
        if (value instanceof List<?> list) {
            return list.stream().mapToInt(CfnYaml::depth).max().orElse(0);
        }
        return value instanceof Fn fn ? depth(fn.argument()) : 0;
    }

    /** About how long a value is written on one line ({a: b, c: [d]}); a mapping or list too long for it is long. */
    private static int flowLength(Object value) {
        if (value instanceof Map<?, ?> map) {
            int length = 2;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                length += entry.getKey().toString().length() + 4 + flowLength(entry.getValue());
            }
            return length;
        }
        if (value instanceof List<?> list) {
            return 2 + list.stream().mapToInt(item -> flowLength(item) + 2).sum();
        }
        if (value instanceof Fn fn) {
            return fn.name().length() + 2 + flowLength(fn.argument());
        }
        return value.toString().length();
    }

    /**
     * An ordered mapping of keys and values (key, value, key, value, ...), a null value leaving its key
     * out: for a renderer that builds its document in Java rather than from {@link Fragment}s
     * (DeployRoleTemplate).
     */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    static Fn ref(String name) {
        return new Fn("Ref", name);
    }

    static Fn getAtt(String resourceAndAttribute) {
        return new Fn("GetAtt", resourceAndAttribute);
    }

    static Fn sub(String text) {
        return new Fn("Sub", text);
    }

    static Fn ifCondition(String condition, Object whenTrue, Object whenFalse) {
        return new Fn("If", List.of(condition, whenTrue, whenFalse));
    }

    static Fn noValue() {
        return ref("AWS::NoValue");
    }
}
