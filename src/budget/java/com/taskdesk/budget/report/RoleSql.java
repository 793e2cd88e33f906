package com.taskdesk.budget.report;

import static com.taskdesk.budget.report.SqlText.comment;
import static com.taskdesk.budget.report.SqlText.doBlock;
import static com.taskdesk.budget.report.SqlText.identifier;
import static com.taskdesk.budget.report.SqlText.literal;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The psql script that makes the database enforce every share: each function of a stage gets its
 * own LOGIN role ({@code CONNECTION LIMIT} = the function's worst case, least-privilege grants,
 * per-role timeouts as backstops, a password of its own), and each other client of the database
 * its role's {@code CONNECTION LIMIT} = its share ({@link ClientRoleSql}). Idempotent, in one
 * transaction, every value quoted ({@link SqlText}), and without a password: psql substitutes each
 * function's {@code :'<function>_password'}.
 */
public final class RoleSql {

    /** Why each per-role setting ({@link Advice#roleSettings}) is there. */
    private static final Map<String, String> WHY = Map.of(
            "statement_timeout",
                    "its statementTimeoutSeconds: holds even when the instance died before it could cancel",
            "idle_in_transaction_session_timeout",
                    "its functionTimeoutSeconds: a handler never leaves a transaction open",
            "idle_session_timeout", "closes what an instance Lambda froze or discarded left open",
            "search_path", "the database's schema (PgBouncer drops one sent at login)");

    private RoleSql() {}

    /** The psql variable that carries a function's password: agent_progress_password. */
    public static String passwordVariable(String function) {
        return function.replace('-', '_') + "_password";
    }

    public static String script(BudgetConfig config, StageConfig stage) {
        List<String> unbounded = stage.functions().stream()
                .filter(f -> f.maxInstances() == null)
                .map(f -> stage.name() + "/" + f.name())
                .toList();
        if (!unbounded.isEmpty()) {
            throw new BudgetException(
                    ExitCode.CHECK_FAILED,
                    "roles: " + String.join(", ", unbounded)
                            + " has no maxInstances, so its CONNECTION LIMIT would be unbounded");
        }
        DatabaseBudget database = DatabaseBudget.of(config, stage);
        DatabaseLimits limits = stage.database();
        String first = passwordVariable(stage.functions().get(0).name());
        List<String> sql = new ArrayList<>();
        sql.add(comment("Database roles of stage " + literal(stage.name()) + " (" + literal(stage.fileName())
                + "): one LOGIN role per function, and the role of every other client of database "
                + literal(limits.name()) + " (" + literal(ConfigFiles.DIRECTORY + "/" + ConfigFiles.DATABASES) + ")."));
        sql.add(comment("Each role's CONNECTION LIMIT is its client's share: PostgreSQL refuses a client past it"
                + " (53300 \"too many connections for role\"), never another client."));
        sql.add(comment("A function's share is its "
                + (database.pooled()
                        ? "statements in flight (maxInstances x connectionLimit), behind "
                                + limits.pooler().kind().configName()
                        : "worst case (maxInstances x connectionLimit x deployOverlapFactor)")
                + "; database " + literal(limits.name()) + ": budget " + database.budgetDescription()
                + ", these functions " + database.total(stage) + ", all stages on it " + database.total() + "."));
        sql.add("--");
        sql.add(comment("Run as a role with CREATEROLE (e.g. the RDS master user), connected to the application's"
                + " database. It is idempotent and runs in one transaction: run it again after every change of"
                + " config/."));
        sql.add(comment("It creates the functions' roles only; every other client's role is its team's and must"
                + " exist: it gets ALTER ROLE."));
        sql.add(comment("Each function's role has a password of its own, kept in the secret "
                + literal(stage.databaseUrlSecretId("<function>"))
                + " (docs/deploy.md). None is written here: psql substitutes <function>_password, e.g."));
        sql.add(comment("  psql \"$ADMIN_DATABASE_URL\" -v " + first + "=\"$" + first.toUpperCase() + "\" ... -f roles-"
                + stage.name() + ".sql"));
        sql.add(comment("A role that exists keeps its password unless its variable is given (rotate one role by"
                + " giving one); a role the script creates needs its variable."));
        sql.add(comment("ALTER ROLE ... PASSWORD carries it to the server: if log_statement is 'ddl' or 'all' there,"
                + " turn it off for this session first (a superuser: SET log_statement = 'none')."));
        sql.add("\\set ON_ERROR_STOP on");
        sql.add("BEGIN;");
        for (FunctionBudget function : stage.functions()) {
            sql.add("");
            sql.addAll(role(stage, database, function));
        }
        sql.add("");
        sql.addAll(ClientRoleSql.lines(limits));
        sql.add("");
        sql.add("COMMIT;");
        return String.join("\n", sql) + "\n";
    }

