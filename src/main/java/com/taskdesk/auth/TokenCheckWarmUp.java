package com.taskdesk.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;

/**
 * The token check's first run without the token secret: an HS256 token signed with a key that
 * signs nothing else is verified by SmallRye JWT's verifier, the one {@link SecretKeyPrincipalFactory}
 * uses, so jose4j's algorithms, the JDK's security providers and the HMAC are loaded and initialised
 * (about 390 classes, which a cold function's first request loaded before). It reads no
 * configuration (it may run before the runtime configuration exists) and keeps nothing.
 */
public final class TokenCheckWarmUp {

    /** Not a secret: the key of one token made here and thrown away. */
    private static final byte[] THROWAWAY_KEY =
            "token-check-warm-up-throwaway-key-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);

    private TokenCheckWarmUp() {}

    /** Signs and verifies one throwaway token; throws if the verifier refuses it. */
    public static void run() throws Exception {
        JWTAuthContextInfo verification = new JWTAuthContextInfo();
        verification.setSignatureAlgorithm(Set.of(SignatureAlgorithm.HS256));
        verification.setSecretVerificationKey(new SecretKeySpec(THROWAWAY_KEY, "HmacSHA256"));
        new DefaultJWTCallerPrincipalFactory().parse(throwawayToken(), verification);
    }

    private static String throwawayToken() throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("token-check-warm-up");
        claims.setStringListClaim("groups", List.of("MANAGER"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(1);
        JsonWebSignature signature = new JsonWebSignature();
        signature.setPayload(claims.toJson());
        signature.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        signature.setKey(new HmacKey(THROWAWAY_KEY));
        return signature.getCompactSerialization();
    }
}
