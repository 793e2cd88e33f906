package com.taskdesk.js;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Expected values are what Node.js 20 gives for the same strings. */
class JsTextTest {

    @Test
    void trimRemovesJavaScriptsWhiteSpaceAndLineTerminatorsAndNothingElse() {
        assertEquals(
                "agent@x.example",
                JsText.trim("\u00A0\uFEFF\t\u000B\f \u2007\u202F\u3000\n\r\u2028\u2029agent@x.example\u00A0 \n"));
        // U+001C..U+001F (Java's strip removes them), U+0085, U+180E and U+200B are not JavaScript white space
        assertEquals("\u001Ca\u200B", JsText.trim(" \u001Ca\u200B "));
        assertEquals("\u0085a\u180E", JsText.trim("\u0085a\u180E"));
        assertEquals("", JsText.trim(" \u00A0 "));
        assertNull(JsText.trim(null));
    }

    @Test
    void lowerCaseIgnoresTheDefaultLocale() {
        assertEquals("agent.ivy@x.example", JsText.lowerCase("Agent.IVY@X.Example"));
        assertEquals(
                "i\u0307stanbul",
                JsText.lowerCase("\u0130STANBUL"),
                "'İ' becomes i + combining dot, never a dotless ı");
        assertEquals("ὀδυσσεύς", JsText.lowerCase("ὈΔΥΣΣΕΎΣ"), "a final sigma becomes ς");
        assertNull(JsText.lowerCase(null));
    }
}
