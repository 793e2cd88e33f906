package com.taskdesk.testing;

import com.taskdesk.config.Environment;
import com.taskdesk.local.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * A function deployed as the deploy files deploy it: DATABASE_URL_SECRET_ID and
 * JWT_SECRET_ID name secrets in a Secrets Manager stand-in, and the stored URL connects as
 * a role that must give its password (scram-sha-256) to a PostgreSQL of its own, so a
 * wrong or rotated password is refused as in production. Enable
 * {@link FunctionEnvironment} in the test profile.
 */
public class StoredSecrets implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE_URL_ID = "taskdesk/test/database-url";
    public static final String JWT_SECRET_ID = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:taskdesk/test/jwt";
    public static final String JWT_SECRET = "stored-jwt-secret-5f0e2d9c8b7a6f5e4d3c2b1a";
    public static final String ROLE = "taskdesk_fn";
    public static final String FIRST_PASSWORD = "first-pw-3c1d";

    private static EmbeddedDatabase database;
    private static SecretsManagerStandIn secretsManager;

    /** The test's function environment: secret ids, region and the stand-in's endpoint; no secret. */
    @Alternative
    @Singleton
    public static class FunctionEnvironment {

        @Produces
        @Singleton
        Environment environment() {
            return new Environment(Map.of(
                    "DATABASE_URL_SECRET_ID",
                    DATABASE_URL_ID,
                    "JWT_SECRET_ID",
                    JWT_SECRET_ID,
                    "AWS_REGION",
                    "eu-west-1",
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                    secretsManager.endpoint()));
        }
    }

    public static SecretsManagerStandIn secretsManager() {
        return secretsManager;
    }

    /** The superuser's connection for fixtures (not the function's role). */
    public static Fixtures fixtures() {
        return Fixtures.connect(database.jdbcUrl());
    }

    public static String databaseUrl(String password) {
        return "postgresql://" + ROLE + ":" + password + "@127.0.0.1:" + database.port() + "/postgres";
    }

    @Override
    public Map<String, String> start() {
        database = EmbeddedDatabase.start(Map.of());
        try (Fixtures db = fixtures()) {
            db.execute(AppSchema.sql());
            db.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + FIRST_PASSWORD + "'");
            db.execute("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + ROLE);
            String hbaFile = String.valueOf(db.value("SHOW hba_file"));
            db.execute("COPY (SELECT unnest(ARRAY['local all all trust', "
                    + "'host all postgres 127.0.0.1/32 trust', 'host all postgres ::1/128 trust', "
                    + "'host all all 127.0.0.1/32 scram-sha-256', 'host all all ::1/128 scram-sha-256'])) TO '"
                    + hbaFile + "'");
            db.value("SELECT pg_reload_conf()");
        }
        secretsManager = new SecretsManagerStandIn()
                .put(DATABASE_URL_ID, databaseUrl(FIRST_PASSWORD))
                .put(JWT_SECRET_ID, JWT_SECRET);
        // The SDK's default credential chain reads these first (Lambda gives it its role's).
        System.setProperty("aws.accessKeyId", "AKIDSTANDIN");
        System.setProperty("aws.secretAccessKey", "stand-in-secret-access-key");
        // A pool timeout below the SDK's read timeout, so a slow secret can outlast a request.
        return Map.of(
                "quarkus.datasource.jdbc.url",
                "jdbc:postgresql://",
                "quarkus.datasource.jdbc.acquisition-timeout",
                "1S");
    }

    @Override
    public void stop() {
        secretsManager.close();
        database.close();
    }
}
