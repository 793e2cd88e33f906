package com.taskdesk.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * The existing app signs its HS256 tokens with the raw {@code JWT_SECRET}; SmallRye JWT
 * takes an HMAC key only as a JWK. This source turns the secret into one, at run time
 * only (never during the build, so the secret cannot end up in the jar). The local run
 * and the tests, when JWT_SECRET is unset, use {@link #LOCAL_DEMO_SECRET}, which is
 * public and therefore worthless anywhere else.
 */
public class JwtSecretConfigSource extends MapBackedConfigSource {

    public static final String LOCAL_DEMO_SECRET = "local-demo-secret-for-the-embedded-database-only";

    public JwtSecretConfigSource() {
        this(QuarkusBuild.isPackaging() ? null : secret(System.getenv("JWT_SECRET"), LaunchMode.current()));
    }

    JwtSecretConfigSource(String secret) {
        super("JWT_SECRET", secret == null ? Map.of() : keys(secret), 275);
    }

    /** The same key for verifying and, in dev and tests, signing (SmallRye JWT insists on both there). */
    private static Map<String, String> keys(String secret) {
        String jwk = "{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8))
                + "\"}";
        return Map.of("smallrye.jwt.verify.secretkey", jwk, "smallrye.jwt.sign.key", jwk);
    }

    private static String secret(String fromEnv, LaunchMode mode) {
        if (mode == LaunchMode.TEST) {
            return LOCAL_DEMO_SECRET;
        }
        boolean set = fromEnv != null && !fromEnv.isEmpty();
        if (mode == LaunchMode.NORMAL && !set) {
            throw StartupFailure.stop(new InvalidSettingException(
                    "JWT_SECRET is not set: give the functions the task desk's token secret"));
        }
        if (mode == LaunchMode.NORMAL && fromEnv.equals(LOCAL_DEMO_SECRET)) {
            throw StartupFailure.stop(new InvalidSettingException(
                    "JWT_SECRET is the public local demo secret: give the functions the task desk's own secret"));
        }
        return set ? fromEnv : LOCAL_DEMO_SECRET;
    }
}
