package com.taskdesk.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a request gets when the local run's application failed to start or is stopping. */
class AnswersWhenReadyTest {

    @Test
    void anApplicationThatIsNotUpAnswersTheContracts503WithRetryAfter() throws Exception {
        APIGatewayV2HTTPResponse response = AnswersWhenReady.notReady(7);

        assertEquals(503, response.getStatusCode());
        assertEquals("7", response.getHeaders().get("Retry-After"));
        assertEquals("application/json", response.getHeaders().get("Content-Type"));
        assertEquals(
                new ObjectMapper()
                        .readTree(
                                "{\"success\":false,\"error\":\"The local run is not up (it failed to start or is stopping); retry in 7 s\"}"),
                new ObjectMapper().readTree(response.getBody()));
    }
}
