package com.taskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DeskConfig;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * A function started without its variables (as the tests and a local run are) runs with config/'s
 * defaults, the FunctionSetting table's: the pool, the statement timeout and the results cap all come
 * from the one reading of the environment DatasourceConfigSource made at start, which the beans share.
 */
@QuarkusTest
class SettingsReadAtStartTest {

    @Inject
    Config configuration;

    @Inject
    ConnectionSettings settings;

    @Inject
    DeskConfig config;

    @Inject
    AgroalDataSource pool;

    @Test
    void theBeansGetTheSettingsReadAtStartNotAReadingOfTheirOwn() {
        assertSame(DatasourceConfigSource.of(configuration).settings(), settings);
    }

    @Test
    void withoutVariablesTheFunctionRunsWithTheTablesDefaults() {
        assertEquals(new ConnectionSettings.Setting(1, "default"), settings.connectionLimit());
        assertEquals(new ConnectionSettings.Setting(2, "default"), settings.poolTimeoutSeconds());
        assertEquals(new ConnectionSettings.Setting(2, "default"), settings.connectTimeoutSeconds());
        AgroalConnectionPoolConfiguration configured = pool.getConfiguration().connectionPoolConfiguration();
        assertEquals(1, configured.maxSize());
        assertEquals(Duration.ofSeconds(2), configured.acquisitionTimeout());
        assertEquals(5, config.db().statementTimeoutSeconds());
        assertEquals(1000, config.results().maxRows());
    }
}
