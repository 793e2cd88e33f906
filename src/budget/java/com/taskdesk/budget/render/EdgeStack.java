package com.taskdesk.budget.render;

import static com.taskdesk.budget.render.CfnYaml.getAtt;
import static com.taskdesk.budget.render.CfnYaml.map;
import static com.taskdesk.budget.render.CfnYaml.sub;

import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.StageConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * edge-&lt;stage&gt;.yaml, for a stage with {@code edge}: a CloudFront distribution in front of the
 * stage's API (its custom domain; the template disables the execute-api address) with an AWS WAF web
 * ACL, CLOUDFRONT scope, so the stack is deployed in us-east-1. WAF runs before the request reaches
 * API Gateway: a request with neither the auth-token cookie nor a Bearer token is refused (401), and
 * each client gets {@code requestsPerClientPerMinute} (429 beyond), so no anonymous client can spend the
 * gateway's route throttles, which every client shares. docs/deploy.md, "Per-client protection".
 */
public final class EdgeStack {

    /** us-east-1: where CloudFront's web ACLs (and its certificates) must be. */
    public static final String REGION = "us-east-1";
    /** AWS managed cache policy CachingDisabled: nothing is cached (every answer is private). */
    static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    /** AWS managed origin request policy AllViewerExceptHostHeader: cookies, query and headers travel. */
    static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
    /** WAF's shortest rate window. */
    static final int WINDOW_SECONDS = 60;
    /** The functions' own probe, which takes no token. */
    static final String HEALTH_PATH = "/api/health";

    private EdgeStack() {}

    /** Every edge stack's file name, rendered or left over. */
    static final String FILE_PATTERN = "edge-[a-z0-9]+\\.yaml";

    /** edge-prod.yaml */
    public static String file(StageConfig stage) {
        return "edge-" + stage.name() + ".yaml";
    }

    /** The stack: taskdesk-manager-prod-edge. */
    public static String stackName(StageConfig stage) {
        return DeployContract.SAM_STACK_PREFIX + stage.name() + "-edge";
    }

    public static Map<String, String> render(BudgetConfig config) {
        Map<String, String> files = new LinkedHashMap<>();
        for (StageConfig stage : config.stages()) {
            if (stage.edge() != null) {
                files.put(
                        file(stage),
                        CfnYaml.write(
                                "CloudFront and AWS WAF in front of stage " + stage.name() + "'s API ("
                                        + stage.fileName() + ", edge). Deploy in " + REGION + ":\n"
                                        + "  aws cloudformation deploy --region " + REGION + " --stack-name "
                                        + stackName(stage) + " --template-file " + file(stage) + "\n"
                                        + "then point the front door at its output EdgeUrl (docs/deploy.md).",
                                document(stage)));
            }
        }
        return files;
    }

    static Map<String, Object> document(StageConfig stage) {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("WebAcl", webAcl(stage));
        resources.put("Distribution", distribution(stage));
        return map(
                "AWSTemplateFormatVersion",
                "2010-09-09",
                "Description",
                "Task desk manager endpoints, stage " + stage.name() + ": CloudFront and WAF in front of "
                        + stage.domain().name(),
                "Resources",
                resources,
                "Outputs",
                map(
                        "EdgeUrl",
                        map(
                                "Description",
                                "Where the front door sends the moved routes (frontDoor.apiUrl)",
                                "Value",
                                sub("https://${Distribution.DomainName}"))));
    }

