package com.taskdesk.secrets;

import com.taskdesk.config.DatabaseUrl;
import com.taskdesk.config.DeskConfig;
import com.taskdesk.config.Environment;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.config.StartupFailure;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The function's two secrets: the Prisma-style database URL and the HS256 token secret,
 * each from its plain variable or from Secrets Manager ({@code DATABASE_URL_SECRET_ID},
 * {@code JWT_SECRET_ID}). Nothing here is read at start.
 */
@Singleton
public class FunctionSecrets {

    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DATABASE_URL_SECRET_ID = "DATABASE_URL_SECRET_ID";
    public static final String JWT_SECRET = "JWT_SECRET";
    public static final String JWT_SECRET_ID = "JWT_SECRET_ID";

    private final SecretsManager store;
    private final Secret databaseUrl;
    private final Secret jwtSecret;

    FunctionSecrets(Environment environment, DeskConfig config) {
        this.store = new SecretsManager(environment);
        Duration cacheTime = Duration.ofSeconds(config.secrets().cacheSeconds());
        this.databaseUrl = new Secret(
                DATABASE_URL, DATABASE_URL_SECRET_ID, environment, store, cacheTime, FunctionSecrets::checkDatabaseUrl);
        this.jwtSecret = new Secret(
                JWT_SECRET,
                JWT_SECRET_ID,
                environment,
                store,
                cacheTime,
                value -> JwtSecretCheck.checkStored(value, JWT_SECRET_ID));
    }

    /** Static, so it runs before anything creates this bean. */
    static void checkAtStart(@Observes @Priority(10) StartupEvent start, Environment environment) {
        try {
            Secret.checkOneOf(environment, DATABASE_URL, DATABASE_URL_SECRET_ID);
            Secret.checkOneOf(environment, JWT_SECRET, JWT_SECRET_ID);
        } catch (InvalidSettingException e) {
            throw StartupFailure.stop(e);
        }
    }

    private static void checkDatabaseUrl(String value) {
        try {
            DatabaseUrl.parse(value);
        } catch (InvalidSettingException e) {
            throw new SecretUnavailableException(
                    DATABASE_URL_SECRET_ID + ": the stored URL is unusable: " + e.getMessage());
        }
    }

    public Secret databaseUrl() {
        return databaseUrl;
    }

    public Secret jwtSecret() {
        return jwtSecret;
    }

    /**
     * Before a SnapStart snapshot: no secret value and no AWS client (with the credentials it
     * caches) stays in memory, and none is read until {@link #reopenAfterRestore()}.
     */
    public void closeForSnapshot() {
        databaseUrl.closeForSnapshot();
        jwtSecret.closeForSnapshot();
        store.close();
    }

    /** After a restore: each secret is read again at its next use. */
    public void reopenAfterRestore() {
        databaseUrl.reopen();
        jwtSecret.reopen();
    }

    @PreDestroy
    void close() {
        store.close();
    }
}
