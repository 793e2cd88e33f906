package com.taskdesk.budget;

import com.taskdesk.testing.SimulatedFunction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst of concurrent requests: for every function, some threads released at once, each
 * sending requests one after another. Meanwhile an observer connection samples how many client
 * connections the server holds, to report the peak.
 */
public final class Burst {

    /** What a burst saw. */
    public record Result(Map<SimulatedFunction.Outcome, Integer> outcomes, int peakClientConnections) {

        public int count(SimulatedFunction.Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    private Burst() {}

    public static Result run(
            List<SimulatedFunction> functions,
            int threadsPerFunction,
            int requestsPerThread,
            String sql,
            Connection observer)
            throws Exception {
        Map<SimulatedFunction.Outcome, AtomicInteger> counts = new EnumMap<>(SimulatedFunction.Outcome.class);
        for (SimulatedFunction.Outcome outcome : SimulatedFunction.Outcome.values()) {
            counts.put(outcome, new AtomicInteger());
        }
        int threads = functions.size() * threadsPerFunction;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger peak = new AtomicInteger();
        try {
            Future<?> sampler = pool.submit(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(clientConnections(observer), Math::max);
                    Thread.sleep(5);
                }
                return null;
            });
            List<Future<?>> requests = new ArrayList<>();
            for (SimulatedFunction function : functions) {
                for (int t = 0; t < threadsPerFunction; t++) {
                    requests.add(pool.submit(() -> {
                        start.await();
                        for (int r = 0; r < requestsPerThread; r++) {
                            counts.get(function.invoke(sql)).incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            start.countDown();
            for (Future<?> request : requests) {
                request.get(30, TimeUnit.SECONDS);
            }
            peak.accumulateAndGet(clientConnections(observer), Math::max);
            running.set(false);
            sampler.get(5, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        Map<SimulatedFunction.Outcome, Integer> outcomes = new EnumMap<>(SimulatedFunction.Outcome.class);
        counts.forEach((outcome, count) -> outcomes.put(outcome, count.get()));
        return new Result(outcomes, peak.get());
    }

    /** Client connections other than the observer's own. */
    private static int clientConnections(Connection observer) throws SQLException {
        synchronized (observer) {
            try (Statement statement = observer.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
