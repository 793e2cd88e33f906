package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * One request to a function, as its handler receives it: the query parameters, the JSON body (a
 * POST), and the manager whose token it carries (the JWT's userId claim).
 *
 * @param ids    the raw message ids a write sends (its body says the same), for the ledger; empty for a read
 * @param source what sent it (dashboard, assign page, burst, ...), for the report
 */
record Call(
        Endpoint endpoint, Map<String, String> query, String body, String callerId, List<String> ids, String source) {

    static Call get(Endpoint endpoint, Map<String, String> query, String callerId, String source) {
        return new Call(endpoint, query, null, callerId, List.of(), source);
    }

    String function() {
        return endpoint.functionName();
    }
}
