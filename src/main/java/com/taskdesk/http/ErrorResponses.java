package com.taskdesk.http;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.db.DatabaseUnavailableException;
import com.taskdesk.request.RequestFigures;
import com.taskdesk.secrets.SecretUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure becomes the contract's JSON error; none leaks a stack trace or a secret. */
public class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    private final int retryAfterSeconds;
    private final RequestFigures request;

    ErrorResponses(DeskConfig config, RequestFigures request) {
        this.retryAfterSeconds = config.db().retryAfterSeconds();
        this.request = request;
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(RefusedException e) {
        return json(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailableException e) {
        LOG.warnf("503: %s (%s)", e.getMessage(), describe(e.getCause()));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", retryAfterSeconds)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("The database is busy or unreachable (" + e.getMessage() + "); retry in "
                        + retryAfterSeconds + " s"))
                .build();
    }

    /** The token secret could not be read (the database's credentials come as DatabaseUnavailableException). */
    @ServerExceptionMapper
    public Response secretUnavailable(SecretUnavailableException e) {
        LOG.warnf("503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", retryAfterSeconds)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of("Sign-in cannot be checked right now; retry in " + retryAfterSeconds + " s"))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return json(
                status,
                switch (status) {
                    case 404 -> "No such endpoint";
                    case 405 -> MethodNotAllowed.MESSAGE;
                    case 406 -> "This endpoint only answers application/json";
                    case 415 -> "Content-Type must be application/json";
                    default ->
                        Response.Status.fromStatusCode(status) == null
                                ? "Request rejected"
                                : Response.Status.fromStatusCode(status).getReasonPhrase();
                });
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        request.failed(errorId);
        LOG.errorf(e, "500 error id %s", errorId);
        return json(500, "Internal error (error id " + errorId + ")");
    }

    static Response json(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(message))
                .build();
    }

    /** The failure's class and SQLState: enough to diagnose, never a connection string. */
    private static String describe(Throwable cause) {
        if (cause == null) {
            return "no cause";
        }
        String state = cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                ? " SQLState " + sql.getSQLState()
                : "";
        return cause.getClass().getSimpleName() + state + ": " + cause.getMessage();
    }
}
