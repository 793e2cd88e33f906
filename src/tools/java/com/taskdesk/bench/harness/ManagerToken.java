package com.taskdesk.bench.harness;

import java.nio.charset.StandardCharsets;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * A manager's token as the task desk signs it (HS256 with the raw secret; claims userId,
 * email, role, name), signed with jose4j directly: smallrye-jwt-build would read the
 * functions' own configuration, which outside Quarkus' test mode insists on a real JWT_SECRET.
 */
public final class ManagerToken {

    private ManagerToken() {}

    public static String signedWith(String secret) {
        JwtClaims claims = new JwtClaims();
        claims.setClaim("userId", "manager-1");
        claims.setClaim("email", "manager1@taskdesk.example");
        claims.setClaim("role", "MANAGER");
        claims.setClaim("name", "Manager 1");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(24 * 60);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
