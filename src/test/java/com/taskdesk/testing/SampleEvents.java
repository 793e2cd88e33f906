package com.taskdesk.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The API Gateway events `./budget render` writes to events/, read back for tests that send one. */
public final class SampleEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleEvents() {}

    /**
     * events/FUNCTION.json with this bearer token in place of its auth-token cookie, which would win
     * over the token.
     */
    public static ObjectNode withBearer(String function, String token) throws IOException {
        ObjectNode event = withoutCredentials(function);
        ((ObjectNode) event.get("headers")).put("authorization", "Bearer " + token);
        return event;
    }

    /** events/FUNCTION.json as the front end sends it, with this token as its auth-token cookie. */
    public static ObjectNode withCookie(String function, String token) throws IOException {
        ObjectNode event = withoutCredentials(function);
        event.putArray("cookies").add("auth-token=" + token);
        return event;
    }

    /** events/FUNCTION.json as rendered, which carries no credentials. */
    public static ObjectNode withoutCredentials(String function) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(Path.of("events", function + ".json")));
        event.remove("cookies");
        return event;
    }
}
