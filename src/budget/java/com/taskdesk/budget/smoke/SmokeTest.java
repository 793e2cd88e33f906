package com.taskdesk.budget.smoke;

import com.taskdesk.budget.config.Endpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every function's sample request (events/) sent through a stage's API with a fresh manager
 * token as a bearer (a cookie POST would need the stage's own Origin), each expected to answer
 * {@link #EXPECTED}: the route, the token, the function and its database all work. The samples'
 * ids and emails are the demo data's, so on a stage's own data the writes change nothing.
 * A gateway or cold-start hiccup (no answer, 502, 503, 504) is tried again.
 */
public final class SmokeTest {

    public static final int EXPECTED = 200;
    private static final Set<Integer> TRANSIENT = Set.of(502, 503, 504);
    private static final int ATTEMPTS = 4;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // API Gateway answers either; no h2c upgrade to stall on
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Duration retryDelay;

    public SmokeTest(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    /** Sends each request, prints one line per request (status, method, path; never the token); the failures. */
    public List<String> run(Path project, URI api, String token, PrintStream out) throws InterruptedException {
        List<String> failures = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.all()) {
            SampleRequest sample = SampleRequest.of(project, endpoint);
            String what = sample.method() + " " + sample.pathAndQuery();
            String answer = answer(api, sample, token);
            out.println(answer + " " + what);
            if (!answer.equals(String.valueOf(EXPECTED))) {
                failures.add(endpoint.functionName() + ": " + what + " answered " + answer + ", expected " + EXPECTED);
            }
        }
        return failures;
    }

    /** The status, or what went wrong, after the retries. */
    private String answer(URI api, SampleRequest sample, String token) throws InterruptedException {
        String base = api.toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + sample.pathAndQuery()))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (sample.endpoint().managerRoute()) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(
                sample.method(),
                sample.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sample.body()));
        if (sample.body() != null) {
            request.header("Content-Type", "application/json");
        }
        String answer = "no answer";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                answer = String.valueOf(status);
                if (!TRANSIENT.contains(status)) {
                    return answer;
                }
            } catch (IOException e) {
                answer = "no answer (" + e.getClass().getSimpleName() + ")";
            }
            if (attempt < ATTEMPTS) {
                Thread.sleep(retryDelay.toMillis());
            }
        }
        return answer;
    }
}
