package com.taskdesk.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * An AWS account's Lambda concurrency, as `aws lambda get-account-settings` prints it. A stage's
 * reserved concurrency must leave Lambda its unreserved minimum within the account's quota.
 */
record AccountSettings(int concurrentExecutions, int unreservedConcurrentExecutions) {

    static AccountSettings read(Path file) {
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
     * A finding when the quota is below what the stage needs. Prints a warning when the account's
     * other reservations leave too little: that fails a first deploy, not a redeploy of the same
     * stage (its functions' own reservations are then counted as reserved already).
     */
    Optional<Finding> check(PrintStream out, StageConfig stage) {
        int needed = Advice.accountConcurrency(stage);
        out.println("Account: concurrency quota " + concurrentExecutions + ", unreserved "
                + unreservedConcurrentExecutions + "; stage " + stage.name() + " needs " + needed);
        if (unreservedConcurrentExecutions - Advice.LAMBDA_UNRESERVED_MINIMUM < stage.reservedConcurrency()) {
            out.println("  warning: the account's other reservations leave "
                    + (unreservedConcurrentExecutions - Advice.LAMBDA_UNRESERVED_MINIMUM)
                    + " to reserve, below the stage's " + stage.reservedConcurrency()
                    + ": a first deploy of " + stage.name() + " would fail (a redeploy reuses its own reservations)");
        }
        return concurrentExecutions >= needed
                ? Optional.empty()
                : Optional.of(Finding.of(
                        Finding.Kind.ACCOUNT_QUOTA,
                        "account",
                        Set.of(stage.name()),
                        "concurrency quota " + concurrentExecutions + " is below the "
                                + needed + " stage " + stage.name() + " needs (" + stage.reservedConcurrency()
                                + " reserved + "
                                + Advice.LAMBDA_UNRESERVED_MINIMUM + " unreserved); ask AWS for a quota increase"));
    }
}
