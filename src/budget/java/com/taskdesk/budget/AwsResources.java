package com.taskdesk.budget;

import static com.taskdesk.budget.CfnYaml.getAtt;
import static com.taskdesk.budget.CfnYaml.ifCondition;
import static com.taskdesk.budget.CfnYaml.map;
import static com.taskdesk.budget.CfnYaml.noValue;
import static com.taskdesk.budget.CfnYaml.ref;
import static com.taskdesk.budget.CfnYaml.sub;

import java.util.List;
import java.util.Map;

/**
 * CloudFormation resources both deploy files declare the same way: each function's own role
 * (least privilege: its log group, its stage's two secrets, network interfaces only in a VPC)
 * and the optional custom domain of the HTTP API.
 */
final class AwsResources {

    static final String HAS_VPC = "HasVpc";
    static final String HAS_CUSTOM_DOMAIN = "HasCustomDomain";
    /** The HTTP API and its $default stage have these logical ids in SAM and in the Serverless Framework. */
    static final String HTTP_API = "HttpApi";

    private AwsResources() {}

    /** "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:" + resource, for !Sub. */
    static String arn(String service, String resource) {
        return "arn:${AWS::Partition}:" + service + ":${AWS::Region}:${AWS::AccountId}:" + resource;
    }

    /** "agent-progress" -> "AgentProgress": the prefix of a function's logical ids. */
    static String logicalName(String function) {
        StringBuilder name = new StringBuilder();
        for (String part : function.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return name.toString();
    }

    static Map<String, Object> role(String service, String policyName, List<Object> statements) {
        return map(
                "Type",
                "AWS::IAM::Role",
                "Properties",
                map(
                        "AssumeRolePolicyDocument",
                                policy(List.of(map(
                                        "Effect",
                                        "Allow",
                                        "Principal",
                                        map("Service", service + ".amazonaws.com"),
                                        "Action",
                                        "sts:AssumeRole"))),
                        "Policies", List.of(map("PolicyName", policyName, "PolicyDocument", policy(statements)))));
    }

    /**
     * A function's role. secretIds are !Sub variables or literals naming its stage's two secrets;
     * Secrets Manager appends six random characters to a secret's ARN.
     */
    static Map<String, Object> functionRole(String function, Object logGroupArn, List<Object> secretArns) {
        return role(
                "lambda",
                function,
                List.of(
                        statement("OwnLogGroup", List.of("logs:CreateLogStream", "logs:PutLogEvents"), logGroupArn),
                        statement("StageSecrets", List.of("secretsmanager:GetSecretValue"), secretArns),
                        ifCondition(
                                HAS_VPC,
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
                                noValue()),
                        // These two read-only calls have no resource-level permissions in IAM.
                        ifCondition(
                                HAS_VPC,
                                statement(
                                        "VpcDescribe",
                                        List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"),
                                        "*"),
                                noValue())));
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
                        "Condition",
                        HAS_CUSTOM_DOMAIN,
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
                        "Condition",
                        HAS_CUSTOM_DOMAIN,
                        "DependsOn",
                        List.of(stageResource),
                        "Properties",
                        map("ApiId", ref(HTTP_API), "DomainName", ref("CustomDomain"), "Stage", "$default")));
    }

    static Map<String, Object> customDomainOutput() {
        return map(
                "Condition",
                HAS_CUSTOM_DOMAIN,
                "Description",
                "The custom domain's target: point its DNS record (CNAME or alias) here",
                "Value",
                getAtt("CustomDomain.RegionalDomainName"));
    }
}
