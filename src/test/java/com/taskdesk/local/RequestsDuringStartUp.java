package com.taskdesk.local;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A caller who does not wait for the application: from before Quarkus starts it, one request
 * after the other to the mock event server (the port the tests' requests go to), each recorded
 * with when it was sent and what came back. A refused connection (nothing listens yet) is tried
 * again 20 ms later.
 */
public class RequestsDuringStartUp implements QuarkusTestResourceLifecycleManager {

    /** What one request got; {@code sentAt} is {@link System#nanoTime()} when it was sent. */
    public record Answer(long sentAt, int status, String contentType, String retryAfter, String body) {}

    static final String PATH = "/api/health";
    private static final Duration LONGEST = Duration.ofSeconds(120);
    private static final List<Answer> ANSWERS = new CopyOnWriteArrayList<>();
    private static volatile boolean stopped;
    private static Thread caller;

    @Override
    public Map<String, String> start() {
        int port = ConfigProvider.getConfig().getValue("quarkus.lambda.mock-event-server.test-port", Integer.class);
        ANSWERS.clear();
        stopped = false;
        caller = new Thread(() -> call(URI.create("http://localhost:" + port + PATH)), "requests-during-start-up");
        caller.setDaemon(true);
        caller.start();
        return Map.of();
    }

    private static void call(URI uri) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + LONGEST.toNanos();
        while (!stopped && System.nanoTime() - deadline < 0) {
            long sentAt = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri).timeout(LONGEST).build(), HttpResponse.BodyHandlers.ofString());
                ANSWERS.add(new Answer(
                        sentAt,
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(null),
                        response.headers().firstValue("Retry-After").orElse(null),
                        response.body()));
            } catch (IOException e) {
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops calling (after the request in flight) and gives every answer, in the order sent. */
    public static List<Answer> stopAndCollect() throws InterruptedException {
        stopped = true;
        caller.join(LONGEST.toMillis());
        return List.copyOf(ANSWERS);
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
