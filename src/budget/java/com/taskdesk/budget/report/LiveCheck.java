package com.taskdesk.budget.report;

import static com.taskdesk.budget.config.Finding.Kind.LIVE_MAX_CONNECTIONS;
import static com.taskdesk.budget.config.Finding.Kind.LIVE_OVER_SHARE;
import static com.taskdesk.budget.config.Finding.Kind.LIVE_RESERVED;
import static com.taskdesk.budget.config.Finding.Kind.LIVE_ROLE;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.check.LiveDatabase;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code check --live}: config/ against what the server says now (a {@link LiveDatabase}). Fails,
 * naming the function and the numbers, when the server's max_connections is below config/'s,
 * when it keeps more connections from the functions' roles than config/ reserves for that, when a
 * function's role is missing or not what {@code roles} emits, or when a function holds more
 * connections now than its share; and for the database's other clients as {@link LiveClientsCheck} says.
 */
public final class LiveCheck {

    private LiveCheck() {}

    public static List<Finding> run(
            PrintStream out, BudgetConfig config, StageConfig stage, LiveDatabase live, String where) {
        DatabaseBudget database = DatabaseBudget.of(config, stage);
        DatabaseLimits limits = stage.database();
        List<String> stages = List.of(stage.name());
        String subject = "database " + limits.name();
        List<Finding> findings = new ArrayList<>();

        out.println("Live database for stage " + stage.name() + " (" + stage.fileName() + ", database " + limits.name()
                + "): " + where + ", PostgreSQL " + live.serverVersion() + ", read in one read-only transaction");
        out.println();
        String setting = "  %-34s %8s %8s  %s%n";
        out.printf(setting, "setting", "config/", "server", "");
        out.printf(setting, "max_connections", limits.maxConnections(), live.maxConnections(), "");
        out.printf(
                setting,
                "kept from non-superuser roles",
                limits.superuserReserved(),
                live.keptFromNonSuperusers(),
                "(reservedFor." + DatabaseLimits.SUPERUSER_RESERVED + "; server: superuser_reserved_connections "
                        + live.superuserReservedConnections()
                        + (live.reservedConnections() == null
                                ? ""
                                : " + reserved_connections " + live.reservedConnections())
                        + ")");
        if (live.maxConnections() < limits.maxConnections()) {
            findings.add(Finding.of(
                    LIVE_MAX_CONNECTIONS,
                    subject,
                    stages,
                    "max_connections is " + live.maxConnections()
                            + " on the server, below the " + limits.maxConnections() + " " + ConfigFiles.DIRECTORY + "/"
                            + ConfigFiles.DATABASES + " assumes: the budget " + limits.budgetFormula()
                            + " does not exist there"));
        }
        if (live.keptFromNonSuperusers() > limits.superuserReserved()) {
            findings.add(Finding.of(
                    LIVE_RESERVED,
                    subject,
                    stages,
                    "the server keeps " + live.keptFromNonSuperusers()
                            + " connections from non-superuser roles (superuser_reserved_connections "
                            + live.superuserReservedConnections()
                            + (live.reservedConnections() == null
                                    ? ""
                                    : " + reserved_connections " + live.reservedConnections())
                            + "), above the "
                            + limits.superuserReserved() + " of reservedFor." + DatabaseLimits.SUPERUSER_RESERVED
                            + " in "
                            + ConfigFiles.DIRECTORY + "/" + ConfigFiles.DATABASES));
        }
        out.println();

        String row = "  " + BudgetTable.functionColumn(stage) + " "
                + BudgetTable.leftColumn(stage, "role", function -> stage.roleName(function.name()))
                + " %14s %14s %12s  %s%n";
        out.printf(row, "function", "role", "share (roles)", "limit (server)", "backends now", "application_name");
        int total = 0;
        int shares = 0;
        for (FunctionBudget function : stage.functions()) {
            String role = stage.roleName(function.name());
            int share = database.roleConnectionLimit(function);
            LiveDatabase.Role actual = live.roles().get(role);
            int backends = live.backendsOf(role);
            total += backends;
            shares += share;
            out.printf(
                    row,
                    function.name(),
                    role,
                    share,
                    actual == null ? "missing" : LiveClientsCheck.limitText(actual),
                    backends,
                    applicationNames(live, role));
            if (actual == null) {
                findings.add(Finding.of(
                        LIVE_ROLE,
                        stage,
                        function,
                        "role " + role + " does not exist (run: roles --stage " + stage.name() + ")"));
            } else if (!actual.canLogin() || actual.superuser() || actual.connectionLimit() != share) {
                findings.add(Finding.of(
                        LIVE_ROLE,
                        stage,
                        function,
                        "role " + role + (actual.canLogin() ? "" : " cannot log in and")
                                + (actual.superuser() ? " is a superuser (whom no CONNECTION LIMIT binds) and" : "")
                                + " has " + LiveClientsCheck.limitDescription(actual)
                                + ", roles --stage " + stage.name() + " emits LOGIN CONNECTION LIMIT "
                                + share + " (" + database.countedFormula(function) + ")"));
            }
            if (backends > share) {
                findings.add(Finding.of(
                        LIVE_OVER_SHARE,
                        stage,
                        function,
                        "holds " + backends + " connection(s) now (role " + role + "), above its share " + share + " ("
                                + database.countedFormula(function) + ")"));
            }
        }
        out.printf(row, "total", "", shares, "", total, "");
        out.println();
        findings.addAll(LiveClientsCheck.run(out, database, live));
        return findings;
    }

    /** "agents 2, local 1" */
    static String applicationNames(LiveDatabase live, String role) {
        return live.backends().getOrDefault(role, Map.of()).entrySet().stream()
                .map(entry -> (entry.getKey().isEmpty() ? "(none)" : entry.getKey()) + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }
}
