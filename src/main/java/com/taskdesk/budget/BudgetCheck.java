package com.taskdesk.budget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything {@code check} proves, for every stage in config/: each function's cap and timeouts,
 * each database's budget summed over the stages that share it, and that template.yaml and
 * serverless.yml deploy what config/ says. Each violation is one {@link Finding} that names the
 * function and the numbers.
 */
public final class BudgetCheck {

    /** API Gateway HTTP API cuts a Lambda integration at 30 s. */
    public static final int HTTP_API_TIMEOUT_SECONDS = 30;

    private BudgetCheck() {
    }

    /** Budget, caps and timeouts, then the deploy files in {@code projectDir}. */
    public static List<Finding> run(BudgetConfig config, Path projectDir) {
        List<Finding> findings = new ArrayList<>(checkConfig(config));
        findings.addAll(SamTemplateCheck.check(config, projectDir.resolve("template.yaml")));
        findings.addAll(ServerlessCheck.check(config, projectDir.resolve("serverless.yml")));
        return findings;
    }

    /** What config/ alone must satisfy. */
    public static List<Finding> checkConfig(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            findings.addAll(functionsOf(stage));
            for (FunctionBudget function : stage.functions()) {
                findings.addAll(caps(stage, function));
                findings.addAll(timeouts(stage, function));
            }
        }
        for (DatabaseBudget database : DatabaseBudget.of(config)) {
            findings.addAll(database(database));
        }
        return findings;
    }

    /** Every stage deploys the seven functions, each at the route its code serves. */
    static List<Finding> functionsOf(StageConfig stage) {
        List<Finding> findings = new ArrayList<>();
        Set<String> declared = new LinkedHashSet<>();
        for (FunctionBudget function : stage.functions()) {
            declared.add(function.name());
            Endpoint endpoint = Endpoint.forFunction(function.name()).orElse(null);
            if (endpoint == null) {
                findings.add(Finding.of(stage.stage(), stage.fileName() + ": function '" + function.name()
                        + "' is not one of the seven (" + String.join(", ", Endpoint.functionNames()) + ")"));
            } else if (!endpoint.route().equals(function.route())) {
                findings.add(Finding.of(stage.stage(), stage.stage() + "/" + function.name() + ": route '"
                        + function.route() + "' is not what its code serves: " + endpoint.route()
                        + " (" + endpoint.resource().getSimpleName() + ")"));
            }
        }
        for (String name : Endpoint.functionNames()) {
            if (!declared.contains(name)) {
                findings.add(Finding.of(stage.stage(), stage.fileName() + ": function " + name
                        + " is missing (every stage deploys all seven, each with its own budget)"));
            }
        }
        return findings;
    }

    /** The instance cap exists, and the pool cap is exactly what the handler can use at once. */
    static List<Finding> caps(StageConfig stage, FunctionBudget function) {
        List<Finding> findings = new ArrayList<>();
        String who = stage.stage() + "/" + function.name();
        if (function.maxInstances() == null) {
            findings.add(Finding.of(stage.stage(), who + ": no maxInstances, so nothing caps its instances (Lambda"
                    + " starts one per concurrent request, up to the account's concurrency limit) and its "
                    + function.connectionLimit() + " connection(s) per instance are unbounded in total;"
                    + " set maxInstances (deployed as reserved concurrency)"));
        } else if (function.maxInstances() == 0) {
            findings.add(Finding.of(stage.stage(), who + ": maxInstances 0 is reserved concurrency 0, which throttles"
                    + " every request; give it at least 1"));
        }
        int requests = function.requestsPerInstance();
        int needed = requests * Endpoint.CONNECTIONS_PER_REQUEST;
        String perInstance = function.onManagedInstances()
                ? requests + " concurrent requests per execution environment (Lambda Managed Instances)"
                : "1 request at a time per instance";
        if (function.connectionLimit() < needed) {
            findings.add(Finding.of(stage.stage(), who + ": connectionLimit " + function.connectionLimit()
                    + " is below what its handler needs: " + perInstance + " x " + Endpoint.CONNECTIONS_PER_REQUEST
                    + " connection per request = " + needed
                    + (function.connectionLimit() == 0 ? " (with 0 no request can run)"
                    : "; the other requests wait up to poolTimeoutSeconds " + function.poolTimeoutSeconds()
                    + " and then fail with 503")));
        } else if (function.connectionLimit() > needed) {
            int unused = function.connectionLimit() - needed;
            findings.add(Finding.of(stage.stage(), who + ": connectionLimit " + function.connectionLimit()
                    + " is above what it can use: " + perInstance + " x " + Endpoint.CONNECTIONS_PER_REQUEST
                    + " connection per request = " + needed + ", so " + unused + " of its "
                    + function.connectionLimit() + " connections per instance are never used but count against"
                    + " the database's budget; set connectionLimit: " + needed));
        }
        return findings;
    }

    /** pool + connect + statement + margin &lt; function timeout &lt;= 30 s. */
    static List<Finding> timeouts(StageConfig stage, FunctionBudget function) {
        List<Finding> findings = new ArrayList<>();
        String who = stage.stage() + "/" + function.name();
        if (function.timeoutChainSeconds() >= function.functionTimeoutSeconds()) {
            findings.add(Finding.of(stage.stage(), who + ": timeouts do not nest: poolTimeoutSeconds "
                    + function.poolTimeoutSeconds() + " + connectTimeoutSeconds " + function.connectTimeoutSeconds()
                    + " + statementTimeoutSeconds " + function.statementTimeoutSeconds() + " + timeoutMarginSeconds "
                    + function.timeoutMarginSeconds() + " = " + function.timeoutChainSeconds()
                    + " s is not below functionTimeoutSeconds " + function.functionTimeoutSeconds()
                    + " (a request that waits for the pool would be cut off instead of answering 503)"));
        }
        if (function.functionTimeoutSeconds() > HTTP_API_TIMEOUT_SECONDS) {
            findings.add(Finding.of(stage.stage(), who + ": functionTimeoutSeconds " + function.functionTimeoutSeconds()
                    + " is above " + HTTP_API_TIMEOUT_SECONDS + " s, the HTTP API integration limit: the caller gets"
                    + " the gateway's timeout while the function still runs and holds its connection"));
        }
        return findings;
    }

    /** The stages on one database agree on it, and their functions fit its budget. */
    static List<Finding> database(DatabaseBudget database) {
        List<Finding> findings = new ArrayList<>();
        List<String> stages = database.stageNames();
        StageConfig first = database.stages().get(0);
        for (StageConfig other : database.stages().subList(1, database.stages().size())) {
            if (!Objects.equals(first.database(), other.database())) {
                findings.add(Finding.of(stages, "database " + database.name() + ": " + first.fileName() + " and "
                        + other.fileName() + " describe it differently (" + differences(first.database(), other.database())
                        + "); stages that share a database must agree on its limits"));
            }
        }
        DatabaseLimits limits = database.limits();
        String where = "database " + database.name() + (stages.size() > 1 ? " (shared by stages "
                + String.join(", ", stages) + ")" : "");
        if (limits.budget() <= 0) {
            findings.add(Finding.of(stages, where + ": reservedConnections " + limits.reservedConnections()
                    + " leaves nothing of max_connections " + limits.maxConnections() + " for the functions"));
            return findings;
        }
        if (database.pooled() && limits.pooler().serverConnections() > limits.budget()) {
            findings.add(Finding.of(stages, where + ": the " + limits.pooler().kind().configName()
                    + " server pool (serverConnections " + limits.pooler().serverConnections()
                    + ") is above what the database leaves for it: " + limits.budgetFormula()));
        }
        if (database.unbounded()) {
            findings.add(Finding.of(stages, where + ": the functions' worst case is unbounded ("
                    + functionsWithoutCap(database) + " without maxInstances), budget " + database.budgetDescription()));
        } else if (database.total() > database.budget()) {
            findings.add(Finding.of(stages, where + ": over-committed: the functions' worst case is " + database.total()
                    + " connections, above the budget of " + database.budgetDescription() + " by "
                    + (database.total() - database.budget()) + " (" + terms(database) + ")"
                    + (database.pooled() ? "; behind the pooler the excess waits in its queue" : "")));
        }
        if (limits.pooler().maxClientConnections() != null
                && database.clientConnections() > limits.pooler().maxClientConnections()) {
            findings.add(Finding.of(stages, where + ": the functions may hold " + database.clientConnections()
                    + " client connections at pgbouncer (maxInstances x connectionLimit x deployOverlapFactor "
                    + limits.deployOverlapFactor() + "), above its maxClientConnections "
                    + limits.pooler().maxClientConnections()));
        }
        return findings;
    }

    private static String terms(DatabaseBudget database) {
        return database.stages().stream().flatMap(stage -> stage.functions().stream()
                        .map(f -> stage.stage() + "/" + f.name() + " " + database.countedFormula(f) + " = " + database.counted(f)))
                .collect(Collectors.joining(", "));
    }

    private static String functionsWithoutCap(DatabaseBudget database) {
        return database.stages().stream().flatMap(stage -> stage.functions().stream()
                        .filter(f -> f.maxInstances() == null).map(f -> stage.stage() + "/" + f.name()))
                .collect(Collectors.joining(", "));
    }

    private static String differences(DatabaseLimits a, DatabaseLimits b) {
        List<String> differences = new ArrayList<>();
        compare(differences, "postgresVersion", a.postgresVersion(), b.postgresVersion());
        compare(differences, "maxConnections", a.maxConnections(), b.maxConnections());
        compare(differences, "reservedConnections", a.reservedConnections(), b.reservedConnections());
        compare(differences, "reservedFor", a.reservedFor(), b.reservedFor());
        compare(differences, "schema", a.schema(), b.schema());
        compare(differences, "pooler", a.pooler(), b.pooler());
        compare(differences, "deployOverlapFactor", a.deployOverlapFactor(), b.deployOverlapFactor());
        return String.join(", ", differences);
    }

    private static void compare(List<String> differences, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            differences.add(field + " " + a + " vs " + b);
        }
    }
}
