package com.taskdesk.budget.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.regex.Pattern;

/**
 * The names config/ gives that end up in stack, role, secret and file names and in the roles
 * script: what each may be, checked where config/ is read, and how an error line quotes a name it
 * refuses (so a name carrying a newline cannot make one error two lines).
 */
public final class Names {

    /** Database, stage and function keys. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9-]+");
    /** What a key may be, as an error says it. */
    static final String KEY_RULE = "lower-case letters, digits and hyphens ([a-z0-9-]+)";
    /** A client's share in reservedFor: camelCase, as the shipped keys are (restOfApp). */
    static final Pattern SHARE = Pattern.compile("[a-z][a-zA-Z0-9]{0,39}");
    /** A database role config/ names: an unquoted PostgreSQL identifier, not one of PostgreSQL's own (pg_). */
    static final Pattern ROLE = Pattern.compile("(?!pg_)[a-z_][a-z0-9_]{0,62}");
    /** An application_name (at most 63 bytes, what PostgreSQL keeps). */
    static final Pattern APPLICATION_NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    private Names() {}

    static boolean isKey(String name) {
        return name != null && KEY.matcher(name).matches();
    }

    /** A name as an error line quotes it: double-quoted, its quotes, backslashes and control characters escaped. */
    public static String quoted(String name) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(String.valueOf(name))) + "\"";
    }
}
