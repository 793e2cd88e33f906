package com.taskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DeskConfig;
import com.taskdesk.config.Environment;
import com.taskdesk.local.EmbeddedDatabase;
import com.taskdesk.request.RequestFigures;
import com.taskdesk.secrets.FunctionSecrets;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.quarkus.agroal.runtime.AgroalVaultCredentialsProviderPassword;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Agroal opens connections on its own thread and, when a request's pool timeout passes first, cancels
 * the attempt by interrupting that thread; the interrupt may outlive the attempt (a socket that never
 * answered is not interruptible), and the next connection opened on that thread then fails while Quarkus
 * asks the credentials provider for the URL (a blocking await that sees the interrupt). The game day
 * found it during a network stall behind PgBouncer as a 500 (docs/gameday.md). It is a database that
 * could not be reached in time: 503 with Retry-After, and the next request gets a connection.
 */
class InterruptedConnectionOpeningTest {

    private static EmbeddedDatabase server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedDatabase.start(Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aConnectionOpeningInterruptedOnThePoolsThreadIs503AndTheNextRequestIsServed() throws Exception {
        Environment environment = new Environment(
                Map.of(FunctionSecrets.DATABASE_URL, "postgresql://postgres@localhost:" + server.port() + "/postgres"));
        ConnectionSettings settings = ConnectionSettings.resolve(environment.variables());
        DeskConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(settings.quarkusProperties(), "the function's settings", 275))
                .withMapping(DeskConfig.class)
                .build()
                .getConfigMapping(DeskConfig.class);
        AtomicBoolean interrupted = new AtomicBoolean(true);
        DatabaseCredentials credentials = new DatabaseCredentials(settings, functionSecrets(environment, config)) {
            @Override
            public Map<String, String> getCredentials(String name) {
                if (interrupted.get()) {
                    // what cancelled attempts left on Agroal's thread, for every attempt of the first request
                    Thread.currentThread().interrupt();
                }
                return super.getCredentials(name);
            }
        };
        try (AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(1)
                        .acquisitionTimeout(Duration.ofSeconds(2))
                        .connectionFactoryConfiguration(
                                factory -> factory.jdbcUrl(DatasourceConfigSource.URL_FROM_CONNECTION_PROPERTIES)
                                        .credential(new AgroalVaultCredentialsProviderPassword(
                                                DatabaseCredentials.NAME, credentials)))))) {
            Database database = new Database(pool, new ConnectionGate(), credentials, new RequestFigures(), config);

            DatabaseUnavailableException unavailable =
                    assertThrows(DatabaseUnavailableException.class, () -> database.query("SELECT 1", rows -> rows));
            assertTrue(unavailable.getMessage().contains("interrupted"), unavailable.getMessage());
            interrupted.set(false);
            int one = database.query("SELECT 1", rows -> rows.next() ? rows.getInt(1) : 0);
            assertEquals(1, one, "the next request gets a connection");
        }
    }

    private static FunctionSecrets functionSecrets(Environment environment, DeskConfig config) throws Exception {
        Constructor<FunctionSecrets> constructor =
                FunctionSecrets.class.getDeclaredConstructor(Environment.class, DeskConfig.class);
        constructor.setAccessible(true);
        return constructor.newInstance(environment, config);
    }
}
