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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the task desk's HS256 tokens with the current token secret, asked for on every
 * token, so no configuration source ever holds it and a rotated secret is used as soon as
 * it is read. Everything else (HS256 only, no issuer, userId as subject, role as group,
 * expiry) is SmallRye JWT's own verification, configured in application.properties, followed
 * by {@link TokenRules} (the role claim, no more time left than the app's 24-hour lifetime). Given no
 * secret, only the local run and the tests have one to fall back on ({@link LocalTokenSecret}).
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class SecretKeyPrincipalFactory extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Secret secret;
    private final String localFallback;

    SecretKeyPrincipalFactory(FunctionSecrets secrets, Instance<LocalTokenSecret> local) {
        this.secret = secrets.jwtSecret();
        // null in a deployed function: function.zip holds no LocalTokenSecret
        this.localFallback = local.isResolvable() ? local.get().value() : null;
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
        JWTCallerPrincipal verified = verifier.parse(token, withKey(configured, value));
        // the system clock, as SmallRye's own expiry check reads it
        TokenRules.check(verified, configured.getMaxTimeToLiveSecs(), Instant.now());
        return verified;
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
