package com.taskdesk.budget.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskdesk.budget.FrontDoorProject;
import com.taskdesk.budget.ProjectCopy;
import com.taskdesk.budget.config.BudgetConfig;
import com.taskdesk.budget.config.BudgetException;
import com.taskdesk.budget.config.ConfigFiles;
import com.taskdesk.budget.config.Endpoint;
import com.taskdesk.budget.config.Finding;
import com.taskdesk.budget.config.FrontDoor;
import com.taskdesk.budget.render.DeployFiles;
import com.taskdesk.budget.render.FrontDoorFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What check refuses in a stage's front door, on config/s of the test's own: a move that splits the
 * writes, a moved function that may outlast the proxy, an app origin the functions refuse; and
 * what config/ cannot say at all. Each refusal is one line naming the stage, function and numbers.
 */
class FrontDoorRulesTest {

    private static final String APP = "https://desk.shop.example";
    private static final String API = "https://abc123.execute-api.eu-west-1.amazonaws.com";

    @TempDir
    Path temp;

    private FrontDoorProject project() {
        return FrontDoorProject.in(temp);
    }

    /** A stage whose front door moves {@code moves} (null: every route of the app) through {@code host}. */
    private FrontDoorProject withDoor(String host, List<String> moves, String more) {
        return project()
                .stage(
                        "shop",
                        List.of(APP),
                        "frontDoor:\n  host: " + host + "\n  appOrigin: " + APP + "\n  apiUrl: " + API + "\n"
                                + (moves == null ? "" : "  moves: [" + String.join(", ", moves) + "]\n")
                                + more);
    }

    private static List<String> frontDoorFindings(FrontDoorProject project) {
        return project.findings().stream()
                .filter(f -> f.kind().name().startsWith("FRONT_DOOR"))
                .map(Finding::message)
                .toList();
    }

    private static String names(List<Endpoint> endpoints) {
        return endpoints.stream().map(Endpoint::functionName).collect(Collectors.joining(", "));
    }

    @Test
    void movingOneWriteWithoutTheOthersIsRefusedNamingTheStageAndTheWritesLeftBehind() {
        List<Endpoint> writes = FrontDoor.writes();
        assertTrue(writes.size() >= 2, "mark-spam and the restores: " + writes);
        List<Endpoint> leftBehind = writes.subList(1, writes.size());

        FrontDoorProject project =
                withDoor("netlify", List.of("agents", writes.get(0).functionName()), "");

        assertEquals(
                List.of("shop/frontDoor: moves " + writes.get(0).functionName() + " but not " + names(leftBehind)
                        + ": the " + writes.size() + " writes change the same rows under one rule (tasks are moved,"
                        + " never deleted; a raw message with a task is never READY again), and the app's own restore"
                        + " would strand the tasks the functions moved; move all " + writes.size()
                        + " or none (contract: \"One move, one set of routes\")"),
                frontDoorFindings(project));
        FrontDoorProject.Run check = project.run("check");
        assertEquals(1, check.exitCode());
        assertTrue(check.err().contains("error: shop/frontDoor: moves "), check.err());
    }

    @Test
    void everyWriteOrNoWriteMovesAndTheReadsMayMoveOneByOne() {
        List<String> everyWrite =
                FrontDoor.writes().stream().map(Endpoint::functionName).toList();

        assertEquals(List.of(), frontDoorFindings(withDoor("netlify", List.of("agents"), "")));
        assertEquals(List.of(), frontDoorFindings(withDoor("netlify", everyWrite, "")));
        assertEquals(List.of(), frontDoorFindings(withDoor("netlify", null, "")), "by default every route moves");
        assertEquals(
                FrontDoor.appRoutes(),
                withDoor("nextjs", null, "").config().stage("shop").frontDoor().moved());
    }

    @Test
    void aMovedFunctionThatMayRunAsLongAsNetlifysProxyWaitsIsRefused() {
        FrontDoorProject atTheLimit = withDoor("netlify", null, "functions:\n  agents: {functionTimeoutSeconds: 26}\n");

        assertEquals(
                List.of("shop/agents: functionTimeoutSeconds 26 is not below the front door's proxy limit (netlify"
                        + " gives up after 26 s): a slow request would reach the browser as netlify's timeout instead"
                        + " of the function's 503; set functionTimeoutSeconds to at most 25"),
                frontDoorFindings(atTheLimit));
        String table = atTheLimit.run("check").out();
        assertTrue(table.lines().anyMatch(l -> l.matches("\\s+agents(\\s+\\d+){7}\\s+NO")), table);
        assertEquals(
                List.of(),
                frontDoorFindings(withDoor("netlify", null, "functions:\n  agents: {functionTimeoutSeconds: 25}\n")));
    }

    @Test
    void nextJsGivesUpAfter30SecondsSoAFunctionOf30IsRefusedThere() {
        String timeout30 = "functions:\n  metrics: {functionTimeoutSeconds: 30}\n";

        List<Finding> findings = withDoor("nextjs", null, timeout30).findings();

        assertEquals(
                List.of("shop/metrics: functionTimeoutSeconds 30 is not below the front door's proxy limit (nextjs"
                        + " gives up after 30 s): a slow request would reach the browser as nextjs's timeout instead"
                        + " of the function's 503; set functionTimeoutSeconds to at most 29"),
                findings.stream().map(Finding::message).toList(),
                "30 s is within the HTTP API's own limit: only the front door refuses it");
        assertEquals(
                List.of(),
                frontDoorFindings(withDoor("nextjs", null, "functions:\n  metrics: {functionTimeoutSeconds: 29}\n")));
    }

