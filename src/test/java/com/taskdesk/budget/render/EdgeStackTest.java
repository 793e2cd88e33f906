package com.taskdesk.budget.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.StageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stage with {@code edge}: render writes edge-&lt;stage&gt;.yaml (CloudFront with a CLOUDFRONT-scope
 * WAF web ACL, for us-east-1) that refuses requests without a token and holds each client to its
 * per-minute limit before API Gateway, and the stage's template disables the execute-api address;
 * check states what an anonymous client can consume, with and without it.
 */
class EdgeStackTest {

    private static final int PER_MINUTE = 60;

    @TempDir
    Path temp;

    private ProjectCopy withEdge(Path dir) {
        return ProjectCopy.of(dir)
                .set(
                        "config/prod.yaml",
                        "domain",
                        Map.of(
                                "name",
                                "api.desk.example.com",
                                "certificateArn",
                                "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))
                .set("config/prod.yaml", "edge", Map.of("requestsPerClientPerMinute", PER_MINUTE))
                .rendered();
    }

    private static Object at(Object node, Object... path) {
        for (Object key : path) {
            node = key instanceof Integer index ? ((List<?>) node).get(index) : ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    @Test
    void aStageWithAnEdgeGetsAWebAclThatRefusesTokenlessRequestsAndRateLimitsEachClient() {
        StageConfig prod = withEdge(temp).config().stage("prod");

        Map<String, Object> edge = EdgeStack.document(prod);

        Object acl = at(edge, "Resources", "WebAcl", "Properties");
        assertEquals("CLOUDFRONT", at(acl, "Scope"));
        List<?> rules = (List<?>) at(acl, "Rules");
        assertEquals(
                List.of(
                        "refuse-requests-without-a-token",
                        "per-client-rate-through-the-front-door",
                        "per-client-rate-direct"),
                rules.stream().map(rule -> at(rule, "Name")).toList());
        assertEquals(401, at(rules.get(0), "Action", "Block", "CustomResponse", "ResponseCode"));
        String tokenless = String.valueOf(at(rules.get(0), "Statement"));
        assertTrue(tokenless.contains("auth-token=") && tokenless.contains("Bearer "), tokenless);
        assertTrue(tokenless.contains("/api/health"), "the functions' own probe takes no token: " + tokenless);
        assertEquals(PER_MINUTE, at(rules.get(1), "Statement", "RateBasedStatement", "Limit"));
        assertEquals(60, at(rules.get(1), "Statement", "RateBasedStatement", "EvaluationWindowSec"));
        assertEquals(
                "X-Forwarded-For",
                at(rules.get(1), "Statement", "RateBasedStatement", "ForwardedIPConfig", "HeaderName"));
        assertEquals("IP", at(rules.get(2), "Statement", "RateBasedStatement", "AggregateKeyType"));
        Object origin = at(edge, "Resources", "Distribution", "Properties", "DistributionConfig", "Origins", 0);
        assertEquals("api.desk.example.com", at(origin, "DomainName"));
        assertEquals(
                CfnYaml.getAtt("WebAcl.Arn"),
                at(edge, "Resources", "Distribution", "Properties", "DistributionConfig", "WebACLId"));
        assertEquals(
                true,
                at(SamTemplate.document(prod), "Resources", "HttpApi", "Properties", "DisableExecuteApiEndpoint"));
    }

    @Test
    void theFrontDoorOfAStageWithAnEdgeGoesThroughCloudFront() {
        ProjectCopy copy = withEdge(temp);
        String rules = copy.read("front-door/prod/netlify.toml");
        assertTrue(rules.contains("--region us-east-1 --stack-name taskdesk-manager-prod-edge"), rules);
        assertTrue(rules.contains("OutputKey=='EdgeUrl'"), rules);

        copy.set("config/prod.yaml", "frontDoor.apiUrl", null).rendered();
        assertEquals(
                List.of("prod/frontDoor: apiUrl https://api.desk.example.com is the API's own domain, which the stage's"
                        + " edge puts behind CloudFront: the rules would skip its WAF; give apiUrl: fromStack (the edge"
                        + " stack's EdgeUrl) or the edge's own address"),
                copy.findings().stream()
                        .filter(f -> f.kind() == com.taskdesk.budget.config.Finding.Kind.FRONT_DOOR_BYPASSES_EDGE)
                        .map(com.taskdesk.budget.config.Finding::message)
                        .toList());
    }

    @Test
    void aStageWithoutAnEdgeKeepsItsExecuteApiAddressAndRendersNoEdgeStack() {
        ProjectCopy copy = ProjectCopy.of(temp);
        StageConfig prod = copy.config().stage("prod");
        assertNull(at(SamTemplate.document(prod), "Resources", "HttpApi", "Properties", "DisableExecuteApiEndpoint"));
        assertTrue(DeployFiles.render(copy.config()).keySet().stream().noneMatch(name -> name.startsWith("edge-")));
    }

    @Test
    void anEdgeWithoutADomainIsRefusedNamingTheFileAndKey() {
        ProjectCopy copy =
                ProjectCopy.of(temp).set("config/prod.yaml", "edge", Map.of("requestsPerClientPerMinute", PER_MINUTE));

        ProjectCopy.ToolRun check = copy.run("check", "--stage", "prod");

        assertEquals(3, check.exitCode(), check.err());
        assertEquals(
                List.of("error: config/prod.yaml: edge needs the stage's domain: CloudFront reaches the API at it, and"
                        + " its execute-api address is disabled (give domain: {name, certificateArn})"),
                check.errors());
    }

    @Test
    void theThrottleTableSaysWhatAnAnonymousClientCanConsumeWithAndWithoutTheEdge() {
        String without = ProjectCopy.of(temp.resolve("without"))
                .run("check", "--stage", "prod")
                .out();
        assertTrue(
                without.contains("An anonymous client can consume: every route's whole rate and burst (the gateway"
                        + " throttles before any token is checked, and the functions check it); 2 request(s) a second"
                        + " hold spam-restore (2/s, burst 1) at 429 for every manager"),
                without);

        ProjectCopy.ToolRun with = withEdge(temp.resolve("with")).run("check", "--stage", "prod");
        assertEquals(0, with.exitCode(), with.err());
        assertTrue(
                with.out()
                        .contains("An anonymous client can consume: nothing without a token (refused by WAF in"
                                + " edge-prod.yaml, before the gateway); with any token, forged or not, 60 requests a"
                                + " minute per client address (1.0/s, against the tightest route spam-restore (2/s,"
                                + " burst 1))"),
                with.out());
    }

    @Test
    void anEdgeStackConfigNoLongerRendersFailsCheckUntilDeleted() throws Exception {
        ProjectCopy copy = withEdge(temp);
        assertTrue(Files.exists(copy.dir().resolve("edge-prod.yaml")));
        copy.set("config/prod.yaml", "edge", null).rendered();

        ProjectCopy.ToolRun check = copy.run("check", "--stage", "prod");

        assertEquals(1, check.exitCode());
        assertEquals(
                List.of("error: edge-prod.yaml is not rendered from config/ (no stage of that name): delete it"),
                check.errors());
    }

    @Test
    void theEdgeStackAndTheTemplateWithoutExecuteApiLintClean() throws Exception {
        ProjectCopy copy = withEdge(temp);
        assertFalse(copy.read("edge-prod.yaml").isEmpty());
        DeployTools.lintClean(
                List.of(copy.dir().resolve("edge-prod.yaml"), copy.dir().resolve("template-prod.yaml")));
    }
}
