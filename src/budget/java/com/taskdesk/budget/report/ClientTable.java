package com.taskdesk.budget.report;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.ReservedClient;
import com.taskdesk.budget.config.StageConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole database's budget, as check prints it: every client with its share of max_connections
 * and what enforces that share, the functions of each stage on it included.
 */
public final class ClientTable {

    private ClientTable() {}

    public static void print(PrintStream out, DatabaseBudget database) {
        DatabaseLimits limits = database.limits();
        out.println("Database " + limits.name() + ": every client's share of max_connections " + limits.maxConnections()
                + ", and what enforces it");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"client", "connects", "role", "share", "enforced by"});
        if (limits.superuserReserved() > 0) {
            rows.add(new String[] {
                DatabaseLimits.SUPERUSER_RESERVED,
                "superusers",
                "(any superuser)",
                Integer.toString(limits.superuserReserved()),
                "PostgreSQL: superuser_reserved_connections (+ reserved_connections)"
            });
        }
        for (ReservedClient client : limits.clients()) {
            rows.add(new String[] {
                client.key(),
                client.kind().configName(),
                client.role() == null ? "(none)" : client.role(),
                Integer.toString(client.share()),
                enforcedBy(client)
            });
        }
        int functions = 0;
        if (database.pooled()) {
            functions = limits.pooler().serverConnections();
            rows.add(new String[] {
                "functions of " + String.join(", ", database.stageNames()),
                "Lambda, " + limits.pooler().kind().configName(),
                "taskdesk_<stage>_*",
                Integer.toString(functions),
                limits.pooler().kind().configName() + "'s server pool; each function's role: CONNECTION LIMIT ="
                        + " its statements in flight"
            });
        } else {
            for (StageConfig stage : database.stages()) {
                int share = database.total(stage);
                functions += share;
                rows.add(new String[] {
                    "functions of " + stage.name(),
                    "Lambda",
                    stage.roleName("*"),
                    Integer.toString(share),
                    "each function's role: CONNECTION LIMIT = its worst case; Lambda's reserved concurrency x its pool"
                });
            }
        }
        rows.add(new String[] {"unused", "", "", Integer.toString(limits.budget() - functions), "(headroom)"});
        rows.add(new String[] {"total", "", "", Integer.toString(limits.maxConnections()), "max_connections"});
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            out.printf(
                    "  %-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %" + widths[3] + "s  %s%n",
                    (Object[]) row);
        }
        out.println();
    }

    /** What stops the client past its share. */
    private static String enforcedBy(ReservedClient client) {
        if (client.role() == null) {
            return "nothing: no role of its own (give it one)";
        }
        String limit = "CONNECTION LIMIT " + client.share() + " on its role (roles)";
        return switch (client.kind()) {
            case NETLIFY ->
                limit + "; up to " + client.instancesAtOnce() + " instances x connection_limit "
                        + client.connectionLimit();
            case LONG_RUNNING -> limit + "; its pools: " + client.canOpenFormula();
            case PGBOUNCER -> limit + "; PgBouncer pool_size " + client.share();
            default -> limit;
        };
    }
}
