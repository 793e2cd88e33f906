package com.taskdesk.budget.report;

/**
 * How the roles script writes a value from config/ or the code: as a quoted identifier or a
 * quoted literal, in comments too, so no name can end a comment, a literal or a statement. A
 * literal with a control character or a backslash is an escape string ({@code E'...'}) that
 * writes them as escapes: the script never carries a raw line break from a value.
 */
final class SqlText {

    private SqlText() {}

    /** "taskdesk_prod_agents", "User", "public" */
    static String identifier(String name) {
        refuseNul(name);
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** 'agents', or E'a\nb' when the text holds a control character or a backslash. */
    static String literal(String text) {
        refuseNul(text);
        if (text.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return "'" + text.replace("'", "''") + "'";
        }
        StringBuilder escaped = new StringBuilder("E'");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\'' -> escaped.append("\\'");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        escaped.append(String.format("\\x%02x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.append('\'').toString();
    }

    /** "-- why", one line: its values must already be literals or identifiers. */
    static String comment(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment of the roles script is one line: " + literal(text));
        }
        return "-- " + text;
    }

    /** A DO block; its body may not hold the dollar quote that ends it. */
    static String doBlock(String body) {
        if (body.contains("$$")) {
            throw new IllegalArgumentException("a DO block's body may not hold $$: " + literal(body));
        }
        return "DO $$ BEGIN " + body + " END $$;";
    }

    private static void refuseNul(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PostgreSQL text cannot hold NUL");
        }
    }
}
