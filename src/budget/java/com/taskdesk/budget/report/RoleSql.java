package com.taskdesk.budget.report;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
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
 * The psql script that gives each function of a stage its own LOGIN role, so the database itself
 * enforces the budget: {@code CONNECTION LIMIT} = the function's worst case, least-privilege grants,
 * and per-role timeouts as backstops. Idempotent (safe to run after every budget change), in one
 * transaction, and without the password: psql substitutes {@code :'function_password'}.
 */
public final class RoleSql {

    public static final String PASSWORD_VARIABLE = "function_password";

    private RoleSql() {}

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
        String schema = identifier(limits.schema());
        StringBuilder sql = new StringBuilder();
        int total = database.total(stage);
        sql.append("-- Database roles for stage ")
                .append(stage.name())
                .append(", one LOGIN role per function, from ")
                .append(stage.fileName())
                .append(".\n");
        sql.append("-- CONNECTION LIMIT = the function's ")
                .append(
                        database.pooled()
                                ? "statements in flight (maxInstances x connectionLimit), behind "
                                        + limits.pooler().kind().configName()
                                : "worst case (maxInstances x connectionLimit x deployOverlapFactor)")
                .append(".\n");
        sql.append("-- Database ")
                .append(limits.name())
                .append(": budget ")
                .append(database.budgetDescription())
                .append("; these roles may hold ")
                .append(total)
                .append(", all stages on it ")
                .append(database.total())
                .append(".\n");
        sql.append("--\n");
        sql.append(
                "-- Run as a role with CREATEROLE (e.g. the RDS master user), connected to the application's database.\n");
        sql.append("-- It is idempotent and runs in one transaction: run it again after every change of the budget.\n");
        sql.append(
                "-- The password is the one in the stage's database-url secret (each function connects as its DB_USER\n");
        sql.append("-- with that URL's password);\n");
        sql.append("-- it is never written here: psql substitutes the variable ")
                .append(PASSWORD_VARIABLE)
                .append(", e.g.\n");
        sql.append("--   psql \"$ADMIN_DATABASE_URL\" -v ")
                .append(PASSWORD_VARIABLE)
                .append("=\"$FUNCTION_DB_PASSWORD\" -f roles-")
                .append(stage.name())
                .append(".sql\n");
        sql.append("-- ALTER ROLE ... PASSWORD carries it to the server: if log_statement is 'ddl' or 'all' there,\n");
        sql.append("-- turn it off for this session first (a superuser: SET log_statement = 'none').\n");
        sql.append("\\set ON_ERROR_STOP on\n");
        sql.append("\\if :{?").append(PASSWORD_VARIABLE).append("}\n");
        sql.append("\\else\n");
        sql.append("DO $$ BEGIN RAISE EXCEPTION 'no password given: run psql with -v ")
                .append(PASSWORD_VARIABLE)
                .append("=... (the password of the database-url secret)'; END $$;\n");
        sql.append("\\endif\n");
        sql.append("BEGIN;\n");
        for (FunctionBudget function : stage.functions()) {
            sql.append('\n').append(role(stage, database, function, schema));
        }
        sql.append("\nCOMMIT;\n");
        return sql.toString();
    }

    private static String role(StageConfig stage, DatabaseBudget database, FunctionBudget function, String schema) {
        String role = stage.roleName(function.name());
        Endpoint endpoint = function.endpoint();
        int limit = database.roleConnectionLimit(function);
        StringBuilder sql = new StringBuilder();
        sql.append("-- ")
                .append(function.name())
                .append(": ")
                .append(function.endpoint().route())
                .append("; ")
                .append(database.countedFormula(function))
                .append(" = ")
                .append(limit)
                .append(" connection(s)\n");
        sql.append("DO $$\nBEGIN\n");
        sql.append("    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '")
                .append(role)
                .append("') THEN\n");
        sql.append("        CREATE ROLE ").append(role).append(";\n");
        sql.append("    END IF;\n");
        sql.append("    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ")
                .append(role)
                .append("', current_database());\n");
        sql.append("END\n$$;\n");
        sql.append("ALTER ROLE ")
                .append(role)
                .append(" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT")
                .append(" NOREPLICATION NOBYPASSRLS CONNECTION LIMIT ")
                .append(limit)
                .append(" PASSWORD :'")
                .append(PASSWORD_VARIABLE)
                .append("';\n");
        for (Map.Entry<String, String> setting :
                Advice.roleSettings(stage.database(), function).entrySet()) {
            String value = setting.getKey().equals("search_path")
                    ? identifier(setting.getValue())
                    : "'" + setting.getValue() + "'";
            sql.append("ALTER ROLE ")
                    .append(role)
                    .append(" SET ")
                    .append(setting.getKey())
                    .append(" = ")
                    .append(value)
                    .append(";\n");
        }
        sql.append("REVOKE ALL ON ALL TABLES IN SCHEMA ")
                .append(schema)
                .append(" FROM ")
                .append(role)
                .append(";\n");
        sql.append("GRANT USAGE ON SCHEMA ")
                .append(schema)
                .append(" TO ")
                .append(role)
                .append(";\n");
        if (endpoint.tablePrivileges().isEmpty()) {
            sql.append("-- (its only statement is SELECT 1: no table privileges)\n");
        } else {
            for (Map.Entry<String, List<String>> grant : byPrivileges(endpoint).entrySet()) {
                sql.append("GRANT ")
                        .append(grant.getKey())
                        .append(" ON TABLE ")
                        .append(grant.getValue().stream()
                                .map(table -> schema + "." + table)
                                .collect(Collectors.joining(", ")))
                        .append(" TO ")
                        .append(role)
                        .append(";\n");
            }
        }
        return sql.toString();
    }

    /** Tables grouped by the privileges they get: "SELECT" -> ["User", "Task"]. */
    private static Map<String, List<String>> byPrivileges(Endpoint endpoint) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        endpoint.tablePrivileges()
                .forEach((table, privileges) -> grouped.computeIfAbsent(privileges, p -> new ArrayList<>())
                        .add(table));
        return grouped;
    }

    /** A schema name as SQL writes it: bare when plain lower-case, else double-quoted. */
    static String identifier(String name) {
        return name.matches("[a-z_][a-z0-9_]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
