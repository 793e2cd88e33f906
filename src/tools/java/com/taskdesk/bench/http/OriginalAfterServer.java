package com.taskdesk.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.bench.dbtime.OriginalAfterFix;
import com.taskdesk.bench.dbtime.OriginalAfterFix.Query;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The original app after its fix, as an HTTP server for the end-to-end benchmark: the three
 * dashboard endpoints send their statements as Prisma did (each wave at once, on a pool of
 * {@value #POOL_SIZE} connections, waiting up to 20 s for one), read every row, keep the
 * first (newest) activity per agent in memory, and answer JSON. It checks no token.
 * Vert.x, the HTTP server Quarkus itself runs on.
 *
 * <pre>java -cp ... com.taskdesk.bench.http.OriginalAfterServer PORT JDBC_URL</pre>
 */
public final class OriginalAfterServer {

    static final int POOL_SIZE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.util.Set<String> FAILURES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final AgroalDataSource pool;
    /** Prisma's engine takes every statement of a Promise.all at once; they queue for the pool's connections. */
    private final ExecutorService statements = Executors.newCachedThreadPool();

    private OriginalAfterServer(AgroalDataSource pool) {
        this.pool = pool;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        AgroalDataSource pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(c -> c.maxSize(POOL_SIZE)
                        .minSize(0)
                        .initialSize(0)
                        .acquisitionTimeout(Duration.ofSeconds(20))
                        .connectionFactoryConfiguration(f -> f.jdbcUrl(args[1]))));
        OriginalAfterServer server = new OriginalAfterServer(pool);
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer()
                .requestHandler(request -> server.handle(vertx, request))
                .listen(port, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        System.out.println("original-after listening on " + port);
    }

    private void handle(Vertx vertx, HttpServerRequest request) {
        List<List<Query>> waves = OriginalAfterFix.ENDPOINTS.get(request.path());
        if (waves == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        vertx.executeBlocking(() -> answer(waves), false).onComplete(result -> {
            if (result.succeeded()) {
                request.response().putHeader("Content-Type", "application/json").end(result.result());
            } else {
                Throwable cause = result.cause();
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (FAILURES.add(cause.getClass().getName() + ": " + cause.getMessage())) {
                    System.out.println("first failure of its kind on " + request.path() + ": " + cause);
                }
                request.response().setStatusCode(500).end("{\"success\":false}");
            }
        });
    }

    private String answer(List<List<Query>> waves) throws Exception {
        LocalDateTime start =
                LocalDateTime.now(java.time.ZoneOffset.UTC).toLocalDate().atStartOfDay();
        LocalDateTime end = start.plusDays(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        for (List<Query> wave : waves) {
            Map<Query, CompletableFuture<List<List<Object>>>> sent = new LinkedHashMap<>();
            for (Query query : wave) {
                sent.put(query, CompletableFuture.supplyAsync(() -> rows(query, query.bind(start, end)), statements));
            }
            for (Map.Entry<Query, CompletableFuture<List<List<Object>>>> answer : sent.entrySet()) {
                List<List<Object>> rows = answer.getValue().join();
                body.put(
                        answer.getKey().name(),
                        answer.getKey() == OriginalAfterFix.LAST_ACTIVITY_ROWS ? newestPerAgent(rows) : rows);
            }
        }
        return JSON.writeValueAsString(body);
    }

    /** Rows come newest first per agent: the first of each agent is its last activity. */
    private static Map<String, String> newestPerAgent(List<List<Object>> rows) {
        Map<String, String> newest = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            newest.putIfAbsent((String) row.get(0), String.valueOf(row.get(1)));
        }
        return newest;
    }

    private List<List<Object>> rows(Query query, Object[] parameters) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(query.sql())) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        Object value = result.getObject(c);
                        row.add(
                                value instanceof Number || value instanceof String || value == null
                                        ? value
                                        : value.toString());
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
