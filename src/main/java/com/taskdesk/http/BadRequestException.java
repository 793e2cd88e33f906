package com.taskdesk.http;

/** The request is wrong as sent; nothing was read or changed. Answered with 400. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
