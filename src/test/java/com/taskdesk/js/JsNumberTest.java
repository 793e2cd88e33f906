package com.taskdesk.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each expected text is what Node.js 20 prints for {@code String(Number("<stored>"))}. */
class JsNumberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // numeric(65,30) as PostgreSQL returns it: 30 decimals
        "0.000000000000000000000000000000, 0",
        "-0.000000000000000000000000000000, 0",
        "100.000000000000000000000000000000, 100",
        "-42.500000000000000000000000000000, -42.5",
        "19.990000000000000000000000000000, 19.99",
        "0.100000000000000000000000000000, 0.1",
        "0.000001000000000000000000000000, 0.000001",
        "0.000000123400000000000000000000, 1.234e-7",
        "0.000000000000000000000000000001, 1e-30",
        "12345678901234567890.123456789000000000000000000000, 12345678901234567000",
        "123456789012345678901.000000000000000000000000000000, 123456789012345680000",
        "1234567890123456789012.000000000000000000000000000000, 1.2345678901234568e+21",
        "99999999999999999999999999999999999.999999999999999999999999999999, 1e+35",
        "0.333333333333333333333333333333, 0.3333333333333333",
        "0.300000000000000044408920985006, 0.30000000000000004",
        "282879384806159000.000000000000000000000000000000, 282879384806159000",
        "9007199254740993.000000000000000000000000000000, 9007199254740992",
        "4.350000000000000000000000000000, 4.35",
        "1000000000000000000000.000000000000000000000000000000, 1e+21",
        "100000000000000000000.000000000000000000000000000000, 100000000000000000000",
    })
    void aStoredDecimalIsWrittenAsJavaScriptWritesTheNearestDouble(String stored, String javaScript) {
        assertEquals(javaScript, JsNumber.of(new BigDecimal(stored)).toString());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2.82879384806159E17, 282879384806159000", // Java 17's Double.toString: 2.82879384806159008E17
        "1.0E23, 1e+23",
        "2.0E-3, 0.002",
        "1.5E-7, 1.5e-7",
        "4.9E-324, 5e-324",
        "1.5E-323, 1.5e-323",
        "1.7976931348623157E308, 1.7976931348623157e+308",
        "1.2345678901234567E-7, 1.2345678901234566e-7",
        "-1.0E-6, -0.000001",
        "1.23E22, 1.23e+22",
        "0.1, 0.1",
        "123456.789, 123456.789",
    })
    void aDoubleHasTheShortestDigitsThatReadBack(double value, String javaScript) {
        assertEquals(javaScript, JsNumber.of(value).toString());
    }

    record Amounts(JsNumber amount, JsNumber refund, JsNumber tiny, JsNumber none) {}

    @Test
    void itIsAnUnquotedJsonNumberAndNullStaysNull() throws Exception {
        assertNull(JsNumber.of((BigDecimal) null));
        assertEquals(
                "{\"amount\":0,\"refund\":-12.5,\"tiny\":1e-7,\"none\":null}",
                new ObjectMapper()
                        .writeValueAsString(new Amounts(
                                JsNumber.of(new BigDecimal("0.000")),
                                JsNumber.of(new BigDecimal("-12.50")),
                                JsNumber.of(new BigDecimal("0.0000001")),
                                JsNumber.of((BigDecimal) null))));
    }
}
