package com.taskdesk.budget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;

/**
 * One Lambda function as the budget sees it: instances (execution environments), each with its
 * own Agroal pool (max = connectionLimit, min 0), each serving one request at a time. A request
 * goes to an idle instance, else to a new one while fewer than maxInstances exist; beyond that
 * Lambda throttles it (HTTP 429) before any code runs. A closed-over instance keeps its pool's
 * connections open between requests, as a frozen Lambda instance does.
 */
final class SimulatedLambdaFunction implements AutoCloseable {

    enum Outcome {
        /** 200: the statement ran. */
        OK,
        /** 429 from Lambda: every allowed instance was busy. */
        THROTTLED,
        /** 53300 from PostgreSQL: too many connections (for the server, or for the role). */
        TOO_MANY_CONNECTIONS,
        /** Anything else. */
        FAILED
    }

    private static final class Instance {
        final AgroalDataSource pool;
        boolean busy;

        Instance(AgroalDataSource pool) {
            this.pool = pool;
        }
    }

    private final Integer maxInstances;
    private final int connectionLimit;
    private final String url;
    private final String user;
    private final String password;
    private final List<Instance> instances = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    /** @param maxInstances reserved concurrency; null for none (the original app) */
    SimulatedLambdaFunction(Integer maxInstances, int connectionLimit, String url, String user, String password) {
        this.maxInstances = maxInstances;
        this.connectionLimit = connectionLimit;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    Outcome invoke(String sql) {
        Instance instance = acquireInstance();
        if (instance == null) {
            return Outcome.THROTTLED;
        }
        try (Connection connection = instance.pool.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
            return Outcome.OK;
        } catch (SQLException e) {
            if (hasState(e, "53300")) {
                return Outcome.TOO_MANY_CONNECTIONS;
            }
            synchronized (this) {
                failures.add(e.getSQLState() + " " + e.getMessage());
            }
            return Outcome.FAILED;
        } finally {
            synchronized (this) {
                instance.busy = false;
            }
        }
    }

    private synchronized Instance acquireInstance() {
        for (Instance instance : instances) {
            if (!instance.busy) {
                instance.busy = true;
                return instance;
            }
        }
        if (maxInstances != null && instances.size() >= maxInstances) {
            return null;
        }
        Instance instance = new Instance(pool());
        instance.busy = true;
        instances.add(instance);
        return instance;
    }

    private AgroalDataSource pool() {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool
                            .maxSize(connectionLimit)
                            .minSize(0)
                            .initialSize(0)
                            .acquisitionTimeout(Duration.ofSeconds(2))
                            .connectionFactoryConfiguration(factory -> factory
                                    .jdbcUrl(url)
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password)))));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean hasState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    synchronized int instanceCount() {
        return instances.size();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public synchronized void close() {
        for (Instance instance : instances) {
            instance.pool.close();
        }
        instances.clear();
    }
}
