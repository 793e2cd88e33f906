package com.taskdesk.auth;

import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Set;

/**
 * What a verified token must also be to pass for one the task desk signed, beyond SmallRye's
 * checks (signature, HS256 only, iat and exp present, expiry, and no longer a lifetime from iat
 * to exp than smallrye.jwt.time-to-live): its role is the string claim {@code role}, and no
 * {@code groups} claim grants another; and it has no more time left than that lifetime, so an
 * iat set in the future cannot stretch it. The messages are for the log only: every refusal is
 * the same 401.
 */
final class TokenRules {

    private TokenRules() {}

    /** @param longestLifetimeSeconds smallrye.jwt.time-to-live */
    static void check(JWTCallerPrincipal token, long longestLifetimeSeconds, Instant now) throws ParseException {
        Object role = token.getClaim("role");
        String name = role instanceof JsonString text ? text.getString() : role instanceof String text ? text : null;
        if (name == null) {
            throw new ParseException("the token has no role claim");
        }
        if (!Set.of(name).equals(token.getGroups())) {
            throw new ParseException("the token's groups claim names other roles than its role claim");
        }
        if (token.getExpirationTime() - now.getEpochSecond() > longestLifetimeSeconds) {
            throw new ParseException("the token has more than " + longestLifetimeSeconds + " s left");
        }
    }
}
