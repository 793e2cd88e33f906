package com.taskdesk.testing;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

/**
 * One Lambda function as the connection budget sees it: execution environments (instances),
 * each with its own Agroal pool (at most connectionLimit connections, none at start), each
 * serving one request at a time. A request goes to an idle instance, else to a new one while
 * fewer than maxInstances exist; beyond that Lambda throttles it before any code runs. An
 * instance keeps its connections between requests, as a warm or frozen instance does.
 * A request is waves of statements: those of one wave are sent at once, each on its own
 * connection of the instance's pool (the original app's Promise.all), a wave after another.
 * Used by the budget's proofs (budget tests) and the instance sweep (bench).
 */
public final class SimulatedFunction implements AutoCloseable {

    public enum Outcome {
        /** 200: every statement ran. */
        SERVED,
        /** 429: every instance allowed was busy; Lambda refused the request. */
        THROTTLED,
        /** PostgreSQL refused a connection: SQLSTATE 53300, too many connections. */
        REFUSED_53300,
        /** Any other failure to get a connection or run a statement: the function's 503. */
        UNAVAILABLE_503
    }

    private static final class Instance {
        final AgroalDataSource pool;
        boolean busy;

        Instance(AgroalDataSource pool) {
            this.pool = pool;
        }
    }

    private final String name;
    private final Integer maxInstances;
    private final int connectionLimit;
    private final Duration poolTimeout;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<Integer> waves;
    private final ExecutorService parallel;
    private final List<Instance> instances = new ArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /**
     * @param maxInstances Lambda's cap (reserved concurrency), or null for none
     * @param password     the role's password, or null when the server trusts the user
     * @param waves        statements sent at once, per wave
     * @param parallel     threads for the statements of a wave beyond the first (null when no wave has two)
     */
    public SimulatedFunction(
            String name,
            Integer maxInstances,
            int connectionLimit,
            Duration poolTimeout,
            String jdbcUrl,
            String user,
            String password,
            List<Integer> waves,
            ExecutorService parallel) {
        this.name = name;
        this.maxInstances = maxInstances;
        this.connectionLimit = connectionLimit;
        this.poolTimeout = poolTimeout;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.waves = waves;
        this.parallel = parallel;
    }

    /** One of these functions: one statement per request, as every handler sends. */
    public static SimulatedFunction oneStatementPerRequest(
            String name,
            Integer maxInstances,
            int connectionLimit,
            Duration poolTimeout,
            String jdbcUrl,
            String user,
            String password) {
        return new SimulatedFunction(
                name, maxInstances, connectionLimit, poolTimeout, jdbcUrl, user, password, List.of(1), null);
    }

    public String name() {
        return name;
    }

    public Outcome invoke(String sql) {
        Instance instance = acquire();
        if (instance == null) {
            return Outcome.THROTTLED;
        }
        try {
            for (int width : waves) {
                List<CompletableFuture<Void>> statements = new ArrayList<>();
                for (int i = 1; i < width; i++) {
                    statements.add(CompletableFuture.runAsync(() -> run(instance.pool, sql), parallel));
                }
                statements.add(CompletableFuture.runAsync(() -> run(instance.pool, sql), Runnable::run));
                Throwable failure = null;
                for (CompletableFuture<Void> statement : statements) {
                    try {
                        statement.join();
                    } catch (CompletionException e) {
                        failure = failure == null || !hasState(failure, "53300") ? e.getCause() : failure;
                    }
                }
                if (failure != null) {
                    if (hasState(failure, "53300")) {
                        return Outcome.REFUSED_53300;
                    }
                    failures.add(String.valueOf(failure.getCause() == null ? failure : failure.getCause()));
                    return Outcome.UNAVAILABLE_503;
                }
            }
            return Outcome.SERVED;
        } finally {
            synchronized (this) {
                instance.busy = false;
            }
        }
    }

    private static final class StatementFailed extends RuntimeException {
        StatementFailed(SQLException cause) {
            super(cause);
        }
    }

    private static void run(AgroalDataSource pool, String sql) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new StatementFailed(e);
        }
    }

    private synchronized Instance acquire() {
        for (Instance instance : instances) {
            if (!instance.busy) {
                instance.busy = true;
                return instance;
            }
        }
        if (maxInstances != null && instances.size() >= maxInstances) {
            return null;
        }
        Instance instance = new Instance(newPool());
        instance.busy = true;
        instances.add(instance);
        return instance;
    }

    private AgroalDataSource newPool() {
        try {
            return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(connectionLimit)
                            .minSize(0)
                            .initialSize(0)
                            .acquisitionTimeout(poolTimeout)
                            .connectionFactoryConfiguration(factory -> {
                                factory.jdbcUrl(jdbcUrl).principal(new NamePrincipal(user));
                                if (password != null) {
                                    factory.credential(new SimplePassword(password));
                                }
                                return factory;
                            })));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    public synchronized int instanceCount() {
        return instances.size();
    }

    /** What failed other than 53300, for a test's message. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public synchronized void close() {
        instances.forEach(instance -> instance.pool.close());
        instances.clear();
    }
}
