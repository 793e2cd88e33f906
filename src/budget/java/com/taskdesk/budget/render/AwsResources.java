package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.CfnYaml.getAtt;
import static com.taskdesk.budget.render.CfnYaml.ifCondition;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.noValue;
import static com.taskdesk.budget.render.CfnYaml.ref;
import static com.taskdesk.budget.render.CfnYaml.sub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudFormation resources both deploy files declare the same way: each function's own role
 * (least privilege: its log group, its stage's two secrets, network interfaces only in a VPC),
 * log groups that outlive the stack, the HTTP API's access log format, and the optional custom
 * domain of the HTTP API.
 */
public final class AwsResources {

    static final String HAS_VPC = "HasVpc";
    /** The HTTP API and its $default stage have these logical ids in SAM and in the Serverless Framework. */
    static final String HTTP_API = "HttpApi";

    /**
     * The HTTP API's access log, one JSON object per request: who asked what, what the gateway and the
     * function answered and how long each took. status is a number (the 429 metric filter compares it);
     * the rest are strings ("-" where the gateway has no value, e.g. no integration after a 429).
     */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\",\"apiId\":\"$context.apiId\","
            + "\"routeKey\":\"$context.routeKey\",\"status\":$context.status,"
            + "\"error\":\"$context.error.message\",\"integrationStatus\":\"$context.integrationStatus\","
            + "\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"responseLatency\":\"$context.responseLatency\","
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"responseLength\":\"$context.responseLength\"}";

    private AwsResources() {}

    /** "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:" + resource, for !Sub. */
    static String arn(String service, String resource) {
        return "arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource;
    }

    /** "agent-progress" -> "AgentProgress": the prefix of a function's logical ids. */
    public static String logicalName(String function) {
        StringBuilder name = new StringBuilder();
        for (String part : function.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    /**
     * A role a service assumes, with one inline policy.
     *
     * @param boundary the permissions boundary's ARN (or a variable for it); null: none
     */
    static Map<String, Object> role(String service, String policyName, List<Object> statements, Object boundary) {
        return map(
                "Type",
                "AWS::IAM::Role",
                "Properties",
                map(
                        "AssumeRolePolicyDocument",
                        assumedBy(service),
                        "PermissionsBoundary",
                        boundary,
                        "Policies",
                        List.of(map("PolicyName", policyName, "PolicyDocument", policy(statements)))));
    }

    static Map<String, Object> assumedBy(String service) {
        return policy(List.of(map(
                "Effect",
                "Allow",
                "Principal",
                map("Service", service + ".amazonaws.com"),
                "Action",
                "sts:AssumeRole")));
    }

    /**
     * Whether a function's network statements apply: always (in a VPC), never, or as a template
     * condition says (condition not null).
     */
    record InVpc(boolean always, String condition) {
        static InVpc of(boolean inVpc) {
            return new InVpc(inVpc, null);
        }

        static InVpc when(String condition) {
            return new InVpc(false, condition);
        }
    }

    /**
     * A function's role. secretIds are !Sub variables or literals naming its stage's two secrets;
     * Secrets Manager appends six random characters to a secret's ARN.
     */
    static Map<String, Object> functionRole(
            String function, Object logGroupArn, List<Object> secretArns, InVpc inVpc, Object boundary) {
        List<Object> statements = new ArrayList<>(List.of(
                statement("OwnLogGroup", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroupArn),
                statement("StageSecrets", List.of("secretsmanager:GetSecretValue"), secretArns)));
        List<Map<String, Object>> network = List.of(
                statement(
                        "VpcNetworkInterfaces",
                        List.of(
                                "ec2:CreateNetworkInterface",
                                "ec2:DeleteNetworkInterface",
                                "ec2:AssignPrivateIpAddresses",
                                "ec2:UnassignPrivateIpAddresses"),
                        List.of(
                                sub(arn("ec2", "network-interface/*")),
                                sub(arn("ec2", "subnet/*")),
                                sub(arn("ec2", "security-group/*")))),
                // These two read-only calls have no resource-level permissions in IAM.
                statement("VpcDescribe", List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"), "*"));
        for (Map<String, Object> statement : network) {
            if (inVpc.condition() != null) {
                statements.add(ifCondition(inVpc.condition(), statement, noValue()));
            } else if (inVpc.always()) {
                statements.add(statement);
            }
        }
        return role("lambda", function, statements, boundary);
    }

    /** A log group that stays when the stack is deleted or the group replaced: logs are evidence. */
    static Map<String, Object> logGroup(Object name, Object retentionDays) {
        return map(
                "Type",
                "AWS::Logs::LogGroup",
                "DeletionPolicy",
                "Retain",
                "UpdateReplacePolicy",
                "Retain",
                "Properties",
                map("LogGroupName", name, "RetentionInDays", retentionDays));
    }

    static String secretArn(String secretId) {
        return arn("secretsmanager", "secret:" + secretId + "-??????");
    }

    static Map<String, Object> statement(String sid, List<String> actions, Object resource) {
        return map("Sid", sid, "Effect", "Allow", "Action", actions, "Resource", resource);
    }

    private static Map<String, Object> policy(List<Object> statements) {
        return map("Version", "2012-10-17", "Statement", statements);
    }

    /**
     * The API on the app's own site, so the browser sends the auth-token cookie to it, mapped to the
     * API's $default stage (its resource is stageResource).
     */
    static void customDomain(
            Map<String, Object> resources, Object domainName, Object certificateArn, String stageResource) {
        resources.put(
                "CustomDomain",
                map(
                        "Type",
                        "AWS::ApiGatewayV2::DomainName",
                        "Properties",
                        map(
                                "DomainName",
                                domainName,
                                "DomainNameConfigurations",
                                List.of(map(
                                        "CertificateArn",
                                        certificateArn,
                                        "EndpointType",
                                        "REGIONAL",
                                        "SecurityPolicy",
                                        "TLS_1_2")))));
        resources.put(
                "CustomDomainMapping",
                map(
                        "Type",
                        "AWS::ApiGatewayV2::ApiMapping",
                        "DependsOn",
                        List.of(stageResource),
                        "Properties",
                        map("ApiId", ref(HTTP_API), "DomainName", ref("CustomDomain"), "Stage", "$default")));
    }

    static Map<String, Object> customDomainOutput() {
        return map(
                "Description",
                "The custom domain's target: point its DNS record (CNAME or alias) here",
                "Value",
                getAtt("CustomDomain.RegionalDomainName"));
    }
}
