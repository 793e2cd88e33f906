package com.taskdesk.budget.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.FrozenInstanceSettings;
import com.taskdesk.budget.config.Pooler;
import com.taskdesk.budget.config.ReservedClient;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * front-door/&lt;stage&gt;/&lt;client&gt;-*: what the owning app's team sets so the app keeps inside
 * its share of the stage's database (config/databases.yaml, reservedFor), beside the front door's
 * rules, with no secret in it: the DATABASE_URL parameters Prisma 6 reads, the pool options Prisma
 * 7's driver adapter (node-postgres) takes instead, and the pgbouncer.ini fragment when the app
 * goes through PgBouncer. Its role's CONNECTION LIMIT (roles) enforces the share either way.
 */
final class AppDatabaseFiles {

    private AppDatabaseFiles() {}

    static Map<String, String> render(BudgetConfig config) {
        Map<String, String> files = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            for (ReservedClient client : stage.database().clients()) {
                if (client.kind().app()) {
                    String prefix = FrontDoorFiles.DIRECTORY + "/" + stage.name() + "/" + client.key();
                    files.put(prefix + "-database-url.txt", urlParameters(stage, client));
                    files.put(prefix + "-pg-pool.js", poolOptions(stage, client));
                    if (client.pooled()) {
                        files.put(prefix + "-pgbouncer.ini", pgbouncerIni(stage, client));
                    }
                }
            }
        }
        return files;
    }

    /** Prisma 6's DATABASE_URL query: connection_limit=1&pool_timeout=3&connect_timeout=3&application_name=restOfApp */
    static String query(ReservedClient client) {
        return "connection_limit=" + client.connectionLimit() + "&pool_timeout=" + client.poolTimeoutSeconds()
                + "&connect_timeout=" + client.connectTimeoutSeconds() + "&application_name="
                + client.applicationName() + (client.pooled() ? "&pgbouncer=true" : "");
    }

    private static String urlParameters(StageConfig stage, ReservedClient client) {
        return CfnYaml.header(about(stage, client)
                        + "\nPrisma 6: add these parameters to the app's DATABASE_URL, whose user is the role "
                        + client.role() + "\n(after '?', or after '&' when it has parameters already):"
                        + "\n- connection_limit: each " + unit(client)
                        + "'s pool (Prisma's own default is num_cpus * 2 + 1);"
                        + "\n- pool_timeout, connect_timeout (s): a wait for a connection ends inside the request's time;"
                        + "\n- application_name: names its connections in pg_stat_activity and check --live"
                        + (client.pooled()
                                ? ";\n- pgbouncer=true: no named prepared statements (the URL is PgBouncer's)."
                                : ".")
                        + "\nPrisma 7's driver adapter ignores them: " + client.key() + "-pg-pool.js.")
                + query(client) + "\n";
    }

    /** What one connection_limit pools for: "instance", or "replica" of a long-running service. */
    private static String unit(ReservedClient client) {
        return client.kind() == ReservedClient.Kind.LONG_RUNNING ? "replica" : "instance";
    }

    private static String poolOptions(StageConfig stage, ReservedClient client) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("max", client.connectionLimit());
        options.put("connectionTimeoutMillis", (client.poolTimeoutSeconds() + client.connectTimeoutSeconds()) * 1000);
        options.put("idleTimeoutMillis", ReservedClient.IDLE_TIMEOUT_SECONDS * 1000);
        options.put("application_name", client.applicationName());
        String comment = CfnYaml.header(about(stage, client)
                        + "\nPrisma 7 (driver adapter @prisma/adapter-pg, which ignores the URL's pool parameters):"
                        + "\n  const { PrismaPg } = require('@prisma/adapter-pg');"
                        + "\n  const adapter = new PrismaPg({ connectionString: process.env.DATABASE_URL,"
                        + " ...require('./" + client.key() + "-pg-pool.js') });"
                        + "\nmax is each "
                        + (client.kind() == ReservedClient.Kind.LONG_RUNNING ? "replica's" : "instance's")
                        + " pool; connectionTimeoutMillis covers both the wait for a pooled"
                        + "\nconnection and a new one (Prisma 6's pool_timeout + connect_timeout); idle connections close"
                        + "\nafter idleTimeoutMillis.")
                .replaceAll("(?m)^#", "//");
        try {
            return comment + "module.exports = " + EventFiles.JSON.writeValueAsString(options) + ";\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pgbouncerIni(StageConfig stage, ReservedClient client) {
        int share = client.share();
        String comment = CfnYaml.header(about(stage, client)
                        + "\nThe app's PgBouncer, transaction mode: at most " + share + " server connections, as role "
                        + client.role() + ", whatever the number"
                        + "\nof clients. APP_DATABASE and APP_DATABASE_HOST are the app's database name and host (not in"
                        + "\nconfig/); the app's DATABASE_URL then points at this PgBouncer.")
                .replaceAll("(?m)^#", ";");
        return comment + "\n[databases]\nAPP_DATABASE = host=APP_DATABASE_HOST port=5432 dbname=APP_DATABASE"
                + " pool_size=" + share + " max_db_connections=" + share + "\n\n[pgbouncer]\npool_mode = transaction\n"
                + "server_login_retry = " + Pooler.PGBOUNCER_SERVER_LOGIN_RETRY_SECONDS + "\ntcp_keepalive = 1\n"
                + "tcp_keepidle = " + FrozenInstanceSettings.KEEPALIVES_IDLE_SECONDS + "\ntcp_keepintvl = "
                + FrozenInstanceSettings.KEEPALIVES_INTERVAL_SECONDS + "\ntcp_keepcnt = "
                + FrozenInstanceSettings.KEEPALIVES_COUNT + "\n\n[users]\n" + client.role()
                + " = max_user_connections=" + share + "\n";
    }

    private static String about(StageConfig stage, ReservedClient client) {
        DatabaseLimits database = stage.database();
        return "The task desk app's side of stage " + stage.name() + "'s database " + database.name() + " ("
                + ConfigFiles.DIRECTORY + "/" + ConfigFiles.DATABASES + ",\nreservedFor." + client.key() + ": "
                + client.kind().configName() + ", share " + client.share() + ", role " + client.role()
                + "; docs/connection-budget.md, \"The app's side\").\nIts role's CONNECTION LIMIT " + client.share()
                + " (roles) refuses a connection past the share.";
    }
}
