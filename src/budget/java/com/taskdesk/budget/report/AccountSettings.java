package com.taskdesk.budget.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.budget.check.DeployedStack;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.StageConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An AWS account's Lambda concurrency, as `aws lambda get-account-settings` prints it. A stage's
 * reserved concurrency must leave Lambda its unreserved minimum within the account's quota.
 */
public record AccountSettings(int concurrentExecutions, int unreservedConcurrentExecutions) {

    public static AccountSettings read(Path file) {
        try {
            JsonNode limit = new ObjectMapper().readTree(file.toFile()).path("AccountLimit");
            if (!limit.path("ConcurrentExecutions").isInt()
                    || !limit.path("UnreservedConcurrentExecutions").isInt()) {
                throw BudgetException.configuration(file + ": no AccountLimit.ConcurrentExecutions and"
                        + " UnreservedConcurrentExecutions (save the output of `aws lambda get-account-settings`)");
            }
            return new AccountSettings(
                    limit.get("ConcurrentExecutions").asInt(),
                    limit.get("UnreservedConcurrentExecutions").asInt());
        } catch (IOException e) {
            throw BudgetException.configuration(file + ": cannot be read as JSON (" + e.getMessage() + ")");
        }
    }

    /**
     * Findings when the account cannot hold the stage: its quota below what the stage needs, or its
     * other reservations leaving less than the stage reserves plus the 100 Lambda keeps unreserved.
     * The stage's own reservations, when it is deployed (deployed: its stack as it is, or null for a
     * first deploy), are among the account's reserved already and come back to it on a redeploy.
     */
    public List<Finding> check(PrintStream out, StageConfig stage, DeployedStack deployed) {
        int needed = Advice.accountConcurrency(stage);
        int ownReserved = deployed == null ? 0 : deployed.reservedConcurrency();
        int available = unreservedConcurrentExecutions + ownReserved - Advice.LAMBDA_UNRESERVED_MINIMUM;
        out.println("Account: concurrency quota " + concurrentExecutions + ", unreserved "
                + unreservedConcurrentExecutions + "; stage " + stage.name() + " needs " + needed
                + "; it may reserve " + available + " (unreserved"
                + (deployed == null ? "" : " + its own " + ownReserved + " already reserved") + " - "
                + Advice.LAMBDA_UNRESERVED_MINIMUM + " Lambda keeps free)");
        List<Finding> findings = new ArrayList<>();
        if (concurrentExecutions < needed) {
            findings.add(Finding.of(
                    Finding.Kind.ACCOUNT_QUOTA,
                    "account",
                    Set.of(stage.name()),
                    "concurrency quota " + concurrentExecutions + " is below the "
                            + needed + " stage " + stage.name() + " needs (" + stage.reservedConcurrency()
                            + " reserved + "
                            + Advice.LAMBDA_UNRESERVED_MINIMUM + " unreserved); ask AWS for a quota increase"));
        } else if (available < stage.reservedConcurrency()) {
            findings.add(Finding.of(
                    Finding.Kind.ACCOUNT_UNRESERVED,
                    "account",
                    Set.of(stage.name()),
                    "the account's other reservations leave " + available + " to reserve, below the "
                            + stage.reservedConcurrency() + " stage " + stage.name() + " reserves: Lambda would refuse"
                            + " the deploy (it keeps " + Advice.LAMBDA_UNRESERVED_MINIMUM + " unreserved). Lower other"
                            + " functions' reservations or ask AWS for a quota increase"
                            + (deployed == null
                                    ? "; if the stage is deployed already, pass its stack with --deployed (its own"
                                            + " reservations come back to it)"
                                    : "")));
        }
        return findings;
    }
}
