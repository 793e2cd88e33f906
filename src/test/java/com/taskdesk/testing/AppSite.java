package com.taskdesk.testing;

import java.util.List;
import java.util.Map;

/**
 * What the app's host serves besides the front door's rules, the same on each stand-in host (a
 * Next.js, nginx playing Netlify).
 *
 * @param page        the test page, served as /desk.html
 * @param logins      the app's login (POST /api/auth/login with JSON {email, password}): the
 *                    Set-Cookie header of its answer for each address that may sign in; any other
 *                    address gets 401
 * @param movedRoutes the app's own routes at the moved paths, which the rules must win over: each
 *                    answers {@link #MOVED_ROUTES_OWN_ANSWER}
 * @param keptRoutes  routes the app keeps, in the App Router's form ({@code /api/agent/tasks/[id]/start}):
 *                    each answers any method with {@link #KEPT_ANSWER}, as only the app's host can
 */
public record AppSite(String page, Map<String, String> logins, List<String> movedRoutes, List<String> keptRoutes) {

    /** What a route the app keeps answers (200, JSON). */
    public static final String KEPT_ANSWER = "{\"success\": true, \"answeredBy\": \"the app\"}";

    /** What the app's own route at a moved path answers (418), should a rule not win over it. */
    static final String MOVED_ROUTES_OWN_ANSWER =
            "{\"success\": false, \"error\": \"answered by the app itself, not through the front door\"}";
}
