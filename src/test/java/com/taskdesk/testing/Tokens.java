package com.taskdesk.testing;

import com.taskdesk.secrets.JwtSecretCheck;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** Tokens shaped like the existing app's (HS256, raw secret, claims userId/email/role/name, 24 h). */
public final class Tokens {

    public static final String SECRET = JwtSecretCheck.LOCAL_DEMO_SECRET;
    public static final String MANAGER_ID = "manager-1";

    private Tokens() {}

    public static String manager() {
        return withRole(MANAGER_ID, "MANAGER");
    }

    public static String withRole(String userId, String role) {
        return claims(userId, role)
                .expiresIn(Duration.ofHours(24))
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret(SECRET);
    }

    /**
     * A 24-hour token of this user and role whose {@code email} claim is {@code email}, or that has
     * none when it is null (the agent portal's routes read it).
     */
    public static String withEmail(String userId, String role, String email) {
        JwtClaimsBuilder claims = claims(userId, role);
        if (email == null) {
            claims.remove("email");
        } else {
            claims.claim("email", email);
        }
        return claims.expiresIn(Duration.ofHours(24))
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret(SECRET);
    }

    public static String expiredManager() {
        return claims(MANAGER_ID, "MANAGER")
                .issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600))
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret(SECRET);
    }

    public static String managerSignedWith(String secret) {
        return claims(MANAGER_ID, "MANAGER")
                .expiresIn(Duration.ofHours(24))
                .jws()
                .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.HS256)
                .signWithSecret(secret);
    }

    /**
     * A manager token signed as the Next.js app's jsonwebtoken signs it, with a secret of any length
     * (SmallRye's builder, through jose4j, refuses one under 32 bytes).
     */
    public static String managerSignedWithAnyLengthSecret(String secret) {
        long now = Instant.now().getEpochSecond();
        return sign(
                "{\"userId\":\"" + MANAGER_ID + "\",\"role\":\"MANAGER\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                        + "}",
                secret);
    }

    /** Exactly these claims (SmallRye's builder would add iat and jti), signed HS256 with the tests' secret. */
    public static String withClaims(String claimsJson) {
        return sign(claimsJson, SECRET);
    }

    private static String sign(String claimsJson, String secret) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaimsBuilder claims(String userId, String role) {
        return Jwt.claims()
                .claim("userId", userId)
                .claim("email", userId + "@taskdesk.example")
                .claim("role", role)
                .claim("name", "Test " + role)
                .claim("mustChangePassword", false);
    }
}
