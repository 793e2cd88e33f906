package com.taskdesk.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.testing.Api;
import com.taskdesk.testing.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the application serves is what the tool deploys: each function's route answers, nothing else does. */
@QuarkusTest
class EveryFunctionIsServedTest {

    @BeforeEach
    void empty() {
        try (Fixtures db = Fixtures.connect()) {
            db.reset();
        }
    }

    static List<Endpoint> everyFunction() {
        return Endpoint.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFunction")
    void eachFunctionsRouteIsServed(Endpoint function) {
        assertEquals(200, Api.sample(function).statusCode(), function.route());
    }

    @Test
    void aRouteNoFunctionDeclaresIsNotFound() {
        Api.asManager().get("/api/manager/not-a-function").then().statusCode(404);
    }
}
