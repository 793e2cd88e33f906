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

    /** A list without mappings (but for compact ones), at any depth, fits on one line. */
    private static boolean flat(List<?> items) {
        return items.stream()
                .allMatch(item -> !(item instanceof Map<?, ?> map && !compact(map))
                        && !(item instanceof List<?> list && !flat(list))
                        && !(item instanceof Fn fn
                                && (fn.argument() instanceof Map
                                        || fn.argument() instanceof List<?> list && !flat(list))));
    }

    /**
     * A small mapping of plain values fits on one line: {Name: Stage, Value: prod}, {LogGroup: !Ref
     * AgentsLogGroup}. At most this many characters of keys and values.
     */
    private static final int COMPACT_CHARACTERS = 60;

    private static boolean compact(Map<?, ?> map) {
        int characters = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Fn fn) {
                value = fn.argument();
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                return false;
            }
            characters += entry.getKey().toString().length() + value.toString().length();
        }
        return !map.isEmpty() && map.size() <= 3 && characters <= COMPACT_CHARACTERS;
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

    static Fn sub(String text, Map<String, Object> variables) {
        return new Fn("Sub", List.of(text, variables));
    }

    static Fn ifCondition(String condition, Object whenTrue, Object whenFalse) {
        return new Fn("If", List.of(condition, whenTrue, whenFalse));
    }

    static Fn noValue() {
        return ref("AWS::NoValue");
    }

    /** An insertion-ordered map from key, value, key, value, ... (values may be null: left out). */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
