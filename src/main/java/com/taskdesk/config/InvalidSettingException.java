package com.taskdesk.config;

/**
 * A setting the function cannot start with (DATABASE_URL, a DB_* variable, JWT_SECRET). Its
 * message names the setting and never holds a secret; it carries no stack trace, because the
 * message is the whole story.
 */
public class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
