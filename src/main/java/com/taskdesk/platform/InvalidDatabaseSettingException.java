package com.taskdesk.platform;

/**
 * A database setting the function cannot start with. Its message names the setting and
 * never holds a password; it carries no stack trace, because the message is the whole story.
 */
public class InvalidDatabaseSettingException extends IllegalArgumentException {

    public InvalidDatabaseSettingException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
