package com.taskdesk.spam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.http.BadRequestException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpamBodyTest {

    private static String rejection(String body) {
        return assertThrows(BadRequestException.class, () -> SpamBody.parse(body))
                .getMessage();
    }

    private static String idsOf(int count, int length) {
        return IntStream.range(0, count)
                .mapToObj(i -> "\"" + "x".repeat(length - String.valueOf(i).length()) + i + "\"")
                .collect(Collectors.joining(",", "{\"ids\":[", "]}"));
    }

    @Test
    void duplicatesCountOnceInFirstSeenOrder() {
        assertEquals(
                List.of("b", "a"),
                SpamBody.parse("{\"ids\": [\"b\", \"a\", \"b\", \"a\"]}").ids());
    }

    @Test
    void acceptsTheLimits() {
        assertEquals(1000, SpamBody.parse(idsOf(1000, 64)).ids().size());
        assertEquals(
                List.of("😀".repeat(64)),
                SpamBody.parse("{\"id\": \"" + "😀".repeat(64) + "\"}").ids());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty body                | ''                                    | The request body is empty
            blank body                | '   '                                 | The request body is empty
            not JSON                  | ids=r1                                | The request body is not valid JSON
            trailing garbage          | '{"ids": ["r1"]} x'                   | The request body is not valid JSON
            two documents             | '{"ids": ["r1"]}{"ids": ["r2"]}'      | The request body is not valid JSON
            truncated                 | '{"ids": ["r1"'                       | The request body is not valid JSON
            duplicate keys            | '{"ids": ["r1"], "ids": ["r2"]}'      | The request body is not valid JSON
            array root                | '["r1"]'                              | The request body must be a JSON object
            string root               | '"r1"'                                | The request body must be a JSON object
            null root                 | null                                  | The request body must be a JSON object
            no known key              | '{"raw": ["r1"]}'                     | No ids
            ids not an array          | '{"ids": "r1"}'                       | "ids" must be an array
            ids an object             | '{"ids": {"0": "r1"}}'                | "ids" must be an array
            ids empty                 | '{"ids": []}'                         | "ids" is empty
            ids null                  | '{"ids": null}'                       | "ids" must be an array
            number id                 | '{"ids": ["r1", 2]}'                  | ids[1] must be a string, not number
            null id                   | '{"ids": [null]}'                     | ids[0] must be a string, not null
            nested array id           | '{"ids": [["r1"]]}'                   | ids[0] must be a string, not array
            empty id                  | '{"ids": ["r1", ""]}'                 | ids[1] is empty
            blank id                  | '{"ids": ["  "]}'                     | ids[0] is empty
            NUL in id                 | '{"ids": ["r\\u0000"]}'               | ids[0] contains a NUL character
            single id not a string    | '{"id": 7}'                           | id must be a string, not number
            single id empty           | '{"id": ""}'                          | id is empty
            rawMessageIds not array   | '{"rawMessageIds": "r1"}'             | "rawMessageIds" must be an array
            """)
    void rejectsWithAMessageForAPerson(String what, String body, String expectedStart) {
        String message = rejection(body);
        assertEquals(true, message.startsWith(expectedStart), what + ": " + message);
    }

    @Test
    void flagsAreFalseWhenAbsentOrNullAndOtherwiseWhatTheySay() {
        SpamBody body = SpamBody.parse(
                "{\"ids\": [\"r1\"], \"yes\": true, \"no\": false, \"none\": null, \"whitelist\": [\"ignored\", 7]}");
        assertTrue(body.flag("yes"));
        assertFalse(body.flag("no"));
        assertFalse(body.flag("none"));
        assertFalse(body.flag("absent"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "[]", "{}"})
    void aFlagThatIsNotABooleanIsRejected(String value) {
        SpamBody body = SpamBody.parse("{\"ids\": [\"r1\"], \"disablePhrases\": " + value + "}");
        String message = assertThrows(BadRequestException.class, () -> body.flag("disablePhrases"))
                .getMessage();
        assertTrue(message.startsWith("\"disablePhrases\" must be true or false, not "), message);
    }

    @Test
    void rejectsAnIdLongerThan64Characters() {
        assertEquals("ids[0] is longer than 64 characters", rejection(idsOf(1, 65)));
    }

    @Test
    void rejectsMoreThanAThousandIds() {
        assertEquals("At most 1000 ids per request; this one has 1001", rejection(idsOf(1001, 10)));
    }

    @Test
    void rejectsAbsurdNesting() {
        String deep = "{\"ids\": [\"r1\"], \"x\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertEquals("The request body is not valid JSON: it nests deeper than 16 levels", rejection(deep));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"ids\": [\"r1\"], CANARY-7f3a}",
                "{\"ids\": [\"r1\"]} CANARY-7f3a",
                "CANARY-7f3a",
                "{\"ids\": [\"CANARY-7f3a",
                "{\"CANARY-7f3a\": 1, \"CANARY-7f3a\": 2}"
            })
    void invalidJsonIsDescribedByWhereItBreaksNeverByWhatWasSentOrWhichParserFoundIt(String body) {
        String message = rejection(body);
        assertTrue(
                message.matches("The request body is not valid JSON \\(line 1, column \\d+\\): send \\{.*"), message);
        assertFalse(message.contains("CANARY"), message);
        assertFalse(message.toLowerCase(java.util.Locale.ROOT).contains("jackson"), message);
    }
}
