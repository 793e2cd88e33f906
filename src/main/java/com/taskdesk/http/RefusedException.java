package com.taskdesk.http;

/**
 * The request is understood and refused, with the owning app's own words where its pages may show
 * them (403 "Forbidden", 404 "User not found"); nothing was changed. Answered with its status.
 */
public class RefusedException extends RuntimeException {

    private final int status;

    public RefusedException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static RefusedException forbidden(String message) {
        return new RefusedException(403, message);
    }

    public static RefusedException notFound(String message) {
        return new RefusedException(404, message);
    }

    public int status() {
        return status;
    }
}