    private static Map<String, Object> webAcl(StageConfig stage) {
        return map(
                "Type",
                "AWS::WAFv2::WebACL",
                "Properties",
                map(
                        "Name",
                        stackName(stage),
                        "Scope",
                        "CLOUDFRONT",
                        "DefaultAction",
                        map("Allow", map()),
                        "VisibilityConfig",
                        visibility(stackName(stage)),
                        "Rules",
                        List.of(
                                rule("refuse-requests-without-a-token", 0, 401, withoutAToken()),
                                rule(
                                        "per-client-rate-through-the-front-door",
                                        1,
                                        429,
                                        map(
                                                "RateBasedStatement",
                                                map(
                                                        "Limit",
                                                        stage.edge().requestsPerClientPerMinute(),
                                                        "EvaluationWindowSec",
                                                        WINDOW_SECONDS,
                                                        "AggregateKeyType",
                                                        "FORWARDED_IP",
                                                        "ForwardedIPConfig",
                                                        map(
                                                                "HeaderName",
                                                                "X-Forwarded-For",
                                                                "FallbackBehavior",
                                                                "NO_MATCH")))),
                                rule(
                                        "per-client-rate-direct",
                                        2,
                                        429,
                                        map(
                                                "RateBasedStatement",
                                                map(
                                                        "Limit",
                                                        stage.edge().requestsPerClientPerMinute(),
                                                        "EvaluationWindowSec",
                                                        WINDOW_SECONDS,
                                                        "AggregateKeyType",
                                                        "IP",
                                                        "ScopeDownStatement",
                                                        not(map(
                                                                "SizeConstraintStatement",
                                                                map(
                                                                        "FieldToMatch",
                                                                        header("x-forwarded-for"),
                                                                        "ComparisonOperator",
                                                                        "GT",
                                                                        "Size",
                                                                        0,
                                                                        "TextTransformations",
                                                                        none())))))))));
    }

    /** Neither the auth-token cookie nor a Bearer token, on any route but the functions' own probe. */
    private static Map<String, Object> withoutAToken() {
        return map(
                "AndStatement",
                map(
                        "Statements",
                        List.of(
                                not(match(map("UriPath", map()), "STARTS_WITH", HEALTH_PATH)),
                                not(map(
                                        "OrStatement",
                                        map(
                                                "Statements",
                                                List.of(
                                                        match(header("cookie"), "CONTAINS", "auth-token="),
                                                        match(header("authorization"), "STARTS_WITH", "Bearer "))))))));
    }

    private static Map<String, Object> rule(String name, int priority, int status, Map<String, Object> statement) {
        return map(
                "Name",
                name,
                "Priority",
                priority,
                "Action",
                map("Block", map("CustomResponse", map("ResponseCode", status))),
                "Statement",
                statement,
                "VisibilityConfig",
                visibility(name));
    }

    private static Map<String, Object> match(Map<String, Object> field, String position, String text) {
        return map(
                "ByteMatchStatement",
                map(
                        "FieldToMatch",
                        field,
                        "PositionalConstraint",
                        position,
                        "SearchString",
                        text,
                        "TextTransformations",
                        none()));
    }

    private static Map<String, Object> header(String name) {
        return map("SingleHeader", map("Name", name));
    }

    private static Map<String, Object> not(Map<String, Object> statement) {
        return map("NotStatement", map("Statement", statement));
    }

    private static List<Object> none() {
        return List.of(map("Priority", 0, "Type", "NONE"));
    }

    private static Map<String, Object> visibility(String metric) {
        return map("SampledRequestsEnabled", true, "CloudWatchMetricsEnabled", true, "MetricName", metric);
    }

    private static Map<String, Object> distribution(StageConfig stage) {
        return map(
                "Type",
                "AWS::CloudFront::Distribution",
                "Properties",
                map(
                        "DistributionConfig",
                        map(
                                "Enabled",
                                true,
                                "Comment",
                                stackName(stage),
                                "HttpVersion",
                                "http2",
                                "PriceClass",
                                "PriceClass_100",
                                "WebACLId",
                                getAtt("WebAcl.Arn"),
                                "Origins",
                                List.of(map(
                                        "Id",
                                        "api",
                                        "DomainName",
                                        stage.domain().name(),
                                        "CustomOriginConfig",
                                        map(
                                                "OriginProtocolPolicy",
                                                "https-only",
                                                "OriginSSLProtocols",
                                                List.of("TLSv1.2"),
                                                "OriginReadTimeout",
                                                30))),
                                "DefaultCacheBehavior",
                                map(
                                        "TargetOriginId",
                                        "api",
                                        "ViewerProtocolPolicy",
                                        "https-only",
                                        "AllowedMethods",
                                        List.of("GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"),
                                        "CachePolicyId",
                                        CACHING_DISABLED,
                                        "OriginRequestPolicyId",
                                        ALL_VIEWER_EXCEPT_HOST))));
    }
}
