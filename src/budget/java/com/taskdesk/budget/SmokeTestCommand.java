package com.taskdesk.budget;

import com.taskdesk.budget.config.ExitCode;
import com.taskdesk.budget.smoke.FreshToken;
import com.taskdesk.budget.smoke.SmokeTest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "smoke-test",
        description = "Sends every events/ request through a stage's API with a fresh manager token signed with"
                + " JWT_SECRET (from the environment); exit 1 naming each request that did not answer "
                + SmokeTest.EXPECTED)
final class SmokeTestCommand implements Callable<Integer> {

    @ParentCommand
    BudgetTool tool;

    @Parameters(
            paramLabel = "<api url>",
            description = "The stage's API, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com")
    URI api;

    @Override
    public Integer call() throws InterruptedException {
        String token = FreshToken.fromEnvironment(tool.env, Instant.now());
        List<String> failures = new SmokeTest(Duration.ofSeconds(5)).run(tool.project, api, token, tool.out);
        if (failures.isEmpty()) {
            tool.out.println("smoke test passed: " + api);
            return ExitCode.OK.code();
        }
        tool.out.flush();
        failures.forEach(failure -> tool.err.println("error: " + failure));
        tool.err.println("smoke test failed: " + failures.size() + " request(s)");
        return ExitCode.CHECK_FAILED.code();
    }
}
