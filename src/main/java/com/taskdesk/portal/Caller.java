package com.taskdesk.portal;

import com.taskdesk.js.JsText;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller as the app's auth helpers read a token: its {@code role} claim, and its {@code email}
 * claim trimmed and lower-cased; either is "" when the token has none (or not as text).
 */
record Caller(String role, String email) {

    static Caller of(JsonWebToken token) {
        return new Caller(token.getClaim("role") instanceof String role ? role : "", address(token.getClaim("email")));
    }

    /** An address as the app compares them: trimmed and lower-cased as JavaScript does; "" when absent. */
    static String address(Object email) {
        return email instanceof String text ? JsText.lowerCase(JsText.trim(text)) : "";
    }

    boolean isManager() {
        return role.equals("MANAGER") || role.equals("MANAGER_AGENT");
    }

    boolean isAgent() {
        return role.equals("AGENT");
    }
}
