package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API's access log stays JSON whatever a request carried. API Gateway writes each
 * $context variable into the format as it is, except the ...String variants, which it writes as a
 * quoted, escaped JSON string; so a variable whose text comes from the request (the gateway's own
 * error message quotes a malformed Authorization header) must come through such a variant. Here every
 * variable the format uses is written as the gateway writes it, the error message with quotes and a
 * backslash in it, and the line must parse and keep that message whole.
 */
class AccessLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$context\\.[A-Za-z.]+[A-Za-z]");

    /** A gateway error message that quotes what the client sent. */
    private static final String ERROR_MESSAGE = "Invalid key=value pair (missing equal-sign) in Authorization header "
            + "(hashed with SHA-256 and encoded with Base64): 'Bearer \"x\\y'.";

    /** What API Gateway writes for each variable (a value of its documented shape); none may be missing. */
    private static final Map<String, String> AS_WRITTEN = Map.ofEntries(
            Map.entry("$context.requestId", "Qk3bxjUgoAMEbCQ="),
            Map.entry("$context.requestTime", "06/Dec/2026:01:02:03 +0000"),
            Map.entry("$context.apiId", "a1b2c3d4e5"),
            Map.entry("$context.routeKey", "POST /api/manager/tasks/mark-spam"),
            Map.entry("$context.status", "400"),
            Map.entry("$context.error.message", ERROR_MESSAGE),
            Map.entry("$context.error.messageString", quoted(ERROR_MESSAGE)),
            Map.entry("$context.integrationStatus", "-"),
            Map.entry("$context.integrationErrorMessage", "-"),
            Map.entry("$context.responseLatency", "3"),
            Map.entry("$context.integrationLatency", "-"),
            Map.entry("$context.responseLength", "79"));

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One access-log line as the gateway writes it from this format. */
    private static String line(String format) {
        Matcher variable = VARIABLE.matcher(format);
        StringBuilder line = new StringBuilder();
        while (variable.find()) {
            String value = AS_WRITTEN.get(variable.group());
            assertNotNull(value, variable.group() + ": say here what the gateway writes for it");
            variable.appendReplacement(line, Matcher.quoteReplacement(value));
        }
        return variable.appendTail(line).toString();
    }

    private static void parsesWithTheErrorMessageWhole(String format, String path) throws Exception {
        String line = line(format);
        JsonNode parsed;
        try {
            parsed = JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(path + ": the line is not JSON: " + line, e);
        }
        assertEquals(ERROR_MESSAGE, parsed.path("error").asText(), line);
        assertEquals(400, parsed.path("status").asInt(), "status stays a number, for the 429 metric filter");
    }

    @Test
    void aGatewayErrorQuotingTheRequestLeavesBothPathsAccessLogLinesValidJson() throws Exception {
        BudgetConfig config = ConfigFiles.load(ProjectCopy.PROJECT);
        for (var stage : config.stages()) {
            Map<?, ?> api = (Map<?, ?>)
                    ((Map<?, ?>) ((Map<?, ?>) SamTemplate.document(stage).get("Resources")).get("HttpApi"))
                            .get("Properties");
            parsesWithTheErrorMessageWhole(
                    (String) ((Map<?, ?>) api.get("AccessLogSettings")).get("Format"), SamTemplate.file(stage));
        }
        Map<?, ?> provider = (Map<?, ?>) ServerlessFile.document(config).get("provider");
        parsesWithTheErrorMessageWhole(
                (String) ((Map<?, ?>) ((Map<?, ?>) provider.get("logs")).get("httpApi")).get("format"),
                ServerlessFile.FILE);
    }
}
