package com.taskdesk.http;

/**
 * The token is valid and says manager, but "User" no longer does (removed, deactivated or
 * demoted since it was signed): a write refuses it and changes nothing. Answered with 403.
 */
public class StaleManagerTokenException extends RuntimeException {

    public StaleManagerTokenException() {
        super("Your account is no longer an active manager: nothing was changed. Sign in again.", null, false, false);
    }
}
