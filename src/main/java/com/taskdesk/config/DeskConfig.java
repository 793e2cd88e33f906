package com.taskdesk.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.ZoneId;
import java.util.List;

/**
 * The functions' own settings, under {@code taskdesk.*} in application.properties
 * (environment: {@code TASKDESK_*}). The pool's cap and timeouts are Quarkus datasource
 * settings, derived from DATABASE_URL and the per-function DB_* variables ({@link ConnectionSettings})
 * by com.taskdesk.db.DatasourceConfigSource, which also gives the values of config/'s function settings
 * read here ({@link FunctionSetting}: their variable, else their default).
 */
@ConfigMapping(prefix = "taskdesk")
public interface DeskConfig {

    /** This function's name in config/ (agents, agent-progress, ...): logs, health, application_name. */
    @WithDefault(ConnectionSettings.DEFAULT_FUNCTION_NAME)
    String functionName();

    /** The deployment stage (TASKDESK_STAGE: dev, staging, prod): a dimension of the functions' metrics. */
    @WithDefault("local")
    String stage();

    Today today();

    Metrics metrics();

    Results results();

    Db db();

    Cors cors();

    Secrets secrets();

    interface Today {
        /** IANA zone whose midnight starts "today" (completedToday). */
        @WithDefault("UTC")
        ZoneId timeZone();
    }

    interface Metrics {
        /** How long one instance may serve the Text Club metrics from memory; 0 disables the cache. */
        @WithDefault("10")
        int cacheSeconds();
    }

    interface Db {
        /** Longest a single statement may run before it is cancelled ({@link FunctionSetting#STATEMENT_TIMEOUT}). */
        int statementTimeoutSeconds();

        /** Retry-After of a 503: when the caller should try again. */
        @WithDefault("2")
        int retryAfterSeconds();
    }

    interface Results {
        /**
         * Most rows one list of an answer carries (agent tasks, assistance: contract revision 3,
         * decision 1); a longer list is cut to its first rows, marked X-Result-Truncated
         * ({@link FunctionSetting#MAX_ROWS}: config/'s maxRows, its default and range).
         */
        int maxRows();
    }

    interface Secrets {
        /**
         * How long a value read from Secrets Manager (DATABASE_URL_SECRET_ID, JWT_SECRET_ID) is
         * used before it is read again: the longest a rotated secret may wait to be seen.
         */
        @WithDefault("300")
        int cacheSeconds();
    }

    interface Cors {
        /** Front-end origins allowed to call with credentials; POSTs must come from one of them. */
        @WithDefault("http://localhost:3000")
        List<String> origins();
    }
}
