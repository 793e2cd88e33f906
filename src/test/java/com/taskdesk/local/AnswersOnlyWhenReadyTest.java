package com.taskdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The path a user of the local run hits: requests sent to the mock event server while the
 * application is still starting (here the tests' own start, through the same event server
 * and Lambda poll loop as {@code ./mvnw quarkus:dev}).
 */
@QuarkusTest
@QuarkusTestResource(value = RequestsDuringStartUp.class, restrictToAnnotatedClass = true)
class AnswersOnlyWhenReadyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** When the start-up observers ran: the in-JVM HTTP channel is bound only after them. */
    @Singleton
    static class StartedAt {
        volatile long nanos;

        void started(@Observes StartupEvent event) {
            nanos = System.nanoTime();
        }
    }

    @Inject
    StartedAt started;

    @Test
    void aRequestSentWhileTheApplicationStartsGetsItsRealAnswerOnceItIsUpNeverA500() throws Exception {
        List<RequestsDuringStartUp.Answer> answers = RequestsDuringStartUp.stopAndCollect();
        List<RequestsDuringStartUp.Answer> beforeStart = answers.stream()
                .filter(answer -> answer.sentAt() - started.nanos < 0)
                .toList();
        assertFalse(beforeStart.isEmpty(), "no request was sent before the application was up: " + answers);

        for (RequestsDuringStartUp.Answer answer : answers) {
            if (answer.status() == 503) {
                assertNotNull(answer.retryAfter(), answer.toString());
                assertEquals("application/json", answer.contentType(), answer.toString());
                assertFalse(JSON.readTree(answer.body()).get("success").asBoolean(), answer.toString());
                continue;
            }
            assertEquals(200, answer.status(), answer.toString());
            JsonNode health = JSON.readTree(answer.body());
            assertTrue(health.get("success").asBoolean(), answer.toString());
            assertEquals("UP", health.get("status").asText(), answer.toString());
        }
        System.out.printf(
                "%d requests, %d sent before the application was up; statuses %s%n",
                answers.size(),
                beforeStart.size(),
                answers.stream()
                        .map(RequestsDuringStartUp.Answer::status)
                        .distinct()
                        .toList());
    }
}
