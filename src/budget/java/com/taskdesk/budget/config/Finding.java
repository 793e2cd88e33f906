package com.taskdesk.budget.config;

import java.util.Collection;
import java.util.Set;

/**
 * One thing the check found: what kind, what it concerns ("prod/agents", "database
 * taskdesk-dev", "template-prod.yaml"), the stages it concerns (a database shared by two stages
 * concerns both; none concerns every stage) and one line that names the numbers. An error fails
 * the check; a warning is printed and the check still passes.
 */
public record Finding(Kind kind, String subject, Set<String> stages, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public enum Kind {
        NO_INSTANCE_CAP,
        ZERO_INSTANCES,
        CAP_ABOVE_USE,
        TIMEOUTS_DO_NOT_NEST,
        ABOVE_HTTP_API_LIMIT,
        /** The pool stops waiting for a new connection at its timeout: a connect timeout beyond it never applies. */
        POOL_TIMEOUT_BELOW_CONNECT_TIMEOUT,
        NOTHING_LEFT,
        POOLER_POOL_TOO_LARGE,
        OVER_BUDGET,
        UNBOUNDED,
        POOLER_CLIENTS_OVER,
        DEPLOY_FILE_STALE,
        /** The front door moves some of the writes, not all: they change the same rows under one rule. */
        FRONT_DOOR_SPLITS_WRITES,
        /** A moved function may run as long as the front door's proxy waits, or longer. */
        FRONT_DOOR_PROXY_LIMIT,
        /** The app's origin is not allowed: a POST through the front door carries it as its Origin. */
        FRONT_DOOR_ORIGIN,
        ACCOUNT_QUOTA,
        /** The account's other reservations leave the stage less than its reserved concurrency. */
        ACCOUNT_UNRESERVED,
        /** A deployed function would move onto Lambda Managed Instances (or off them) under the same name. */
        MODEL_CHANGE_IN_PLACE,
        /** Behind PgBouncer in transaction mode the driver must not name server-side prepared statements. */
        POOLER_PREPARED_STATEMENTS,
        /** PgBouncer drops the URL's schema (search_path at login): the roles' search_path must be the same schema. */
        POOLER_DROPS_SCHEMA,
        /** On Managed Instances an environment has at least one vCPU with 2 GiB: memoryMb below it. */
        MANAGED_INSTANCES_MEMORY,
        /** On Managed Instances, more requests per environment than connections: they queue on the pool. */
        POOL_QUEUE(Severity.WARNING),
        /** Behind RDS Proxy, something the functions would send pins each session to one server connection. */
        PROXY_PINS(Severity.WARNING),
        /** A client of the database can open more than its share of reservedFor by its own settings. */
        CLIENT_OVER_SHARE,
        /** Two shares, or a share and a function, name one role: PostgreSQL keeps one CONNECTION LIMIT per role. */
        CLIENT_ROLE_SHARED,
        /** check --live: the server's max_connections is below what config/ assumes. */
        LIVE_MAX_CONNECTIONS,
        /** check --live: the server keeps more connections from non-superusers than config/ reserves for that. */
        LIVE_RESERVED,
        /** check --live: a function's role is missing, cannot log in, or its CONNECTION LIMIT is not what roles emits. */
        LIVE_ROLE,
        /** check --live: a function, or another client, holds more connections now than its share. */
        LIVE_OVER_SHARE,
        /** check --live: another client's role is missing, a superuser, or its CONNECTION LIMIT is not its share. */
        LIVE_CLIENT_ROLE,
        /** check --live: superusers hold more connections than the slots kept for them. */
        LIVE_SUPERUSERS,
        /** check --live: a role with no share holds connections (the app still on the owner role, say). */
        LIVE_UNKNOWN_ROLE;

        private final Severity severity;

        Kind() {
            this(Severity.ERROR);
        }

        Kind(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public static Finding of(Kind kind, StageConfig stage, FunctionBudget function, String message) {
        String subject = stage.name() + "/" + function.name();
        return new Finding(kind, subject, Set.of(stage.name()), subject + ": " + message);
    }

    public static Finding of(Kind kind, String subject, Collection<String> stages, String message) {
        return new Finding(kind, subject, Set.copyOf(stages), subject + ": " + message);
    }

    public boolean concernsAny(Collection<String> selected) {
        return stages.isEmpty() || stages.stream().anyMatch(selected::contains);
    }

    public boolean isError() {
        return kind.severity() == Severity.ERROR;
    }
}
