package com.taskdesk.budget.check;

import static com.taskdesk.budget.SampleProject.PROD_INSTANCES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.SampleProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What check says before a deploy about the AWS account and the stack as deployed: the account
 * must hold the stage's reserved concurrency plus what Lambda keeps free, and a deployed function
 * cannot move onto Lambda Managed Instances or off them under its name.
 */
class DeployCheckTest {

    /** The tests' own project's prod reserves PROD_INSTANCES; the quota is ample, one too few of it unreserved. */
    private static final int UNRESERVED = 100 + PROD_INSTANCES - 1;

    private static final String TIGHT_ACCOUNT = "{\"AccountLimit\": {\"ConcurrentExecutions\": 1000,"
            + " \"UnreservedConcurrentExecutions\": " + UNRESERVED + "}}";

    @Test
    void anAccountWhoseOtherReservationsLeaveTheStageTooLittleFailsTheCheck(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp).write("account.json", TIGHT_ACCOUNT);

        ProjectCopy.ToolRun run =
                copy.run("check", "--stage", "prod", "--account-settings", path(temp, "account.json"));

        assertEquals(1, run.exitCode(), run.out());
        assertEquals(
                List.of("error: account: the account's other reservations leave " + (PROD_INSTANCES - 1)
                        + " to reserve, below the " + PROD_INSTANCES + " stage prod"
                        + " reserves: Lambda would refuse the deploy (it keeps 100 unreserved). Lower other functions'"
                        + " reservations or ask AWS for a quota increase; if the stage is deployed already, pass its"
                        + " stack with --deployed (its own reservations come back to it)"),
                run.errors());
    }

    @Test
    void aRedeployCountsTheReservationsTheStagesStackHoldsAlready(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp)
                .write("account.json", TIGHT_ACCOUNT)
                .write("deployed.json", deployed(Map.of("Agents", function("agents", false, 5))));

        ProjectCopy.ToolRun run = copy.run(
                "check",
                "--stage",
                "prod",
                "--account-settings",
                path(temp, "account.json"),
                "--deployed",
                path(temp, "deployed.json"));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("it may reserve " + (PROD_INSTANCES - 1 + 5)
                                + " (unreserved + its own 5 already reserved - 100"),
                run.out());
    }

    @Test
    void aFunctionMovedOffManagedInstancesUnderTheNameItIsDeployedWithIsRefused(@TempDir Path temp) {
        // Deployed from a rendering that named a function on Managed Instances like any other.
        ProjectCopy copy = SampleProject.in(temp)
                .write("deployed.json", deployed(Map.of("Metrics", function("metrics", true, 0))));

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod", "--deployed", path(temp, "deployed.json"));

        assertEquals(1, run.exitCode(), run.out());
        assertEquals(1, run.errors().size(), run.err());
        assertTrue(
                run.errors()
                        .get(0)
                        .startsWith("error: prod/metrics: deployed as ${AWS::StackName}-metrics on Lambda Managed"
                                + " Instances, config/ moves it off Managed Instances under the same name; Lambda cannot"
                                + " change an existing function's compute type"),
                run.err());
        assertTrue(run.errors().get(0).contains("Deploy it under a new function name"), run.err());
    }

    @Test
    void aFunctionMovedOntoManagedInstancesGetsANewNameSoTheCheckPasses(@TempDir Path temp) {
        ProjectCopy copy = SampleProject.in(temp)
                .onManagedInstances("metrics", 2, 2) // 2 environments x 2 connections: 4 more, within prod's 6 spare
                .write("deployed.json", deployed(Map.of("Metrics", function("metrics", false, 2))));
        copy.run("render");

        ProjectCopy.ToolRun run = copy.run("check", "--stage", "prod", "--deployed", path(temp, "deployed.json"));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                copy.read("template-prod.yaml").contains("FunctionName: !Sub '${AWS::StackName}-metrics-mi'"),
                "a new name: CloudFormation creates the function anew and deletes the old one");
    }

    @Test
    void deployedNamesOneStage(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).write("deployed.json", deployed(Map.of()));

        ProjectCopy.ToolRun run = copy.run("check", "--deployed", path(temp, "deployed.json"));

        assertEquals(2, run.exitCode());
        assertEquals(List.of("error: check --deployed FILE is one stage's stack: give --stage too"), run.errors());
    }

    @Test
    void aSamTemplateNoStageRendersFailsTheCheckSoNoOneDeploysIt(@TempDir Path temp) {
        ProjectCopy copy = ProjectCopy.of(temp).write("template-qa.yaml", "# a stage config/ no longer has\n");

        ProjectCopy.ToolRun run = copy.run("check");

        assertEquals(1, run.exitCode());
        assertEquals(
                List.of("error: template-qa.yaml is not rendered from config/ (no stage of that name): delete it"),
                run.errors());
    }

    private static String path(Path dir, String file) {
        return dir.resolve(file).toString();
    }

    /** A deployed function as CloudFormation's processed template has it (after SAM's transform). */
    private static String function(String name, boolean managedInstances, int reserved) {
        return "{\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"FunctionName\": {\"Fn::Sub\":"
                + " \"${AWS::StackName}-" + name + "\"}"
                + (managedInstances
                        ? ", \"CapacityProviderConfig\": {\"LambdaManagedInstancesCapacityProviderConfig\":"
                                + " {\"CapacityProviderArn\": {\"Fn::GetAtt\": [\"CapacityProvider\", \"Arn\"]}}}"
                        : "")
                + (reserved > 0 ? ", \"ReservedConcurrentExecutions\": " + reserved : "") + "}}";
    }

    /** `aws cloudformation get-template --template-stage Processed` output with these functions (logical name prefix). */
    private static String deployed(Map<String, String> functions) {
        StringBuilder resources = new StringBuilder();
        functions.forEach((name, function) -> resources
                .append(resources.length() == 0 ? "" : ", ")
                .append('"')
                .append(name)
                .append("Function\": ")
                .append(function));
        return "{\"TemplateBody\": {\"Resources\": {" + resources + "}}, \"StagesAvailable\": [\"Original\","
                + " \"Processed\"]}";
    }
}
