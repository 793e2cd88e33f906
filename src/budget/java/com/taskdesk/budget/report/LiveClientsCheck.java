package com.taskdesk.budget.report;

import static com.taskdesk.budget.config.Finding.Kind.LIVE_CLIENT_ROLE;
import static com.taskdesk.budget.config.Finding.Kind.LIVE_OVER_SHARE;
import static com.taskdesk.budget.config.Finding.Kind.LIVE_SUPERUSERS;
import static com.taskdesk.budget.config.Finding.Kind.LIVE_UNKNOWN_ROLE;

import com.taskdesk.budget.check.DatabaseBudget;
import com.taskdesk.budget.check.LiveDatabase;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.DatabaseLimits;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.ReservedClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code check --live}, for everything on the database that is not the stage's functions: each
 * other client's role against its share (reservedFor), the superusers against the slots kept for
 * them, and any role the budget does not know. Fails naming the role and the count when a client's
 * role is missing, a superuser or not limited to its share, when it holds more than its share now,
 * or when connections come from a role with no share (say the app still on the owner role).
 */
final class LiveClientsCheck {

    private LiveClientsCheck() {}

    static List<Finding> run(PrintStream out, DatabaseBudget database, LiveDatabase live) {
        DatabaseLimits limits = database.limits();
        String subject = "database " + limits.name();
        List<String> stages = database.stageNames();
        String where = ConfigFiles.DIRECTORY + "/" + ConfigFiles.DATABASES;
        List<Finding> findings = new ArrayList<>();
        String row = "  %-28s %-24s %14s %14s %12s  %s%n";
        out.printf(row, "client (reservedFor)", "role", "share", "limit (server)", "backends now", "application_name");
        for (ReservedClient client : limits.clients()) {
            if (client.role() == null) {
                out.printf(row, client.key(), "(none)", client.share(), "-", "-", "(no role: not counted)");
                continue;
            }
            String role = client.role();
            LiveDatabase.Role actual = live.roles().get(role);
            int backends = live.backendsOf(role);
            out.printf(
                    row,
                    client.key(),
                    role,
                    client.share(),
                    actual == null ? "missing" : limitText(actual),
                    backends,
                    LiveCheck.applicationNames(live, role));
            String item = "reservedFor." + client.key();
            if (actual == null) {
                findings.add(Finding.of(
                        LIVE_CLIENT_ROLE,
                        subject,
                        stages,
                        "role " + role + " of " + item + " does not exist (its team creates it; then run roles)"));
            } else if (actual.superuser()) {
                findings.add(Finding.of(
                        LIVE_CLIENT_ROLE,
                        subject,
                        stages,
                        "role " + role + " of " + item + " is a superuser: no CONNECTION LIMIT binds it, so its"
                                + " share " + client.share() + " is not enforced; give the client a role of its own"));
            } else if (actual.connectionLimit() != client.share()) {
                findings.add(Finding.of(
                        LIVE_CLIENT_ROLE,
                        subject,
                        stages,
                        "role " + role + " of " + item + " has " + limitDescription(actual) + ", its share in " + where
                                + " is " + client.share() + " (run: roles)"));
            }
            if (backends > client.share()) {
                findings.add(Finding.of(
                        LIVE_OVER_SHARE,
                        subject,
                        stages,
                        item + " holds " + backends + " connection(s) now (role " + role + "), above its share "
                                + client.share()));
            }
        }
        int superuserBackends =
                live.superusers().stream().mapToInt(live::backendsOf).sum();
        out.printf(
                row,
                DatabaseLimits.SUPERUSER_RESERVED,
                "(superusers)",
                limits.superuserReserved(),
                "-",
                superuserBackends,
                live.superusers().stream()
                        .map(role -> role + " " + live.backendsOf(role))
                        .collect(Collectors.joining(", ")));
        if (superuserBackends > limits.superuserReserved()) {
            findings.add(Finding.of(
                    LIVE_SUPERUSERS,
                    subject,
                    stages,
                    "superuser roles hold " + superuserBackends + " connection(s) now ("
                            + live.superusers().stream()
                                    .map(role -> role + " " + live.backendsOf(role))
                                    .collect(Collectors.joining(", "))
                            + "), above the " + limits.superuserReserved() + " of reservedFor."
                            + DatabaseLimits.SUPERUSER_RESERVED + ": no CONNECTION LIMIT binds a superuser, so a"
                            + " client on one takes the others' connections"));
        }
        Set<String> known = database.functions()
                .map(f -> f.stage().roleName(f.function().name()))
                .collect(Collectors.toSet());
        limits.clients().stream().map(ReservedClient::role).forEach(known::add);
        List<String> unknown = live.backends().keySet().stream()
                .filter(role -> !known.contains(role) && !live.superusers().contains(role))
                .toList();
        for (String role : unknown) {
            findings.add(Finding.of(
                    LIVE_UNKNOWN_ROLE,
                    subject,
                    stages,
                    "role " + role + " holds " + live.backendsOf(role) + " connection(s) now ("
                            + LiveCheck.applicationNames(live, role) + ") and has no share in " + where
                            + ": nothing keeps it from the others' connections; give its client a share (reservedFor,"
                            + " then roles), or move it to a role that has one"));
        }
        out.println("  roles the budget does not know, holding connections now: "
                + (unknown.isEmpty()
                        ? "none"
                        : unknown.stream()
                                .map(role -> role + " " + live.backendsOf(role))
                                .collect(Collectors.joining(", "))));
        out.println();
        return findings;
    }

    static String limitText(LiveDatabase.Role role) {
        return role.superuser()
                ? "superuser"
                : role.connectionLimit() < 0 ? "none" : Integer.toString(role.connectionLimit());
    }

    /** "no CONNECTION LIMIT", "CONNECTION LIMIT 4" */
    static String limitDescription(LiveDatabase.Role role) {
        return role.connectionLimit() < 0 ? "no CONNECTION LIMIT" : "CONNECTION LIMIT " + role.connectionLimit();
    }
}
