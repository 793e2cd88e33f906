package com.taskdesk.secrets;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.config.StartupFailure;
import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.SignIn;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * What the function accepts as the token secret, in words that never quote it. A deployed
 * function whose endpoint checks a token ({@link SignIn}) needs one (the plain {@code JWT_SECRET}
 * or {@code JWT_SECRET_ID}) of at least 32 bytes, and never the public demo secret: it refuses to
 * start without one (a function that checks none, health, is deployed without it), and a value read
 * from Secrets Manager (a rotation) that is too short or the demo secret makes requests that
 * need it a 503 until a usable one is stored. Whitespace at either end is warned about. The
 * local run and the tests, without one, verify with {@link #LOCAL_DEMO_SECRET}
 * (com.taskdesk.local.LocalDemoSecret, which function.zip does not hold); there a short secret
 * is only warned about.
 */
@Singleton
public class JwtSecretCheck {

    /** Public, so worthless anywhere but on the embedded database of the local run and the tests. */
    public static final String LOCAL_DEMO_SECRET = "local-demo-secret-for-the-embedded-database-only";
    /** HS256 is HMAC-SHA-256: a key shorter than its 256-bit output can be brute-forced from any token. */
    static final int MIN_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(JwtSecretCheck.class);

    /** Why a deployed function cannot use this secret, or null when it can. */
    static String tooShort(String secret) {
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= MIN_BYTES
                ? null
                : "is " + bytes + " bytes long; an HS256 secret needs at least " + MIN_BYTES
                        + " (256 bits): generate a longer one and rotate it";
    }

    private static void warnAboutWhitespace(String secret, String source) {
        if (!secret.equals(secret.strip())) {
            LOG.warnf(
                    "%s starts or ends with whitespace (a stray newline or space?); tokens verify only if the "
                            + "task desk signs with exactly the same bytes",
                    source);
        }
    }

    /** A value just read from Secrets Manager: never the demo secret, never shorter than 32 bytes. */
    public static void checkStored(String secret, String source) {
        if (secret.equals(LOCAL_DEMO_SECRET)) {
            throw new SecretUnavailableException(
                    source + ": the stored value is the public local demo secret; store the task desk's own");
        }
        String tooShort = tooShort(secret);
        if (tooShort != null) {
            throw new SecretUnavailableException(source + ": the stored value " + tooShort);
        }
        warnAboutWhitespace(secret, source);
    }

    /** Static, so it runs before anything creates the secrets. */
    static void checkAtStart(@Observes StartupEvent start, Environment environment, BeanManager beans) {
        try {
            boolean deployed = LaunchMode.current() == LaunchMode.NORMAL;
            check(environment, deployed, checksTokens(beans, environment.value(ConnectionSettings.FUNCTION_NAME)));
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
    }

    /**
     * Whether the function named so checks tokens: its resource among the application's beans says
     * ({@link SignIn}); a name no resource has (the local run's, which serves every route) does.
     */
    static boolean checksTokens(BeanManager beans, String functionName) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            LambdaFunction function = bean.getBeanClass().getAnnotation(LambdaFunction.class);
            if (function != null && function.name().equals(functionName)) {
                return SignIn.required(bean.getBeanClass());
            }
        }
        return true;
    }

    /** The plain variable at start, for a function that checks tokens. */
    static void check(Environment environment, boolean deployed) {
        check(environment, deployed, true);
    }

    /**
     * The plain variable at start: when deployed, long enough and not the demo secret, and required
     * when the function checks tokens.
     */
    static void check(Environment environment, boolean deployed, boolean checksTokens) {
        String variable = FunctionSecrets.JWT_SECRET;
        if (deployed && checksTokens) {
            Secret.checkGiven(
                    environment,
                    variable,
                    FunctionSecrets.JWT_SECRET_ID,
                    "give the functions the task desk's token secret");
        }
        String plain = environment.value(variable);
        if (plain == null) {
            return;
        }
        if (deployed && plain.equals(LOCAL_DEMO_SECRET)) {
            throw new InvalidSettingException(
                    variable + " is the public local demo secret: give the functions the task desk's own secret");
        }
        String tooShort = tooShort(plain);
        if (tooShort != null && deployed) {
            throw new InvalidSettingException(variable + " " + tooShort);
        }
        if (tooShort != null) {
            LOG.warnf("%s %s (a deployed function refuses it)", variable, tooShort);
        }
        warnAboutWhitespace(plain, variable);
    }
}
