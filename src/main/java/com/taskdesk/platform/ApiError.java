package com.taskdesk.platform;

/** Every error body: {@code { "success": false, "error": "..." }}. */
public record ApiError(boolean success, String error) {

    public static ApiError of(String error) {
        return new ApiError(false, error);
    }
}
