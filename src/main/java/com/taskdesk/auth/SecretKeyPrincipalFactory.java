package com.taskdesk.auth;

import com.taskdesk.secrets.FunctionSecrets;
import com.taskdesk.secrets.JwtSecretCheck;
import com.taskdesk.secrets.Secret;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the task desk's HS256 tokens with the current token secret, asked for on every
 * token, so no configuration source ever holds it and a rotated secret is used as soon as
 * it is read. Everything else (HS256 only, no issuer, userId as subject, role as group,
 * expiry) is SmallRye JWT's own verification, configured in application.properties.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class SecretKeyPrincipalFactory extends JWTCallerPrincipalFactory {

    private final JWTCallerPrincipalFactory verifier = new DefaultJWTCallerPrincipalFactory();
    private final Secret secret;

    SecretKeyPrincipalFactory(FunctionSecrets secrets) {
        this.secret = secrets.jwtSecret();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo configured) throws ParseException {
        String value = secret.value();
        // Unset only outside a deployed function: JwtSecretCheck stops one at start.
        return verifier.parse(token, withKey(configured, value != null ? value : JwtSecretCheck.LOCAL_DEMO_SECRET));
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
