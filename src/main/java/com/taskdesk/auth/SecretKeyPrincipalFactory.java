package com.taskdesk.auth;

import com.taskdesk.secrets.FunctionSecrets;
import com.taskdesk.secrets.LocalTokenSecret;
import com.taskdesk.secrets.Secret;
import com.taskdesk.secrets.SecretUnavailableException;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the task desk's HS256 tokens with the current token secret, asked for on every
 * token, so no configuration source ever holds it and a rotated secret is used as soon as
 * it is read. Everything else (HS256 only, no issuer, userId as subject, role as group,
 * expiry) is SmallRye JWT's own verification, configured in application.properties. Given no
 * secret, only the local run and the tests have one to fall back on ({@link LocalTokenSecret}).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class SecretKeyPrincipalFactory extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Secret secret;
    private final String localFallback;

    @Inject
    SecretKeyPrincipalFactory(FunctionSecrets secrets, Instance<LocalTokenSecret> local) {
        this(secrets.jwtSecret(), local.isResolvable() ? local.get().value() : null);
    }

    /** @param localFallback the secret of a run given none; null in a deployed function */
    SecretKeyPrincipalFactory(Secret secret, String localFallback) {
        this.secret = secret;
        this.localFallback = localFallback;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo configured) throws ParseException {
        String value = secret.value();
        if (value == null) {
            value = localFallback;
        }
        if (value == null) {
            // JwtSecretCheck stops a deployed function without a secret at start; this holds even if it did not
            throw new SecretUnavailableException(secret.source() + " is not set: no token can be verified");
        }
        return verifier.parse(token, withKey(configured, value));
    }

    /** The configured verification with this secret as its only key. */
    static JWTAuthContextInfo withKey(JWTAuthContextInfo configured, String secret) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(configured);
        info.setPublicVerificationKey(null);
        info.setPublicKeyContent(null);
        info.setPublicKeyLocation(null);
        info.setSecretKeyContent(null);
        info.setSecretVerificationKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return info;
    }
}
