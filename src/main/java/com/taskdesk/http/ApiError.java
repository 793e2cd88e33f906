package com.taskdesk.http;

/** Every error body: {@code { "success": false, "error": "..." }}. */
public record ApiError(boolean success, String error) {

    public static ApiError of(String error) {
        return new ApiError(false, error);
    }
}
