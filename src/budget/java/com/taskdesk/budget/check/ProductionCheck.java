package com.taskdesk.budget.check;

import static com.taskdesk.budget.config.Finding.Kind.PRODUCTION_ALARMS_PAGE_NO_ONE;
import static com.taskdesk.budget.config.Finding.Kind.PRODUCTION_API_URL_NOT_REAL;
import static com.taskdesk.budget.config.Finding.Kind.PRODUCTION_DATABASE_TLS;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.DatabaseTls;
import com.taskdesk.budget.config.DatabaseUrlParameters;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.config.StageConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a stage that says {@code production: true} must carry besides the budget: alarms that page
 * someone (or a waiver saying why not), a database URL that verifies the server's certificate, and a
 * front door that points at the stage's real API. Each finding is one line naming the file and key.
 */
final class ProductionCheck {

    /** Names reserved for examples and tests (RFC 2606, RFC 6761), and what people type for "fill me in". */
    private static final Pattern EXAMPLE_HOST = Pattern.compile(
            "(.*\\.)?(example|example\\.(com|net|org)|test|invalid|localhost)|.*(placeholder|changeme|xxxx|your-?api).*");

    private static final Pattern EXECUTE_API =
            Pattern.compile("[a-z0-9]+\\.execute-api\\.[a-z0-9-]+\\.amazonaws\\.com");

    private ProductionCheck() {}

    static List<Finding> run(BudgetConfig config) {
        List<Finding> findings = new ArrayList<>();
        for (StageConfig stage : config.stages()) {
            if (stage.production()) {
                alarms(findings, stage);
                databaseTls(findings, stage);
                if (stage.frontDoor() != null) {
                    apiUrl(findings, stage, stage.frontDoor());
                }
            }
        }
        return findings;
    }

    private static void alarms(List<Finding> findings, StageConfig stage) {
        if (stage.alarmNotifications() == null && stage.alarmWaiver() == null) {
            findings.add(finding(
                    PRODUCTION_ALARMS_PAGE_NO_ONE,
                    stage,
                    "alarmNotifications is missing: the stage says production: true, and its alarms would tell no"
                            + " one; give {topicArn: arn:aws:sns:...} (the on-call topic) or {email: [...]}, or"
                            + " alarmWaiver: <why no one is paged>"));
        } else if (stage.alarmNotifications() != null && stage.alarmWaiver() != null) {
            findings.add(finding(
                    PRODUCTION_ALARMS_PAGE_NO_ONE,
                    stage,
                    "alarmWaiver is given with alarmNotifications: the alarms page someone, so drop the waiver"));
        }
    }

    private static void databaseTls(List<Finding> findings, StageConfig stage) {
        DatabaseUrlParameters url = stage.database().databaseUrl();
        if (!url.verifiesServer()) {
            findings.add(finding(
                    PRODUCTION_DATABASE_TLS,
                    stage,
                    "database " + stage.database().name() + " (config/databases.yaml "
                            + stage.database().name()
                            + ".databaseUrl) has sslmode " + (url.sslmode() == null ? "absent" : url.sslmode())
                            + (url.sslrootcert() == null ? " and no sslrootcert" : "")
                            + ": a production stage's functions verify the server's certificate and name; give"
                            + " databaseUrl: {sslmode: " + DatabaseTls.VERIFY_FULL + ", sslrootcert: "
                            + DatabaseTls.RDS_CA_BUNDLE + "} and end each function's database-url secret as check"
                            + " prints it"));
        }
    }

    private static void apiUrl(List<Finding> findings, StageConfig stage, FrontDoor door) {
        if (door.apiUrlFromStack()) {
            return;
        }
        String host = URI.create(door.apiUrl()).getHost();
        if (EXAMPLE_HOST.matcher(host).matches()) {
            findings.add(finding(
                    PRODUCTION_API_URL_NOT_REAL,
                    stage,
                    "frontDoor.apiUrl " + door.apiUrl() + " is an example address: the app's host would send every"
                            + " moved route there; give the stage a domain, or apiUrl: " + FrontDoor.FROM_STACK));
        } else if (EXECUTE_API.matcher(host).matches() && stage.domain() == null) {
            findings.add(finding(
                    PRODUCTION_API_URL_NOT_REAL,
                    stage,
                    "frontDoor.apiUrl " + door.apiUrl() + " is an execute-api address written by hand: it is an"
                            + " example until the stack exists, and a new one whenever the stack is created again"
                            + " (a failed first create is deleted and retried), which leaves every moved route"
                            + " pointing at nothing; give the stage a domain, or apiUrl: " + FrontDoor.FROM_STACK
                            + " (the stack's ApiUrl output, filled in when the rules are installed)"));
        }
    }

    private static Finding finding(Finding.Kind kind, StageConfig stage, String message) {
        return Finding.of(kind, stage.fileName(), List.of(stage.name()), message);
    }
}
