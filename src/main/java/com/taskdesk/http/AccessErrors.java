package com.taskdesk.http;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 for a missing, invalid or expired token; 403 for a valid token without a manager role,
 * and for a write whose caller "User" no longer holds as an active manager.
 */
public class AccessErrors {

    private static final String NO_TOKEN =
            "Sign in as a manager: send a valid auth-token cookie or an Authorization: Bearer token";

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return ErrorResponses.json(401, NO_TOKEN);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return ErrorResponses.json(401, NO_TOKEN);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorResponses.json(403, "This endpoint is for managers (role MANAGER or MANAGER_AGENT)");
    }

    @ServerExceptionMapper
    public Response staleManagerToken(StaleManagerTokenException e) {
        return ErrorResponses.json(403, e.getMessage());
    }
}
