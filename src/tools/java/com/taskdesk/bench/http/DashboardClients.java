package com.taskdesk.bench.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator: browsers showing the manager dashboard. Each client loads the dashboard
 * the way the page does, its three GETs at once, and loads it again as soon as all three are
 * answered (closed loop, no think time); a load's latency is from sending the first GET to the
 * last answer. JDK's HttpClient (HTTP/1.1, keep-alive).
 */
final class DashboardClients {

    static final List<String> PATHS =
            List.of("/api/manager/agents", "/api/manager/dashboard/agent-progress", "/api/manager/dashboard/metrics");

    /** What a run saw: the latency of each complete load, and loads with any answer other than 200. */
    record Run(double[] loadMs, int failedLoads, double seconds, java.util.Set<String> failures) {

        double loadsPerSecond() {
            return loadMs.length / seconds;
        }
    }

    private DashboardClients() {}

    static Run run(String baseUrl, String token, int clients, Duration duration) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        ExecutorService callbacks = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(callbacks)
                .build();
        List<HttpRequest> requests = new ArrayList<>();
        for (String path : PATHS) {
            requests.add(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build());
        }
        ConcurrentLinkedQueue<Double> loads = new ConcurrentLinkedQueue<>();
        AtomicInteger failed = new AtomicInteger();
        java.util.Set<String> failures = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
                        for (HttpRequest request : requests) {
                            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
                        }
                        boolean ok = true;
                        for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
                            try {
                                HttpResponse<byte[]> response = answer.join();
                                if (response.statusCode() != 200) {
                                    ok = false;
                                    failures.add(response.statusCode() + " on "
                                            + response.uri().getPath());
                                }
                            } catch (RuntimeException e) {
                                ok = false;
                                failures.add(String.valueOf(e.getCause() != null ? e.getCause() : e));
                            }
                        }
                        if (ok) {
                            loads.add((System.nanoTime() - t0) / 1e6);
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
            callbacks.shutdownNow(); // else its threads outlive the run and keep the JVM alive
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Run(loads.stream().mapToDouble(Double::doubleValue).toArray(), failed.get(), seconds, failures);
    }
}
