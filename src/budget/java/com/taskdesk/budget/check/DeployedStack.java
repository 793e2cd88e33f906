package com.taskdesk.budget.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FunctionBudget;
import com.taskdesk.budget.config.StageConfig;
import com.taskdesk.budget.render.AwsResources;
import com.taskdesk.budget.render.SamFunction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stage's stack holds now, read from `aws cloudformation get-template --stack-name S
 * --template-stage Processed` saved to a file: the template CloudFormation will compare the new
 * one with, after SAM's transform. One read-only call, which the tool does not make itself (it
 * stays offline and needs no credentials; the deploy workflow saves the file as it saves the
 * account settings). From it: each function's name, whether it runs on Lambda Managed Instances,
 * and its reserved concurrency.
 */
public record DeployedStack(Map<String, Function> functions) {

    /** One deployed AWS::Lambda::Function, by its logical id (AgentsFunction). */
    record Function(String functionName, boolean managedInstances, int reservedConcurrency) {}

    public static DeployedStack read(Path file) {
        ObjectMapper json = new ObjectMapper();
        try {
            JsonNode body = json.readTree(file.toFile()).path("TemplateBody");
            if (body.isTextual()) {
                body = json.readTree(body.asText());
            }
            if (!body.path("Resources").isObject()) {
                throw BudgetException.configuration(file + ": no TemplateBody.Resources (save the output of `aws"
                        + " cloudformation get-template --stack-name <stack> --template-stage Processed`)");
            }
            Map<String, Function> functions = new LinkedHashMap<>();
            body.path("Resources").fields().forEachRemaining(resource -> {
                JsonNode value = resource.getValue();
                if (value.path("Type").asText().equals("AWS::Lambda::Function")) {
                    JsonNode properties = value.path("Properties");
                    JsonNode name = properties.path("FunctionName");
                    functions.put(
                            resource.getKey(),
                            new Function(
                                    name.has("Fn::Sub") ? name.get("Fn::Sub").asText() : name.asText(),
                                    properties.has("CapacityProviderConfig"),
                                    properties
                                            .path("ReservedConcurrentExecutions")
                                            .asInt(0)));
                }
            });
            return new DeployedStack(functions);
        } catch (IOException e) {
            throw BudgetException.configuration(file + ": cannot be read as JSON (" + e.getMessage() + ")");
        }
    }

    /** Concurrency the deployed stack reserves already (counted in the account's reserved concurrency). */
    public int reservedConcurrency() {
        return functions.values().stream()
                .mapToInt(Function::reservedConcurrency)
                .sum();
    }

    /**
     * A finding per function config/ moves onto Lambda Managed Instances or off them under the name it
     * is deployed with: CloudFormation would update it in place, which Lambda refuses (a function's
     * compute type is fixed when it is created), failing the deploy halfway.
     */
    public List<Finding> movesInPlace(StageConfig stage) {
        List<Finding> findings = new ArrayList<>();
        for (FunctionBudget function : stage.functions()) {
            Function deployed = functions.get(AwsResources.logicalName(function.name()) + "Function");
            if (deployed != null
                    && deployed.managedInstances() != function.onManagedInstances()
                    && deployed.functionName().equals(SamFunction.functionName(function))) {
                findings.add(Finding.of(
                        Finding.Kind.MODEL_CHANGE_IN_PLACE,
                        stage,
                        function,
                        "deployed as " + deployed.functionName() + " on "
                                + (deployed.managedInstances() ? "Lambda Managed Instances" : "Lambda's default model")
                                + ", config/ moves it " + (function.onManagedInstances() ? "onto" : "off")
                                + " Managed Instances under the same name; Lambda cannot change an existing"
                                + " function's compute type, so CloudFormation would fail the deploy halfway. Deploy"
                                + " it under a new function name (render names a function on Managed Instances"
                                + " <name>" + SamFunction.MANAGED_INSTANCES_SUFFIX + "; this stack predates that):"
                                + " CloudFormation then creates the new function and deletes the old one"));
            }
        }
        return findings;
    }
}
