package com.taskdesk.portal;

import com.taskdesk.http.BadRequestException;
import com.taskdesk.http.RefusedException;

/**
 * Whose data an agent-portal read returns: the address of the user it reads, from the caller's
 * token and {@code ?email=} (trimmed and lower-cased), as the app's {@code authorizeAgentTasksList}
 * and {@code authorizeAgentTargetEmail} decide (src/lib/auth.ts), or a refusal before any statement.
 * The target's own row (exists, active) is the statement's to check.
 */
final class TargetEmail {

    static final String FORBIDDEN = "Forbidden";

    private TargetEmail() {}

    /**
     * The task list: an agent reads their own list, naming it or not (a token without an email is a
     * broken session, which the portal answers by logging out); a manager reads anyone's, named.
     */
    static String forTaskList(Caller caller, String emailParameter) {
        String named = Caller.address(emailParameter);
        if (caller.isAgent()) {
            if (caller.email().isEmpty()) {
                throw new BadRequestException("Invalid session");
            }
            if (!named.isEmpty() && !named.equals(caller.email())) {
                throw RefusedException.forbidden(FORBIDDEN);
            }
            return caller.email();
        }
        return namedByAManager(caller, named);
    }

    /** The completed list: an agent must name their own address; a manager names anyone's. */
    static String forCompletedList(Caller caller, String emailParameter) {
        String named = Caller.address(emailParameter);
        if (caller.isAgent()) {
            if (named.isEmpty() || !named.equals(caller.email())) {
                throw RefusedException.forbidden(FORBIDDEN);
            }
            return named;
        }
        return namedByAManager(caller, named);
    }

    private static String namedByAManager(Caller caller, String named) {
        if (!caller.isManager()) {
            throw RefusedException.forbidden(FORBIDDEN);
        }
        if (named.isEmpty()) {
            throw new BadRequestException("Email parameter required");
        }
        return named;
    }
}
