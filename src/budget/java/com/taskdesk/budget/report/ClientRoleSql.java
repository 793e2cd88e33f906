package com.taskdesk.budget.report;

import static com.taskdesk.budget.report.SqlText.comment;
import static com.taskdesk.budget.report.SqlText.doBlock;
import static com.taskdesk.budget.report.SqlText.identifier;
import static com.taskdesk.budget.report.SqlText.literal;

import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.FrozenInstanceSettings;
import com.taskdesk.budget.config.ReservedClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The roles script's part for the database's other clients (reservedFor): each client's role, which
 * its team owns, gets {@code CONNECTION LIMIT} = its share, its application_name, and, for a
 * serverless app, an idle_session_timeout. Nothing is created: a missing role, or a superuser (whom
 * no CONNECTION LIMIT binds), stops the script.
 */
final class ClientRoleSql {

    /** PostgreSQL 14 added idle_session_timeout. */
    private static final int IDLE_SESSION_TIMEOUT_SINCE = 14;

    private ClientRoleSql() {}

    static List<String> lines(DatabaseLimits limits) {
        List<String> sql = new ArrayList<>();
        sql.add(comment("Every other client of database " + literal(limits.name()) + " ("
                + literal(ConfigFiles.DIRECTORY + "/" + ConfigFiles.DATABASES)
                + ", reservedFor): its role is its team's; ALTER ROLE only."));
        for (ReservedClient client : limits.clients()) {
            if (client.role() == null) {
                sql.add(comment(
                        "Client " + literal(client.key()) + " (" + client.kind().configName()
                                + "): no role of its own, so nothing here enforces its share " + client.share()));
                continue;
            }
            String role = identifier(client.role());
            String found = "SELECT FROM pg_catalog.pg_roles WHERE rolname = " + literal(client.role());
            sql.add(comment("Client " + literal(client.key()) + " ("
                    + client.kind().configName() + "), role " + role + ", share " + client.share()));
            sql.add(doBlock("IF NOT EXISTS (" + found + ") THEN RAISE EXCEPTION USING MESSAGE = "
                            + literal("role " + client.role() + " (reservedFor." + client.key()
                                    + ") does not exist: roles creates only the functions' roles; its team creates"
                                    + " it, or config/databases.yaml names the role the client uses")
                            + "; END IF; IF EXISTS (" + found + " AND rolsuper) THEN RAISE EXCEPTION USING MESSAGE = "
                            + literal("role " + client.role() + " (reservedFor." + client.key()
                                    + ") is a superuser: no CONNECTION LIMIT binds one; give the client a role of its"
                                    + " own")
                            + "; END IF;")
                    + "  " + comment("it must exist, and not be a superuser, whom no CONNECTION LIMIT binds"));
            sql.add("ALTER ROLE " + role + " CONNECTION LIMIT " + client.share() + ";  "
                    + comment("its share: one more is refused (53300), and never takes another client's"));
            sql.add("ALTER ROLE " + role + " SET application_name = " + literal(client.applicationName()) + ";  "
                    + comment("names its connections in pg_stat_activity (check --live) when it sends no name"));
            if (client.reapsIdleSessions() && limits.postgresVersion() >= IDLE_SESSION_TIMEOUT_SINCE) {
                sql.add("ALTER ROLE " + role + " SET idle_session_timeout = "
                        + literal(FrozenInstanceSettings.IDLE_SESSION_TIMEOUT_SECONDS + "s") + ";  "
                        + comment("a frozen Netlify instance keeps its connection open: closed after "
                                + FrozenInstanceSettings.IDLE_SESSION_TIMEOUT_SECONDS
                                + " s idle, so the dead do not fill the share"));
            }
        }
        return sql;
    }
}
