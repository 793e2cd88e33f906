package com.taskdesk.db;

import com.taskdesk.config.ConnectionSettings;
import com.taskdesk.config.DatabaseUrl;
import com.taskdesk.config.InvalidSettingException;
import com.taskdesk.secrets.FunctionSecrets;
import com.taskdesk.secrets.Secret;
import com.taskdesk.secrets.SecretUnavailableException;
import io.quarkus.credentials.CredentialsProvider;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Where and as whom the pool connects, asked by Agroal for every new connection
 * (quarkus.datasource.credentials-provider): the host, database, user and password of
 * DATABASE_URL, or of the URL stored in Secrets Manager (DATABASE_URL_SECRET_ID), plus the
 * URL's connection parameters. So no part of the URL is ever in configuration, the stored
 * URL is read at the first connection rather than at start, and a rotated one is used by
 * the next new connection once the cached value expires or the database refuses it.
 */
@Singleton
@Named(DatabaseCredentials.NAME)
public class DatabaseCredentials implements CredentialsProvider {

    public static final String NAME = "database-url";
    private static final Logger LOG = Logger.getLogger(DatabaseCredentials.class);

    private final ConnectionSettings settings;
    private final Secret databaseUrl;
    private final AtomicBoolean warnedAboutPoolParameters = new AtomicBoolean();

    /** @param settings what the function's environment said at start (DatasourceConfigSource) */
    DatabaseCredentials(ConnectionSettings settings, FunctionSecrets secrets) {
        this.settings = settings;
        this.databaseUrl = secrets.databaseUrl();
    }

    @Override
    public Map<String, String> getCredentials(String name) {
        String url = databaseUrl.value();
        if (url == null) {
            return Map.of(); // the datasource's own URL says it all (tests, QUARKUS_DATASOURCE_JDBC_URL)
        }
        ConnectionSettings withUrl;
        try {
            withUrl =
                    settings.withDatabaseUrl(DatabaseUrl.parse(url)); // the URL only: the environment was read at start
        } catch (InvalidSettingException e) {
            throw new SecretUnavailableException(databaseUrl.source() + ": " + e.getMessage());
        }
        if (databaseUrl.inSecretsManager()) {
            warnOnceAboutPoolParameters(withUrl);
        }
        return withUrl.connectionProperties();
    }

    /** Runs on the pool's thread that opens the connection, without a hop to a worker. */
    @Override
    public Uni<Map<String, String>> getCredentialsAsync(String name) {
        return Uni.createFrom().item(() -> getCredentials(name));
    }

    /** The database refused them: the stored URL is read again for the next connection. */
    void refused() {
        databaseUrl.refused();
    }

    /** The pool was sized at start, before the stored URL was read: its pool parameters cannot apply. */
    private void warnOnceAboutPoolParameters(ConnectionSettings settings) {
        boolean fromUrl = settings.connectionLimit().source().startsWith("DATABASE_URL")
                || settings.poolTimeoutSeconds().source().startsWith("DATABASE_URL");
        if (fromUrl && warnedAboutPoolParameters.compareAndSet(false, true)) {
            LOG.warnf(
                    "%s sets connection_limit or pool_timeout, which a pool sized at start cannot take: "
                            + "set DB_CONNECTION_LIMIT and DB_POOL_TIMEOUT_SECONDS instead (see the start-up budget line)",
                    databaseUrl.source());
        }
        settings.ignoredParameters()
                .forEach(parameter -> LOG.debugf(
                        "%s: parameter '%s' is not used by these functions", databaseUrl.source(), parameter));
    }
}
