package com.taskdesk.budget.config;

import java.util.List;
import java.util.Map;

/**
 * What one page of today's front end sends to one route at once: the gateway's burst for that route
 * must admit them all, because no page retries a 429 (contract revision 3, section 0, "Who calls
 * what"; revision 2 for the manager pages). Only routes a page calls more than once at the same
 * moment are listed: every other call is one request per page at a time.
 *
 * @param page     the app's page, as its URL path
 * @param calls    function name to requests sent at once
 * @param callSite where the page sends them (the app's source, as the contract cites it)
 */
public record PageCalls(String page, Map<String, Integer> calls, String callSite) {

    public static List<PageCalls> all() {
        return List.of(new PageCalls(
                "/holds",
                Map.of("holds-queues", 2),
                "HoldsOverview's loadData and AssemblyLineQueues' first load, both on mount"));
    }
}
