package com.taskdesk.gameday;

import com.taskdesk.budget.config.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * One request to a function, as its handler receives it: the query parameters, the JSON body (a
 * POST), and whose token it carries: a manager, or an agent on the portal's routes.
 *
 * @param ids    the raw message ids a write sends (its body says the same), for the ledger; empty for a read
 * @param source what sent it (dashboard, assign page, burst, ...), for the report
 */
record Call(Endpoint endpoint, Map<String, String> query, String body, Bearer caller, List<String> ids, String source) {

    static Call get(Endpoint endpoint, Map<String, String> query, Bearer caller, String source) {
        return new Call(endpoint, query, null, caller, List.of(), source);
    }

    /** The token's userId claim (the history rows of a write name it). */
    String callerId() {
        return caller.userId();
    }

    String function() {
        return endpoint.functionName();
    }
}