    private static List<String> role(StageConfig stage, DatabaseBudget database, FunctionBudget function) {
        String name = stage.roleName(function.name());
        String role = identifier(name);
        String variable = passwordVariable(function.name());
        String exists = "SELECT FROM pg_catalog.pg_roles WHERE rolname = " + literal(name);
        Endpoint endpoint = function.endpoint();
        int limit = database.roleConnectionLimit(function);
        List<String> sql = new ArrayList<>();
        sql.add(comment("Function " + literal(function.name()) + " (" + endpoint.route() + "), role " + role));
        sql.add("\\if :{?" + variable + "}");
        sql.add(doBlock("IF NOT EXISTS (" + exists + ") THEN CREATE ROLE " + role + "; END IF;") + "  "
                + comment("ours: created on the first run"));
        sql.add("ALTER ROLE " + role + " PASSWORD :'" + variable + "';  "
                + comment("its own password (secret " + literal(stage.databaseUrlSecretId(function.name()))
                        + "): a leaked one opens this role's share only"));
        sql.add("\\else");
        sql.add(doBlock("IF NOT EXISTS (" + exists + ") THEN RAISE EXCEPTION USING MESSAGE = "
                        + literal("role " + name + " does not exist: give its password, -v " + variable + "=...")
                        + "; END IF;")
                + "  " + comment("no password given: the role must exist, and keeps the one it has"));
        sql.add("\\endif");
        sql.add("ALTER ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION"
                + " NOBYPASSRLS;  " + comment("it logs in, and may do only what the grants below allow"));
        sql.add("ALTER ROLE " + role + " CONNECTION LIMIT " + limit + ";  "
                + comment("its share: " + database.countedFormula(function) + " = " + limit + "; one more is refused,"
                        + " and never takes another client's"));
        for (Map.Entry<String, String> setting :
                Advice.roleSettings(stage.database(), function).entrySet()) {
            String value = setting.getKey().equals("search_path")
                    ? identifier(setting.getValue())
                    : literal(setting.getValue());
            sql.add("ALTER ROLE " + role + " SET " + setting.getKey() + " = " + value + ";  "
                    + comment(WHY.get(setting.getKey())));
        }
        sql.add(doBlock("EXECUTE format(" + literal("GRANT CONNECT ON DATABASE %I TO " + role)
                        + ", current_database());")
                + "  " + comment("this database only"));
        String schema = identifier(stage.database().schema());
        sql.add("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + role + ";  "
                + comment("nothing but the grants below"));
        sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + role + ";  " + comment("to reach its tables"));
        if (endpoint.tablePrivileges().isEmpty()) {
            sql.add(comment("(its only statement is SELECT 1: no table privileges)"));
        }
        for (Map.Entry<String, List<String>> grant : byPrivileges(endpoint).entrySet()) {
            sql.add("GRANT " + grant.getKey() + " ON TABLE "
                    + grant.getValue().stream()
                            .map(table -> schema + "." + table) // Table.quoted(): an identifier already
                            .collect(Collectors.joining(", "))
                    + " TO " + role + ";  " + comment("what its one statement needs (its @LambdaFunction)"));
        }
        return sql;
    }

    /** Tables grouped by the privileges they get: "SELECT" -> ["User", "Task"]. */
    private static Map<String, List<String>> byPrivileges(Endpoint endpoint) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        endpoint.tablePrivileges()
                .forEach((table, privileges) -> grouped.computeIfAbsent(privileges, p -> new ArrayList<>())
                        .add(table));
        return grouped;
    }
}
