package com.taskdesk.testing;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.report.PgBouncerSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The functions behind a real PgBouncer in transaction mode, set up from the budget tool's own
 * pgbouncer.ini settings for {@link PooledProject}, with what DATABASE_URL's
 * pgbouncer=true gives them (no server-side prepared statements); the fixtures connect to the
 * PostgreSQL behind it directly. Every function's endpoint test runs again under this profile
 * (*ThroughPgBouncerTest, which the build writes from Endpoint.all(): src/generate).
 */
public class ThroughPgBouncer implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Pooler.class));
    }

    /**
     * ThroughPgBouncer for an endpoint test that runs under a profile of its own: with that profile's
     * settings and test resources too (its *ThroughPgBouncerTest declares a subclass naming the test).
     */
    public abstract static class Over extends ThroughPgBouncer {

        private final QuarkusTestProfile own;

        protected Over(Class<?> endpointTest) {
            try {
                own = endpointTest
                        .getAnnotation(TestProfile.class)
                        .value()
                        .getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(endpointTest + "'s profile", e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return own.getConfigOverrides();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return Stream.concat(super.testResources().stream(), own.testResources().stream())
                    .toList();
        }
    }

    /** The PgBouncer the functions go through, while the profile runs. */
    public static PgBouncerProcess pgbouncer() {
        return Pooler.pgbouncer;
    }

    /** A PostgreSQL with the schema, and PgBouncer in front of it. */
    public static class Pooler implements QuarkusTestResourceLifecycleManager {

        private static PgBouncerProcess pgbouncer;
        private RestartableDatabase database;

        @Override
        public Map<String, String> start() {
            database = new RestartableDatabase(Map.of("max_connections", "20"))
                    .start()
                    .createSchema();
            BudgetConfig config = ConfigFiles.load(PooledProject.dir());
            DatabaseBudget budget = DatabaseBudget.of(config, config.stage(PooledProject.STAGE));
            pgbouncer = PgBouncerProcess.start(
                    PgBouncerSettings.of(budget),
                    PgBouncerSettings.users(budget),
                    database.port(),
                    List.of("postgres"));
            return Map.of(
                    "quarkus.datasource.jdbc.url",
                    pgbouncer.jdbcUrl("postgres"),
                    // What DATABASE_URL pgbouncer=true sets (ConnectionSettingsTest proves the translation).
                    "quarkus.datasource.jdbc.additional-jdbc-properties.prepareThreshold",
                    "0",
                    "quarkus.flyway.migrate-at-start",
                    "false",
                    Fixtures.DIRECT_JDBC_URL,
                    database.jdbcUrl());
        }

        @Override
        public void stop() {
            if (pgbouncer != null) {
                pgbouncer.close();
            }
            if (database != null) {
                database.stop();
            }
        }
    }
}
