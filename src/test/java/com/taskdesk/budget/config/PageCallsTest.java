package com.taskdesk.budget.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * PageCalls (what one page sends a route at once, which the check holds each moved route's burst to)
 * says what the front-door test page sends: every {@code Promise.all} of desk.html, the page
 * FrontDoorBrowserTest drives through both front doors, counted per route.
 */
class PageCallsTest {

    private static final Pattern AT_ONCE = Pattern.compile("Promise\\.all\\(\\[(.*?)]\\)", Pattern.DOTALL);
    private static final Pattern CALL = Pattern.compile("call\\('([A-Z]+)', '([^'?]+)");

    @Test
    void everyRouteThePageCallsMoreThanOnceAtOnceIsInPageCallsWithItsCount() throws IOException {
        String page;
        try (var in = getClass().getClassLoader().getResourceAsStream("front-door/desk.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Integer> fromPage = new TreeMap<>();
        Matcher group = AT_ONCE.matcher(page);
        while (group.find()) {
            Map<String, Integer> counts = new TreeMap<>();
            Matcher call = CALL.matcher(group.group(1));
            while (call.find()) {
                String route = call.group(1) + " " + call.group(2);
                String function = Endpoint.all().stream()
                        .filter(endpoint -> endpoint.route().equals(route))
                        .map(Endpoint::functionName)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no function serves " + route));
                counts.merge(function, 1, Integer::sum);
            }
            counts.forEach((function, n) -> {
                if (n > 1) {
                    fromPage.merge(function, n, Math::max);
                }
            });
        }
        Map<String, Integer> declared = new TreeMap<>();
        PageCalls.all()
                .forEach(page1 -> page1.calls().forEach((function, n) -> declared.merge(function, n, Math::max)));

        assertEquals(fromPage, declared);
    }
}
