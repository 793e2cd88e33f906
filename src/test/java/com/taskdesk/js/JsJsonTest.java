package com.taskdesk.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expected text is what Node.js 20 prints for {@code JSON.stringify(JSON.parse(stored))}. */
class JsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\": 1.0, \"b\": [1e21, 1.50, -0, 1e400, 12345678901234567890], \"c\": null, \"d\": \"x\", \"e\": true, \"f\": {}}"
                        + " | {\"a\":1,\"b\":[1e+21,1.5,0,null,12345678901234567000],\"c\":null,\"d\":\"x\",\"e\":true,\"f\":{}}",
                "[] | []",
                "1.0 | 1",
                "\"text\" | \"text\"",
            })
    void aStoredValueIsWrittenAsJsonStringifyWritesWhatJsonParseRead(String stored, String javaScript)
            throws Exception {
        assertEquals(javaScript, JSON.writeValueAsString(JsJson.of(stored)));
    }

    @ParameterizedTest
    @CsvSource(
            value = {"null", "NULL"},
            nullValues = "NULL")
    void sqlNullAndJsonNullAreNull(String stored) {
        assertNull(JsJson.of(stored));
    }
}
