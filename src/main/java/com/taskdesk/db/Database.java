package com.taskdesk.db;

import com.taskdesk.config.DeskConfig;
import com.taskdesk.request.RequestFigures;
import com.taskdesk.secrets.SecretUnavailableException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The only way handlers reach PostgreSQL: one pooled connection, one prepared statement,
 * auto-commit (a single statement is its own transaction), the function's statement
 * timeout, and the connection back in the pool before the response is written.
 */
@ApplicationScoped
public class Database {

    /** Binds the statement's parameters. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Turns the statement's result rows into the handler's answer. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final AgroalDataSource dataSource;
    private final ConnectionGate gate;
    private final DatabaseCredentials credentials;
    private final RequestFigures request;
    private final int statementTimeoutSeconds;
    private final Duration poolTimeout;
    private final LongAdder acquisitionTimeouts = new LongAdder();

    Database(
            AgroalDataSource dataSource,
            ConnectionGate gate,
            DatabaseCredentials credentials,
            RequestFigures request,
            DeskConfig config) {
        this.dataSource = dataSource;
        this.gate = gate;
        this.credentials = credentials;
        this.request = request;
        this.statementTimeoutSeconds = config.db().statementTimeoutSeconds();
        this.poolTimeout =
                dataSource.getConfiguration().connectionPoolConfiguration().acquisitionTimeout();
    }

    /**
     * Runs one statement that returns rows (a SELECT, or a data-modifying WITH ... SELECT).
     * The request's figures get the wait for the connection, the statement, and the time the
     * connection was held.
     *
     * @throws DatabaseUnavailableException when the pool, the network or the server cannot
     *         serve the statement now (the caller answers 503 with Retry-After)
     */
    public <T> T query(String sql, Parameters parameters, Rows<T> rows) {
        enterGate();
        try {
            return run(sql, parameters, rows);
        } finally {
            gate.leave();
        }
    }

    private <T> T run(String sql, Parameters parameters, Rows<T> rows) {
        Connection connection = checkOut();
        long held = System.nanoTime();
        try (connection;
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(statementTimeoutSeconds);
            parameters.bind(statement);
            request.statementSent();
            try (ResultSet resultSet = statement.executeQuery()) {
                return rows.read(resultSet);
            }
        } catch (SQLException e) {
            throw DatabaseFailures.classify(e);
        } finally {
            request.usedDatabase(System.nanoTime() - held);
        }
    }

    public <T> T query(String sql, Rows<T> rows) {
        return query(sql, statement -> {}, rows);
    }

    /** How many times this instance found no pooled connection within the pool timeout. */
    public long acquisitionTimeouts() {
        return acquisitionTimeouts.sum();
    }

    private Connection checkOut() {
        long asked = System.nanoTime();
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            if (DatabaseFailures.isPoolTimeout(e)) {
                acquisitionTimeouts.increment();
            }
            if (DatabaseFailures.credentialsRefused(e)) {
                credentials.refused();
            }
            throw DatabaseFailures.classify(e);
        } catch (SecretUnavailableException e) {
            // from DatabaseCredentials, as Agroal opened a connection
            throw new DatabaseUnavailableException("the database credentials could not be read", e);
        } catch (RuntimeException e) {
            if (DatabaseFailures.interrupted(e)) {
                throw new DatabaseUnavailableException("opening a connection was interrupted", e);
            }
            throw e;
        } finally {
            request.waitedForConnection(System.nanoTime() - asked);
        }
    }

    /** While a SnapStart snapshot is taken, a statement waits (at most the pool timeout) for the restore. */
    private void enterGate() {
        try {
            if (gate.enter(poolTimeout)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new DatabaseUnavailableException("no connection while a SnapStart snapshot is taken", null);
    }
}
