package com.taskdesk.budget;

import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.smoke.FreshToken;
import com.taskdesk.budget.smoke.SampleRequest;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "token",
        description = "Prints a manager token signed with JWT_SECRET (from the environment, never printed), valid"
                + " 15 minutes; with --event, events/<function>.json signed in with it, for: sam local invoke -e -")
final class TokenCommand implements Callable<Integer> {

    @ParentCommand
    BudgetTool tool;

    @Option(names = "--event", paramLabel = "<function>", description = "Print this function's sample event instead")
    String function;

    @Override
    public Integer call() {
        String token = FreshToken.fromEnvironment(tool.env, Instant.now());
        if (function == null) {
            tool.out.println(token);
            return ExitCode.OK.code();
        }
        Endpoint endpoint = Endpoint.forFunction(function)
                .orElseThrow(() -> BudgetException.usage(
                        "no function " + function + " (one of " + String.join(", ", Endpoint.functionNames()) + ")"));
        tool.out.println(
                SampleRequest.of(tool.project, endpoint).withCookie(token).toPrettyString());
        return ExitCode.OK.code();
    }
}
