package com.taskdesk.secrets;

import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One secret of the function, given either as a plain environment variable (local runs,
 * other platforms: {@code DATABASE_URL}) or as the name or ARN of a Secrets Manager secret
 * ({@code DATABASE_URL_SECRET_ID}), which is read at the first use, not at start.
 *
 * <p>A value read from Secrets Manager is kept for {@code cacheTime}, then read again at the
 * next use; {@link #forget()} drops it at once (before a SnapStart snapshot), and
 * {@link #refused()} drops it when the service refused it (a rotated password), so a
 * rotated secret needs no redeploy.
 */
public final class Secret {

    /** After a refusal, a value read this recently is not read again (no read per request). */
    static final Duration REREAD_AFTER_REFUSAL = Duration.ofSeconds(1);

    private record Read(String value, long atNanos) {}

    private final String variable;
    private final String idVariable;
    private final String plainValue;
    private final String secretId;
    private final SecretsManager store;
    private final long cacheNanos;
    private final Consumer<String> check;
    private Read read;
    private boolean snapshotting;

    /**
     * @param check runs on every value read from the store; it throws
     *              {@link SecretUnavailableException} for a value that cannot be used
     */
    public Secret(
            String variable,
            String idVariable,
            Environment environment,
            SecretsManager store,
            Duration cacheTime,
            Consumer<String> check) {
        checkOneOf(environment, variable, idVariable);
        this.variable = variable;
        this.idVariable = idVariable;
        this.plainValue = environment.value(variable);
        this.secretId = environment.value(idVariable);
        this.store = store;
        this.cacheNanos = cacheTime.toNanos();
        this.check = check;
    }

    /** A secret is given one way: its value, or the id of the Secrets Manager secret holding it. */
    public static void checkOneOf(Environment environment, String variable, String idVariable) {
        if (environment.value(variable) != null && environment.value(idVariable) != null) {
            throw new InvalidSettingException(
                    variable + " and " + idVariable + " are both set: give the function one of them");
        }
    }

    /** A deployed function needs the secret one way or the other; {@code why} says what for. */
    public static void checkGiven(Environment environment, String variable, String idVariable, String why) {
        if (environment.value(variable) == null && environment.value(idVariable) == null) {
            throw new InvalidSettingException(variable + " is not set (nor " + idVariable + "): " + why);
        }
    }

    public boolean isSet() {
        return plainValue != null || secretId != null;
    }

    public boolean inSecretsManager() {
        return secretId != null;
    }

    /** The plain variable's value, if that is how the secret was given (read at start). */
    public String plainValue() {
        return plainValue;
    }

    /** Where the value comes from, for logs: never the value. */
    public String source() {
        return secretId == null ? variable : "Secrets Manager secret '" + secretId + "' (" + idVariable + ")";
    }

    /**
     * The current value; null when neither variable is set.
     *
     * @throws SecretUnavailableException when Secrets Manager cannot give a usable value now
     */
    public synchronized String value() {
        if (secretId == null) {
            return plainValue;
        }
        if (snapshotting) {
            throw new SecretUnavailableException(source() + " is not read while a SnapStart snapshot is taken");
        }
        if (read == null || System.nanoTime() - read.atNanos() >= cacheNanos) {
            String value = store.read(variable, secretId);
            check.accept(value);
            read = new Read(value, System.nanoTime());
        }
        return read.value();
    }

    /** Drops the value read from Secrets Manager; the next use reads it again. */
    public synchronized void forget() {
        read = null;
    }

    /** Before a snapshot: forgets the value (after a read under way ends) and reads none until {@link #reopen()}. */
    public synchronized void closeForSnapshot() {
        read = null;
        snapshotting = true;
    }

    public synchronized void reopen() {
        snapshotting = false;
    }

    /** The service refused the value (e.g. PostgreSQL's 28P01 after a rotation): read it again soon. */
    public synchronized void refused() {
        if (read != null && System.nanoTime() - read.atNanos() >= REREAD_AFTER_REFUSAL.toNanos()) {
            read = null;
        }
    }
}
