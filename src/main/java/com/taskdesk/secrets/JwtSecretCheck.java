package com.taskdesk.secrets;

import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.config.StartupFailure;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What the function accepts as the token secret. A deployed function needs one (the plain
 * {@code JWT_SECRET} or {@code JWT_SECRET_ID}) and never the public demo secret; a secret
 * shorter than 32 bytes or with whitespace at either end is warned about, never printed.
 * The local run and the tests, without one, use {@link #LOCAL_DEMO_SECRET}.
 */
@Singleton
public class JwtSecretCheck {

    /** Public, so worthless anywhere but on the embedded database of the local run and the tests. */
    public static final String LOCAL_DEMO_SECRET = "local-demo-secret-for-the-embedded-database-only";
    /** HS256 is HMAC-SHA-256: a key shorter than its 256-bit output weakens every token. */
    static final int MIN_BYTES = 32;

    private static final Logger LOG = Logger.getLogger(JwtSecretCheck.class);

    /** What is wrong with a secret, in words that never quote it. */
    static List<String> weaknesses(String secret) {
        List<String> weaknesses = new ArrayList<>();
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) {
            weaknesses.add("is " + bytes + " bytes long; an HS256 secret should have at least " + MIN_BYTES
                    + " (256 bits): generate a longer one and rotate it");
        }
        if (!secret.equals(secret.strip())) {
            weaknesses.add("starts or ends with whitespace (a stray newline or space?); tokens verify only if the "
                    + "task desk signs with exactly the same bytes");
        }
        return weaknesses;
    }

    static void warnAbout(String secret, String source) {
        for (String weakness : weaknesses(secret)) {
            LOG.warnf("%s %s", source, weakness);
        }
    }

    /** A value just read from Secrets Manager: never the demo secret; warned about when weak. */
    public static void checkStored(String secret, String source) {
        if (secret.equals(LOCAL_DEMO_SECRET)) {
            throw new SecretUnavailableException(
                    source + ": the stored value is the public local demo secret; " + "store the task desk's own");
        }
        warnAbout(secret, source);
    }

    /** Static, so it runs before anything creates the secrets. */
    static void checkAtStart(@Observes StartupEvent start, Environment environment) {
        String variable = FunctionSecrets.JWT_SECRET;
        String plain = environment.value(variable);
        boolean deployed = LaunchMode.current() == LaunchMode.NORMAL;
        if (deployed) {
            try {
                Secret.checkGiven(
                        environment,
                        variable,
                        FunctionSecrets.JWT_SECRET_ID,
                        "give the functions the task desk's token secret");
            } catch (InvalidSettingException e) {
                throw StartupFailure.stop(e);
            }
        }
        if (plain != null) {
            if (deployed && plain.equals(LOCAL_DEMO_SECRET)) {
                throw StartupFailure.stop(new InvalidSettingException(
                        variable + " is the public local demo secret: give the functions the task desk's own secret"));
            }
            warnAbout(plain, variable);
        }
    }
}
