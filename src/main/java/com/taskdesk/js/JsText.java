package com.taskdesk.js;

import java.util.Locale;

/** Text as the app's JavaScript changes it: {@code String#trim} and {@code String#toLowerCase}. */
public final class JsText {

    private JsText() {}

    /**
     * ECMAScript's {@code trim}: removes WhiteSpace and LineTerminator (ECMA-262, 12.2 and 12.3) from
     * both ends: tab, vertical tab, form feed, space, U+00A0, U+FEFF, every other space separator
     * (Unicode category Zs), and LF, CR, U+2028, U+2029. Java's {@code strip()} misses U+00A0, U+2007,
     * U+202F and U+FEFF, and removes U+001C to U+001F, which JavaScript keeps. Null stays null.
     */
    public static String trim(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** ECMAScript's locale-independent {@code toLowerCase} (Unicode's default case mapping). Null stays null. */
    public static String lowerCase(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\u000B', '\f', ' ', '\u00A0', '\uFEFF', '\n', '\r', '\u2028', '\u2029' -> true;
            default -> Character.getType(c) == Character.SPACE_SEPARATOR;
        };
    }
}
