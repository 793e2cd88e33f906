package com.taskdesk.budget.smoke;

import com.taskdesk.budget.config.BudgetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * A manager's token as the task desk signs it (HS256 with the raw secret; claims userId, email,
 * role, name), living {@link #LIFETIME}: long enough for a smoke test or a local invoke, far
 * below what a function accepts (24 h plus skew), so a leaked one is soon worthless. The secret
 * is JWT_SECRET from the environment; a secret a deployed function would refuse (under 32 bytes)
 * is refused here too, by jose4j's key check.
 */
public final class FreshToken {

    public static final String SECRET_VARIABLE = "JWT_SECRET";
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    /** The manager the samples of events/ act as (the portal samples ask for this email's rows). */
    public static final String USER_ID = "manager-1";

    public static final String EMAIL = "manager-1@taskdesk.example";

    private FreshToken() {}

    /** Signed with JWT_SECRET from this environment. */
    public static String fromEnvironment(Map<String, String> env, Instant now) {
        String secret = env.get(SECRET_VARIABLE);
        if (secret == null || secret.isEmpty()) {
            throw BudgetException.usage(SECRET_VARIABLE + " is not set: give it the stage's token secret, e.g. "
                    + SECRET_VARIABLE + "=$(aws secretsmanager get-secret-value --secret-id taskdesk/<stage>/jwt-secret"
                    + " --query SecretString --output text)");
        }
        return signedWith(secret, now);
    }

    public static String signedWith(String secret, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("userId", USER_ID);
        claims.setClaim("email", EMAIL);
        claims.setClaim("role", "MANAGER");
        claims.setClaim("name", "Smoke test");
        claims.setClaim("mustChangePassword", false);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(LIFETIME).getEpochSecond()));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            // jose4j's message names the key size, never the key
            throw BudgetException.usage(
                    SECRET_VARIABLE + " cannot sign a token a deployed function accepts: " + e.getMessage());
        }
    }
}
