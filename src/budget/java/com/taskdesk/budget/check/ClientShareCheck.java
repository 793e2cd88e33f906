package com.taskdesk.budget.check;

import static com.taskdesk.budget.config.Finding.Kind.CLIENT_OVER_SHARE;
import static com.taskdesk.budget.config.Finding.Kind.CLIENT_ROLE_SHARED;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.ReservedClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every other client of a database keeps inside its share of reservedFor: what its own settings
 * let it open fits the share (a long-running service's replicas x pool; one serverless instance's
 * pool), and no two shares, nor a share and a function, name the same role, since PostgreSQL keeps
 * one CONNECTION LIMIT per role.
 */
final class ClientShareCheck {

    private ClientShareCheck() {}

    static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (DatabaseBudget database : DatabaseBudget.of(config)) {
            String subject = "database " + database.name();
            Map<String, String> roles = new HashMap<>();
            database.functions()
                    .forEach(f -> roles.put(f.stage().roleName(f.function().name()), "function " + f.subject()));
            for (ReservedClient client : database.limits().clients()) {
                String where = ConfigFiles.DIRECTORY + "/" + ConfigFiles.DATABASES + " " + database.name()
                        + ".reservedFor." + client.key();
                if (client.canOpen() > client.share()) {
                    findings.add(Finding.of(
                            CLIENT_OVER_SHARE,
                            subject,
                            database.stageNames(),
                            where + " (" + client.kind().configName() + ", role " + client.role() + "): "
                                    + client.canOpenFormula() + " can open more than its share " + client.share()
                                    + "; what fits: " + whatFits(client)));
                }
                if (client.role() != null) {
                    String other = roles.putIfAbsent(client.role(), "reservedFor." + client.key());
                    if (other != null) {
                        findings.add(Finding.of(
                                CLIENT_ROLE_SHARED,
                                subject,
                                database.stageNames(),
                                where + " names role " + client.role() + ", as " + other
                                        + " does: PostgreSQL keeps one CONNECTION LIMIT per role, so each share needs"
                                        + " a role of its own"));
                    }
                }
            }
        }
        return findings;
    }

    /** "connectionLimit 9 (3 x 9 = 27), or 2 replicas (2 x 13 = 26)" */
    private static String whatFits(ReservedClient client) {
        int share = client.share();
        if (client.kind() != ReservedClient.Kind.LONG_RUNNING) {
            return "connectionLimit " + share + " or less per instance (with 1, up to " + share + " instances at once)";
        }
        int pool = share / client.replicas();
        int replicas = share / client.connectionLimit();
        return "connectionLimit " + pool + " (" + client.replicas() + " x " + pool + " = " + client.replicas() * pool
                + ")" + ", or " + replicas + " replicas (" + replicas + " x " + client.connectionLimit() + " = "
                + replicas * client.connectionLimit() + ")";
    }
}
