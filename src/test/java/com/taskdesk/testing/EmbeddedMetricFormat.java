package com.taskdesk.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a log line back as CloudWatch would: the structure the Embedded Metric Format
 * specification requires, checked member by member (an "_aws" root member with a numeric
 * Timestamp and CloudWatchMetrics directives; each directive's Namespace, Dimensions and
 * Metrics [{Name, Unit}]; every dimension a string root member, every metric a numeric one).
 */
public final class EmbeddedMetricFormat {

    /** The units the specification allows. */
    static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbeddedMetricFormat() {}

    /** True for a line that claims to be EMF: a JSON object with "_aws" at its root. */
    public static boolean isEmf(String line) {
        return line.startsWith("{") && line.contains("\"_aws\"") && parse(line).has("_aws");
    }

    public static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** What makes this line invalid EMF; empty when CloudWatch would accept it. */
    public static List<String> violations(String line) {
        List<String> problems = new ArrayList<>();
        JsonNode root = parse(line);
        JsonNode aws = root.get("_aws");
        if (aws == null || !aws.isObject()) {
            return List.of("no _aws object at the root");
        }
        if (aws.get("Timestamp") == null || !aws.get("Timestamp").isIntegralNumber()) {
            problems.add("_aws.Timestamp is not a number of milliseconds");
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray() || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics is not a non-empty array");
            return problems;
        }
        for (JsonNode directive : directives) {
            JsonNode namespace = directive.get("Namespace");
            if (namespace == null
                    || !namespace.isTextual()
                    || namespace.asText().isEmpty()
                    || namespace.asText().length() > 1024) {
                problems.add("a directive's Namespace is not a string of 1 to 1024 characters");
            }
            JsonNode dimensions = directive.get("Dimensions");
            if (dimensions == null || !dimensions.isArray()) {
                problems.add("a directive has no Dimensions array");
            } else {
                for (JsonNode set : dimensions) {
                    if (!set.isArray() || set.size() > 30) {
                        problems.add("a dimension set is not an array of at most 30 names: " + set);
                        continue;
                    }
                    for (JsonNode name : set) {
                        JsonNode value = root.get(name.asText());
                        if (!name.isTextual() || value == null || !value.isTextual()) {
                            problems.add("dimension " + name + " is not a string member of the root");
                        }
                    }
                }
            }
            JsonNode metrics = directive.get("Metrics");
            if (metrics == null || !metrics.isArray() || metrics.size() > 100) {
                problems.add("a directive has no Metrics array of at most 100 definitions");
                continue;
            }
            for (JsonNode metric : metrics) {
                JsonNode name = metric.get("Name");
                JsonNode value = name == null ? null : root.get(name.asText());
                if (name == null || !name.isTextual() || value == null || !(value.isNumber() || value.isArray())) {
                    problems.add("metric " + metric + " does not name a numeric member of the root");
                }
                if (metric.has("Unit") && !UNITS.contains(metric.get("Unit").asText())) {
                    problems.add("metric " + metric + " has a unit EMF does not know");
                }
            }
        }
        return problems;
    }
}
