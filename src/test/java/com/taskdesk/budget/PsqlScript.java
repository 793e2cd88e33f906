package com.taskdesk.budget;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a psql script over JDBC, doing what psql does with the few meta-commands the roles
 * script uses: {@code \set} (ignored: JDBC stops at the first error anyway),
 * {@code \if :{?name}} / {@code \else} / {@code \endif}, and {@code :'name'}, which psql
 * replaces with the variable's value as a quoted SQL literal. Any other meta-command fails,
 * so the script cannot grow psql features this emulation would silently skip.
 */
public final class PsqlScript {

    private static final Pattern IF_DEFINED = Pattern.compile("\\\\if :\\{\\?(\\w+)}");
    private static final Pattern QUOTED_VARIABLE = Pattern.compile(":'(\\w+)'");

    private PsqlScript() {}

    public static void run(Connection connection, String script, Map<String, String> variables) throws SQLException {
        StringBuilder sql = new StringBuilder();
        Deque<Boolean> active = new ArrayDeque<>();
        for (String line : script.split("\n")) {
            boolean running = !active.contains(false);
            if (line.startsWith("\\")) {
                Matcher condition = IF_DEFINED.matcher(line);
                if (condition.matches()) {
                    active.push(variables.containsKey(condition.group(1)));
                } else if (line.equals("\\else")) {
                    active.push(!active.pop());
                } else if (line.equals("\\endif")) {
                    active.pop();
                } else if (!line.startsWith("\\set ")) {
                    throw new IllegalArgumentException("psql meta-command this emulation does not know: " + line);
                }
                continue;
            }
            if (running) {
                sql.append(substitute(line, variables)).append('\n');
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    private static String substitute(String line, Map<String, String> variables) {
        Matcher matcher = QUOTED_VARIABLE.matcher(line);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            String replacement = value == null ? matcher.group() : "'" + value.replace("'", "''") + "'";
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