    @Test
    void aFunctionThatStaysOnTheAppIsNotBoundByTheProxyLimit() {
        FrontDoorProject project =
                withDoor("netlify", List.of("metrics"), "functions:\n  agents: {functionTimeoutSeconds: 28}\n");

        assertEquals(List.of(), frontDoorFindings(project));
    }

    @Test
    void theAppsOriginMustBeAnAllowedOriginSinceAPostThroughTheFrontDoorCarriesIt() {
        FrontDoorProject project = project()
                .stage(
                        "shop",
                        List.of("https://other.shop.example"),
                        "frontDoor: {host: netlify, appOrigin: " + APP + ", apiUrl: " + API + "}\n");

        assertEquals(
                List.of("shop/frontDoor: appOrigin " + APP + " is not in corsOrigins [https://other.shop.example]:"
                        + " a POST through the front door carries the app's own Origin, which the functions refuse"
                        + " (403); add " + APP + " to corsOrigins"),
                frontDoorFindings(project));
    }

    @Test
    void theApiUrlComesFromTheStagesDomainWhenNotGivenAndOneOfTheTwoIsRequired() {
        FrontDoorProject withDomain = project()
                .stage(
                        "shop",
                        List.of(APP),
                        "domain: {name: api.shop.example, certificateArn: "
                                + "'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d'}\n"
                                + "frontDoor: {host: netlify, appOrigin: " + APP + "}\n");
        assertEquals(
                "https://api.shop.example",
                withDomain.config().stage("shop").frontDoor().apiUrl());

        FrontDoorProject neither =
                project().stage("shop", List.of(APP), "frontDoor: {host: netlify, appOrigin: " + APP + "}\n");
        assertEquals(
                "config/shop.yaml: frontDoor.apiUrl is missing: the stage's API (the stack's ApiUrl output after"
                        + " its first deploy, or fromStack to fill it in when the rules are installed), or give the"
                        + " stage a domain",
                assertThrows(BudgetException.class, neither::config).getMessage());
    }

    @Test
    void onlyTheAppsOwnRoutesMoveAndEachOnce() {
        Endpoint health = Endpoint.all().stream()
                .filter(e -> !e.managerRoute())
                .findFirst()
                .orElseThrow();

        assertEquals(
                "config/shop.yaml: frontDoor.moves: " + health.functionName() + " serves " + health.path()
                        + ", the functions' own probe, not a route of the app (which answers its own " + health.path()
                        + "): only the app's routes move (" + names(FrontDoor.appRoutes()) + ")",
                assertThrows(
                                BudgetException.class,
                                () -> withDoor("netlify", List.of(health.functionName()), "")
                                        .config())
                        .getMessage());
        assertEquals(
                "config/shop.yaml: frontDoor.moves: 'agent' is not one of the functions ("
                        + String.join(", ", Endpoint.functionNames()) + ")",
                assertThrows(
                                BudgetException.class,
                                () -> withDoor("netlify", List.of("agent"), "").config())
                        .getMessage());
        assertEquals(
                "config/shop.yaml: frontDoor.moves: agents appears twice",
                assertThrows(
                                BudgetException.class,
                                () -> withDoor("netlify", List.of("agents", "agents"), "")
                                        .config())
                        .getMessage());
    }

    @Test
    void theHostAndTheUrlsAreRefusedWhenMalformed() {
        assertEquals(
                "config/shop.yaml: frontDoor.host must be netlify or nextjs; got 'vercel'",
                assertThrows(
                                BudgetException.class,
                                () -> withDoor("vercel", null, "").config())
                        .getMessage());
        FrontDoorProject withPath = project()
                .stage(
                        "shop",
                        List.of(APP),
                        "frontDoor: {host: netlify, appOrigin: " + APP + ", apiUrl: '" + API + "/prod'}\n");
        assertEquals(
                "config/shop.yaml: frontDoor.apiUrl must be scheme://host[:port], no path or wildcard; got '" + API
                        + "/prod'",
                assertThrows(BudgetException.class, withPath::config).getMessage());
    }

    @Test
    void theShippedStagesPassTheFrontDoorRulesAndTheirRulesAreCommittedAsRendered() {
        BudgetConfig shipped = ConfigFiles.load(ProjectCopy.PROJECT);

        assertEquals(List.of(), FrontDoorCheck.run(shipped));
        Map<String, String> rules = FrontDoorFiles.render(shipped);
        assertEquals(
                shipped.stages().stream()
                        .filter(stage -> stage.frontDoor() != null)
                        .map(FrontDoorFiles::file)
                        .toList(),
                List.copyOf(rules.keySet()));
        assertTrue(rules.size() >= 2, "the shipped stages show both hosts: " + rules.keySet());
        assertEquals(
                List.of(),
                DeployFiles.stale(ProjectCopy.PROJECT, DeployFiles.render(shipped)).stream()
                        .filter(f -> f.subject().startsWith(FrontDoorFiles.DIRECTORY + "/"))
                        .map(Finding::message)
                        .toList());
    }
}
