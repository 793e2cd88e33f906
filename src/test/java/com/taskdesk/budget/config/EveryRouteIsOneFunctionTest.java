package com.taskdesk.budget.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.function.LambdaFunction;
import com.taskdesk.function.Table;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jboss.jandex.Index;
import org.junit.jupiter.api.Test;

/** The functions are the application's resources: one route each, none served without a function. */
class EveryRouteIsOneFunctionTest {

    @LambdaFunction(
            name = "reader",
            reads = {Table.USER, Table.TASK})
    @Path("/api/manager/b")
    static class Reader {
        @GET
        public String read() {
            return "";
        }
    }

    @LambdaFunction(
            name = "writer",
            reads = {Table.USER, Table.TASK},
            updates = Table.TASK,
            inserts = Table.TASK_HISTORY,
            sampleBody = "{}")
    @Path("/api/manager/a")
    static class Writer {
        @POST
        public String write() {
            return "";
        }
    }

    @Path("/api/manager/forgotten")
    static class ServedButNoFunction {
        @GET
        public String read() {
            return "";
        }
    }

    @LambdaFunction(name = "routeless")
    static class FunctionWithoutRoute {
        @GET
        public String read() {
            return "";
        }
    }

    @LambdaFunction(name = "two-methods")
    @Path("/api/manager/two")
    static class TwoMethods {
        @GET
        public String read() {
            return "";
        }

        @POST
        public String write() {
            return "";
        }
    }

    @LambdaFunction(name = "reader")
    @Path("/api/manager/c")
    static class SameName {
        @GET
        public String read() {
            return "";
        }
    }

    private static List<Endpoint> functionsOf(Class<?>... resources) throws IOException {
        return Endpoint.of(Index.of(resources));
    }

    @Test
    void aResourceIsAFunctionWithItsRouteAndTheGrantsItsAnnotationNames() throws IOException {
        List<Endpoint> functions = functionsOf(Reader.class, Writer.class);

        assertEquals(
                List.of("writer", "reader"),
                functions.stream().map(Endpoint::functionName).toList());
        assertEquals("POST /api/manager/a", functions.get(0).route());
        assertEquals(
                Map.of("\"User\"", "SELECT", "\"Task\"", "SELECT, UPDATE", "\"TaskHistory\"", "INSERT"),
                functions.get(0).tablePrivileges());
        assertTrue(functions.get(0).writes());
        assertEquals(
                Map.of("\"User\"", "SELECT", "\"Task\"", "SELECT"),
                functions.get(1).tablePrivileges());
        assertEquals(false, functions.get(1).writes());
    }

    @Test
    void aServedRouteWithoutAFunctionIsRefused() {
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> functionsOf(Reader.class, ServedButNoFunction.class));
        assertTrue(
                refused.getMessage().contains("ServedButNoFunction serves /api/manager/forgotten but is no function"),
                refused.getMessage());
    }

    @Test
    void aFunctionWithoutARouteIsRefused() {
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> functionsOf(FunctionWithoutRoute.class));
        assertTrue(refused.getMessage().contains("is function routeless but serves no route"), refused.getMessage());
    }

    @Test
    void aFunctionServesExactlyOneMethod() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> functionsOf(TwoMethods.class));
        assertTrue(refused.getMessage().contains("exactly one @GET or @POST"), refused.getMessage());
    }

    @Test
    void twoFunctionsCannotShareAName() {
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> functionsOf(Reader.class, SameName.class));
        assertTrue(refused.getMessage().contains("the same function name or route"), refused.getMessage());
    }

    @Test
    void theApplicationsFunctionsAreReadFromItsOwnClasses() {
        List<Endpoint> functions = Endpoint.all();
        assertTrue(functions.stream().anyMatch(f -> f.route().equals("GET /api/manager/agents")), functions.toString());
        assertTrue(functions.stream().allMatch(f -> f.resource().getName().startsWith("com.taskdesk.")));
    }
}
