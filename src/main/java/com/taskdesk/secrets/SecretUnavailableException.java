package com.taskdesk.secrets;

/**
 * A secret the function needs cannot be read now (Secrets Manager unreachable, the secret
 * missing, access denied, or its value unusable). The message names the variable and the
 * secret, never its value; the request is answered 503 and the next one tries again.
 */
public class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message);
    }

    /** The message is the whole story: no stack trace in the log. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
