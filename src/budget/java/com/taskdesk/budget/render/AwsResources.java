package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.CfnYaml.ifCondition;
import static com.taskdesk.budget.render.CfnYaml.noValue;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.FunctionBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CloudFormation resources both deploy files declare the same way: each function's own role
 * (least privilege: its log group, its stage's secrets it reads, network interfaces only in a VPC),
 * log groups that outlive the stack (not a failed first create), the HTTP API's access log format, and the optional custom
 * domain of the HTTP API.
 */
public final class AwsResources {

    static final String HAS_VPC = "HasVpc";
    /** The HTTP API and its $default stage have these logical ids in SAM and in the Serverless Framework. */
    static final String HTTP_API = "HttpApi";

    /**
     * The HTTP API's access log, one JSON object per request: who asked what, what the gateway and the
     * function answered and how long each took. status is a number (the 429 metric filter compares it);
     * the rest are strings ("-" where the gateway has no value, e.g. no integration after a 429). The
     * gateway's error message can quote the request (a malformed Authorization header), so it comes
     * through $context.error.messageString, which the gateway writes quoted and escaped.
     */
    static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\",\"apiId\":\"$context.apiId\","
            + "\"routeKey\":\"$context.routeKey\",\"status\":$context.status,"
            + "\"error\":$context.error.messageString,\"integrationStatus\":\"$context.integrationStatus\","
            + "\"integrationError\":\"$context.integrationErrorMessage\","
            + "\"responseLatency\":\"$context.responseLatency\","
            + "\"integrationLatency\":\"$context.integrationLatency\","
            + "\"responseLength\":\"$context.responseLength\"}";

    /** A role a service assumes, with one inline policy; boundary: its permissions boundary, or null. */
    private static final Fragment ROLE = Fragment.of("""
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {Service: <service>.amazonaws.com}
                    Action: sts:AssumeRole
              PermissionsBoundary: <boundary>
              Policies:
                - PolicyName: <policyName>
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement: <statements>
            """);

    /**
     * What a function's role allows: writing to its own log group, reading its own secrets (its
     * database-url, and the token secret when it checks tokens). No Sid: the resources say it, and
     * fourteen functions' two lines each keep a stage's template within 900 lines.
     */
    private static final Fragment FUNCTION_STATEMENTS = Fragment.of("""
            - Effect: Allow
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents']
              Resource: <logGroupArn>
            - Effect: Allow
              Action: ['secretsmanager:GetSecretValue']
              Resource: <secretArns>
            """);

    /** In a VPC, Lambda attaches the function through network interfaces; the two describe calls have no resource-level permissions in IAM. */
    private static final Fragment VPC_STATEMENTS = Fragment.of("""
            - Sid: VpcNetworkInterfaces
              Effect: Allow
              Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses']
              Resource:
                - !Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:network-interface/*'
                - !Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:subnet/*'
                - !Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/*'
            - Sid: VpcDescribe
              Effect: Allow
              Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets']
              Resource: '*'
            """);

    /**
     * A log group stays when the stack is deleted or the group replaced (logs are evidence), but not
     * when the stack's first create rolls back: a kept group of that name would fail the retry with
     * "already exists". (UpdateReplacePolicy has no RetainExceptOnCreate; a replacement is never a
     * first create.) serverless.yml gives the groups the framework creates the same two policies.
     */
    private static final Fragment LOG_GROUP = Fragment.of("""
            Type: AWS::Logs::LogGroup
            DeletionPolicy: RetainExceptOnCreate
            UpdateReplacePolicy: Retain
            Properties: {LogGroupName: <name>, RetentionInDays: <retentionDays>}
            """);

    /**
     * The API on the app's own site, so the browser sends the auth-token cookie to it, mapped to the
     * API's $default stage (its resource is stageResource).
     */
    private static final Fragment CUSTOM_DOMAIN = Fragment.of("""
            CustomDomain:
              Type: AWS::ApiGatewayV2::DomainName
              Properties:
                DomainName: <domainName>
                DomainNameConfigurations: [{CertificateArn: <certificateArn>, EndpointType: REGIONAL, SecurityPolicy: TLS_1_2}]
            CustomDomainMapping:
              Type: AWS::ApiGatewayV2::ApiMapping
              DependsOn: [<stageResource>]
              Properties: {ApiId: !Ref HttpApi, DomainName: !Ref CustomDomain, Stage: $default}
            """);

    /** A route's throttle on the HTTP API's stage, and its detailed metrics. */
    private static final Fragment ROUTE_SETTINGS =
            Fragment.of("{ThrottlingRateLimit: <rate>, ThrottlingBurstLimit: <burst>, DetailedMetricsEnabled: true}");

    private AwsResources() {}

    static Map<String, Object> routeSettings(FunctionBudget.Throttle throttle) {
        return ROUTE_SETTINGS.map("rate", throttle.ratePerSecond(), "burst", throttle.burst());
    }

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

    /** A role the service (lambda, codedeploy) assumes, with one inline policy of these statements. */
    static Map<String, Object> role(String service, String policyName, List<?> statements, Object boundary) {
        return ROLE.map("service", service, "boundary", boundary, "policyName", policyName, "statements", statements);
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
     * A function's role. secretArns are !Sub ARNs naming the secrets it reads (secretArns); Secrets Manager
     * appends six random characters to a secret's ARN.
     */
    static Map<String, Object> functionRole(
            String function, Object logGroupArn, List<Object> secretArns, InVpc inVpc, Object boundary) {
        List<Object> statements = new ArrayList<>(
                (List<?>) FUNCTION_STATEMENTS.with("logGroupArn", logGroupArn, "secretArns", secretArns));
        for (Object statement : (List<?>) VPC_STATEMENTS.with()) {
            if (inVpc.condition() != null) {
                statements.add(ifCondition(inVpc.condition(), statement, noValue()));
            } else if (inVpc.always()) {
                statements.add(statement);
            }
        }
        return role("lambda", function, statements, boundary);
    }

    /** A function's or the API's log group, kept DeployContract.LOG_RETENTION_DAYS. */
    static Map<String, Object> logGroup(Object name) {
        return LOG_GROUP.map("name", name, "retentionDays", DeployContract.LOG_RETENTION_DAYS);
    }

    /** A log group's DeletionPolicy and UpdateReplacePolicy, as LOG_GROUP states them. */
    static Map<String, Object> keptExceptOnCreate() {
        Map<String, Object> policies = new LinkedHashMap<>(logGroup("-"));
        policies.keySet().retainAll(List.of("DeletionPolicy", "UpdateReplacePolicy"));
        return policies;
    }

    static String secretArn(String secretId) {
        return arn("secretsmanager", "secret:" + secretId + "-??????");
    }

    /**
     * The secrets a function's role may read, as !Sub ARNs: the database URL's, and the token secret's
     * only when its endpoint checks tokens (health reads none).
     */
    static List<Object> secretArns(Endpoint endpoint, String databaseUrlSecretId, String tokenSecretId) {
        List<Object> arns = new ArrayList<>(List.of(sub(secretArn(databaseUrlSecretId))));
        if (endpoint.checksToken()) {
            arns.add(sub(secretArn(tokenSecretId)));
        }
        return arns;
    }

    /** The custom domain and its mapping to the API's $default stage (stageResource), by logical id. */
    static Map<String, Object> customDomain(Object domainName, Object certificateArn, String stageResource) {
        return CUSTOM_DOMAIN.map(
                "domainName", domainName, "certificateArn", certificateArn, "stageResource", stageResource);
    }
}
