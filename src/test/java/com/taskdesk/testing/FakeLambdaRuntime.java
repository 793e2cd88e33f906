package com.taskdesk.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The part of AWS Lambda's Runtime API a function talks to: the runtime client long-polls
 * {@code /invocation/next} for an event and posts the response event back. Pointing
 * {@code AWS_LAMBDA_RUNTIME_API} at this lets a test run function.zip as Lambda would.
 * (Vert.x, because the runtime client wants its headers spelled exactly as AWS spells them.)
 */
public final class FakeLambdaRuntime implements AutoCloseable {

    private static final String BASE = "/2018-06-01/runtime/";

    private record Invocation(String id, String event) {}

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Queue<Invocation> events = new ArrayDeque<>();
    private final Queue<HttpServerRequest> waiting = new ArrayDeque<>();
    private final Map<String, CompletableFuture<String>> responses = new ConcurrentHashMap<>();
    private volatile boolean polled;
    private final java.util.List<String> requestIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> restore = new CompletableFuture<>();
    private volatile boolean restorePolled;
    private volatile long firstPollNanos;

    public FakeLambdaRuntime() throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    /** True once the function has asked for its first event (its init phase is over). */
    public boolean polled() {
        return polled;
    }

    /** The Lambda request ids of the events handed out so far, in order (Lambda-Runtime-Aws-Request-Id). */
    public java.util.List<String> requestIds() {
        return java.util.List.copyOf(requestIds);
    }

    /**
     * True once a SnapStart function has run its checkpoint hooks and asked to be restored
     * (as Lambda would now take the snapshot).
     */
    public boolean restorePolled() {
        return restorePolled;
    }

    /** Restores a SnapStart function from its "snapshot": its restore hooks run, then it polls for events. */
    public void restore() {
        restore.complete(null);
    }

    /** System.nanoTime() of the function's first request for an event (the end of its init phase); 0 before. */
    public long firstPollNanos() {
        return firstPollNanos;
    }

    /** Hands the event to the function and waits for its response event. */
    public String invoke(String event, long timeoutSeconds) throws Exception {
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> response = new CompletableFuture<>();
        responses.put(id, response);
        synchronized (this) {
            events.add(new Invocation(id, event));
        }
        vertx.runOnContext(ignored -> dispatch());
        return response.get(timeoutSeconds, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest request) {
        String path = request.path().startsWith(BASE) ? request.path().substring(BASE.length()) : request.path();
        if (path.equals("restore/next")) {
            restorePolled = true;
            restore.thenRun(() -> vertx.runOnContext(
                    ignored -> request.response().setStatusCode(200).end()));
        } else if (path.equals("invocation/next")) {
            if (!polled) {
                firstPollNanos = System.nanoTime();
            }
            polled = true;
            synchronized (this) {
                waiting.add(request);
            }
            dispatch();
        } else if (path.startsWith("invocation/") && (path.endsWith("/response") || path.endsWith("/error"))) {
            String id = path.substring("invocation/".length(), path.lastIndexOf('/'));
            request.body().onSuccess(body -> {
                CompletableFuture<String> response = responses.remove(id);
                if (response != null) {
                    if (path.endsWith("/error")) {
                        response.completeExceptionally(new IllegalStateException("function error: " + body));
                    } else {
                        response.complete(body.toString());
                    }
                }
                request.response().setStatusCode(202).end("{\"status\":\"OK\"}");
            });
        } else {
            request.response().setStatusCode(202).end("{\"status\":\"OK\"}");
        }
    }

    private synchronized void dispatch() {
        while (!events.isEmpty() && !waiting.isEmpty()) {
            Invocation next = events.poll();
            requestIds.add(next.id());
            waiting.poll()
                    .response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Lambda-Runtime-Aws-Request-Id", next.id())
                    .putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000))
                    .putHeader(
                            "Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:eu-west-1:123456789012:function:taskdesk-test")
                    .putHeader("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000")
                    .end(next.event());
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
